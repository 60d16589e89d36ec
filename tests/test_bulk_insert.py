"""plans.bulk writes what django-simple-history's bulk_create_with_history writes, faster."""

from django.db import connection
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from plans import bulk
from plans.bulk import insert_with_history
from plans.models import RencanaKegiatan
from tests.factories import KegiatanFactory, UserFactory

SKIP = {"id", "history_id", "uid", "text"}


def lines(kegiatan, prefix):
    made = []
    for n, months in enumerate([[1, 5], [], [12]]):
        line = RencanaKegiatan(
            plan=kegiatan.plan,
            kegiatan=kegiatan,
            order=n + 1,
            text=f"{prefix} {n}",
            biaya=8_378_000 if months else None,
            akun="3358.ebc.954.051.a.521211",
            month_amounts={"5": 8_000_000, "1": 378_000} if n == 0 else {},
        )
        line.months = months
        made.append(line.prepare())
    return made


def history_values(objs):
    rows = RencanaKegiatan.history.filter(id__in=[obj.pk for obj in objs]).order_by("id")
    return [{k: v for k, v in row.items() if k not in SKIP} for row in rows.values()]


def test_nodes_and_their_history_match_simple_historys_own_bulk_insert(db):
    kegiatan, user, when = KegiatanFactory(), UserFactory(), timezone.now()
    ours = insert_with_history(
        RencanaKegiatan, lines(kegiatan, "ours"), user=user, reason="Diimpor", when=when
    )
    theirs = bulk_create_with_history(
        lines(kegiatan, "theirs"),
        RencanaKegiatan,
        default_user=user,
        default_change_reason="Diimpor",
        default_date=when,
    )
    assert all(line.pk for line in ours) and not ours[0]._state.adding
    saved = RencanaKegiatan.objects.filter(pk__in=[line.pk for line in ours]).order_by("pk")
    assert [
        (line.text, line.months, line.biaya, line.akun_belanja, line.month_amounts)
        for line in saved
    ] == [
        ("ours 0", [1, 5], 8_378_000, "521211", {"5": 8_000_000, "1": 378_000}),
        ("ours 1", [], None, "521211", {}),
        ("ours 2", [12], 8_378_000, "521211", {}),
    ]
    assert [line.uid for line in saved] == [line.uid for line in ours]
    assert history_values(ours) == history_values(theirs)
    first = RencanaKegiatan.history.filter(id=ours[0].pk).get()
    assert (first.history_type, first.history_user, first.history_date) == ("+", user, when)
    assert first.text == "ours 0" and first.uid == ours[0].uid


def test_an_empty_list_writes_nothing(db):
    assert insert_with_history(RencanaKegiatan, [], when=timezone.now()) == []
    assert not RencanaKegiatan.history.exists()


def test_a_backend_without_returned_keys_gets_simple_historys_own_bulk_insert(db, monkeypatch):
    monkeypatch.setattr(type(connection.features), "can_return_rows_from_bulk_insert", False)
    calls = []

    def theirs(objs, *args, **kwargs):
        calls.append(len(objs))
        return bulk_create_with_history(objs, *args, **kwargs)

    monkeypatch.setattr(bulk, "bulk_create_with_history", theirs)
    kegiatan, user, when = KegiatanFactory(), UserFactory(), timezone.now()
    saved = insert_with_history(
        RencanaKegiatan, lines(kegiatan, "fallback"), user=user, reason="Diimpor", when=when
    )
    assert calls == [3] and all(line.pk for line in saved)
    history = RencanaKegiatan.history.filter(id__in=[line.pk for line in saved])
    assert sorted(history.values_list("text", "history_type", "history_change_reason")) == [
        (f"fallback {n}", "+", "Diimpor") for n in range(3)
    ]
    assert {(row.history_user, row.history_date) for row in history} == {(user, when)}
