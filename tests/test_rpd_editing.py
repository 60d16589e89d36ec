"""Amounts per month of a line (``RencanaKegiatan.month_amounts``): the checks of
``clean()``, the cost editor as planner, secretary and outsider, the month toggle, and
copies and the history that keep them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plans import editing, workflow
from plans.history import plan_history
from plans.models import RencanaKegiatan
from plans.models.tree import checked_month_amounts
from plans.services import copy_plan
from tests.factories import LineFactory


@pytest.mark.parametrize(
    ("amounts", "biaya", "months", "expected"),
    [
        ({}, 1_000, [1], {}),
        (None, None, [], {}),
        ({"7": 400, "3": 600}, 1_000, [3, 7], {"3": 600, "7": 400}),  # sorted by month
        ({3: 600, " 7": 400}, 1_000, [3, 7], {"3": 600, "7": 400}),  # keys as text
        ({"3": 0, "7": 1_000}, 1_000, [3, 7], {"3": 0, "7": 1_000}),
        ({"3": 0}, 0, [3], {"3": 0}),
    ],
)
def test_month_amounts_that_fit_are_kept_normalised(amounts, biaya, months, expected):
    assert checked_month_amounts(amounts, biaya, months) == expected


@pytest.mark.parametrize(
    ("amounts", "biaya", "months", "message"),
    [
        ({"3": 600, "7": 300}, 1_000, [3, 7], "Jumlah rincian per bulan (Rp 900) tidak sama "
         "dengan perkiraan biaya (Rp 1.000); selisih Rp 100."),
        ({"3": 600, "8": 400}, 1_000, [3, 7], "Rincian biaya bulan Agustus: bulan ini tidak "
         "dijadwalkan"),
        ({"13": 1_000}, 1_000, [3], "“13” bukan bulan; yang diharapkan 1 sampai 12."),
        ({"Maret": 1_000}, 1_000, [3], "“Maret” bukan bulan"),
        ({"3": -5, "7": 1_005}, 1_000, [3, 7], "Rincian biaya bulan Maret: “-5” bukan rupiah "
         "bulat"),
        ({"3": 1.5}, 1_000, [3], "Rincian biaya bulan Maret: “1.5” bukan rupiah bulat"),
        ({"3": "1000"}, 1_000, [3], "Rincian biaya bulan Maret"),
        ({"3": True}, 1, [3], "Rincian biaya bulan Maret"),
        ({"3": 10**13}, 10**13, [3], "antara 0 dan Rp 1 triliun"),
        ({"3": 1_000}, None, [3], "perkiraan biaya kosong"),
        ([1_000], 1_000, [3], "harus berupa pasangan bulan dan jumlah rupiah"),
    ],
)  # fmt: skip
def test_month_amounts_that_do_not_fit_are_refused_naming_the_month(
    amounts, biaya, months, message
):
    with pytest.raises(ValidationError) as error:
        checked_month_amounts(amounts, biaya, months)
    assert any(message in text for text in error.value.messages), error.value.messages


def test_clean_checks_the_line_month_amounts_and_its_akun_together(plan):
    line = LineFactory.build(
        plan=plan, biaya=1_000, akun="bukan kode", b1=True, month_amounts={"2": 1_000}
    )
    with pytest.raises(ValidationError) as error:
        line.clean()
    assert set(error.value.message_dict) == {"akun", "month_amounts"}
    assert "Februari" in error.value.message_dict["month_amounts"][0]


@pytest.fixture
def line(demo):
    """Rp 8.378.000 every month, on the Gorontalo draft plan."""
    return RencanaKegiatan.objects.get(text="ATK Administrasi Kepegawaian")


def line_data(line, amounts=None, **changes):
    data = {
        "text": line.text,
        "biaya": "8.378.000",
        "akun": line.akun,
        "ket": "",
        "lock_version": line.lock_version,
        **{f"b{month}": "on" for month in line.months},
        **{f"month_amounts_{month}": "" for month in range(1, 13)},
    }
    data.update({f"month_amounts_{month}": text for month, text in (amounts or {}).items()})
    data.update(changes)
    return data


def login(client, username):
    assert client.login(username=username, password="renaksi-demo")


def test_the_planner_sets_amounts_per_month_the_indonesian_way(client, line):
    login(client, "perencana.gorontalo")
    form = client.get(reverse("node_edit", args=["baris", line.pk])).content.decode()
    assert 'name="month_amounts_3"' in form and "Rincian biaya per bulan" in form
    amounts = {1: "Rp 4.000.000", 6: "4.378.000", 2: "0", 3: "-"}
    response = client.post(reverse("node_edit", args=["baris", line.pk]), line_data(line, amounts))
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.month_amounts == {"1": 4_000_000, "2": 0, "6": 4_378_000}
    page = client.get(reverse("node_edit", args=["baris", line.pk])).content.decode()
    assert 'name="month_amounts_6" value="4.378.000"' in page


def test_empty_amounts_spread_the_cost_evenly_again(client, line):
    line.month_amounts = {"1": 8_378_000}
    line.save()
    login(client, "perencana.gorontalo")
    client.post(reverse("node_edit", args=["baris", line.pk]), line_data(line))
    line.refresh_from_db()
    assert line.month_amounts == {}


@pytest.mark.parametrize(
    ("amounts", "changes", "message"),
    [
        ({1: "4.000.000"}, {}, "Jumlah rincian per bulan (Rp 4.000.000) tidak sama dengan "
         "perkiraan biaya (Rp 8.378.000)"),
        ({1: "4.000.000", 2: "4.378.000"}, {"b2": ""}, "Rincian biaya bulan Februari: bulan ini "
         "tidak dijadwalkan"),
        ({5: "empat juta"}, {}, "Mei: &quot;empat juta&quot; bukan nilai rupiah"),
        ({1: "8.378.000"}, {"biaya": "9.000.000"}, "selisih Rp 622.000"),
    ],
)  # fmt: skip
def test_amounts_that_do_not_fit_are_explained_and_nothing_is_saved(
    client, line, amounts, changes, message
):
    login(client, "perencana.gorontalo")
    url = reverse("node_edit", args=["baris", line.pk])
    response = client.post(url, line_data(line, amounts, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    line.refresh_from_db()
    assert (line.month_amounts, line.biaya, line.lock_version) == ({}, 8_378_000, 1)


def test_changing_the_cost_alone_asks_for_amounts_that_fit(client, line):
    line.month_amounts = {"1": 8_378_000}
    line.save()
    login(client, "perencana.gorontalo")
    data = line_data(line, {1: "8.378.000"}, biaya="9.000.000")
    response = client.post(reverse("node_edit", args=["baris", line.pk]), data)
    assert "tidak sama dengan perkiraan biaya (Rp 9.000.000)" in response.content.decode()


def test_the_secretary_may_not_set_amounts(client, line):
    login(client, "sekretaris.gorontalo")
    url = reverse("node_edit", args=["baris", line.pk])
    assert client.post(url, line_data(line, {1: "8.378.000"})).status_code == 403
    line.refresh_from_db()
    assert line.month_amounts == {}


def test_an_outsider_may_not_see_the_line(client, line):
    login(client, "perencana.tomohon")
    url = reverse("node_edit", args=["baris", line.pk])
    assert client.post(url, line_data(line, {1: "8.378.000"})).status_code == 404


def test_a_compact_layout_line_with_amounts_is_edited_without_them(client, demo):
    """Tomohon prints no costs: its editor has no amounts, and keeps the ones it has."""
    line = demo["KPU-KOTA-TOMOHON"].lines.exclude(month_amounts={}).first()
    before = line.month_amounts
    login(client, "perencana.tomohon")
    url = reverse("node_edit", args=["baris", line.pk])
    assert "month_amounts_1" not in client.get(url).content.decode()
    data = {"lock_version": line.lock_version, **{f"b{m}": "on" for m in line.months}}
    data |= {"kegiatan": line.kegiatan.text}
    assert client.post(url, data).status_code == 302
    line.refresh_from_db()
    assert line.month_amounts == before and line.lock_version == 2


def test_unscheduling_a_month_with_an_amount_is_refused(client, line):
    line.month_amounts = {"1": 8_378_000, "2": 0}
    line.save()
    login(client, "perencana.gorontalo")
    url = reverse("month_toggle", args=[line.plan_id])
    response = client.post(url, {"bulan": f"{line.pk}:1:0"}, HTTP_HX_REQUEST="true")
    assert "Bulan Januari punya rincian biaya Rp 8.378.000" in response.content.decode()
    assert '"on": true' in response["HX-Trigger"]
    line.refresh_from_db()
    assert line.b1 and line.month_amounts == {"1": 8_378_000, "2": 0}
    # an empty amount goes with its month
    client.post(url, {"bulan": f"{line.pk}:2:0"}, HTTP_HX_REQUEST="true")
    line.refresh_from_db()
    assert not line.b2 and line.month_amounts == {"1": 8_378_000}


def test_set_month_keeps_amounts_adding_up(line, django_user_model):
    line.month_amounts = {"1": 8_378_000}
    line.save()
    planner = django_user_model.objects.get(username="perencana.gorontalo")
    with pytest.raises(ValidationError):
        editing.set_month(line, 1, False, planner)
    editing.set_month(line, 2, False, planner)
    line.refresh_from_db()
    line.clean()  # still fits: January keeps the whole cost


def test_copies_and_revisions_keep_the_amounts(line, demo, django_user_model):
    line.month_amounts = {"1": 8_000_000, "12": 378_000}
    line.save()
    copy = copy_plan(line.plan, 2024)
    copied = copy.lines.get(uid=line.uid)
    assert copied.month_amounts == {"1": 8_000_000, "12": 378_000}

    approved = demo["KPU-KAB-POHUWATO"]
    kept = approved.lines.first()
    kept.biaya, kept.month_amounts = 1_000, {str(kept.months[0]): 1_000}
    kept.save()
    planner = django_user_model.objects.get(username="perencana.pohuwato")
    revision = workflow.open_revision(approved, planner, "Rincian penarikan dana")
    assert revision.lines.get(uid=kept.uid).month_amounts == kept.month_amounts


def test_the_history_shows_the_amounts_in_words(client, line):
    login(client, "perencana.gorontalo")
    amounts = {1: "8.000.000", 12: "378.000"}
    client.post(reverse("node_edit", args=["baris", line.pk]), line_data(line, amounts))
    changes = [
        change
        for event in plan_history(line.plan)
        for change in getattr(event, "changes", [])
        if str(change.label).startswith("Rincian biaya")
    ]
    assert changes and changes[0].after == "Januari Rp 8.000.000; Desember Rp 378.000"
