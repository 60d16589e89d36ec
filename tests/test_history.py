"""The history page reads as plain Indonesian: names, Rupiah, months, one entry per build."""

import re

import pytest
from django.urls import reverse

from plans import editing, workflow
from plans.building import build_tree
from plans.history import plan_history
from plans.importers import import_workbook
from plans.models import RencanaAksi, RencanaKegiatan, SasaranProgram, SasaranStrategis
from plans.services import copy_plan
from tests.factories import PlanFactory, RoleFactory, SatkerFactory, large_tree
from tests.queries import queries_of
from tests.samples import SAMPLES

PASSWORD = "renaksi-demo"


@pytest.fixture
def gorontalo(demo):
    return demo["KPU-PROV-GORONTALO"]


@pytest.fixture
def people(demo, django_user_model):
    users = django_user_model.objects.filter(username__endswith=".gorontalo")
    return {user.username.split(".")[0]: user for user in users}


def history_page(client, plan, username="perencana.gorontalo"):
    assert client.login(username=username, password=PASSWORD)
    response = client.get(reverse("plan_history", args=[plan.pk]))
    assert response.status_code == 200
    return response.content.decode()


def text_of(page):
    """The words a reader sees in the history list."""
    body = page.split('<div class="history">', 1)[1]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def edit_line(client, line, **changes):
    """Saves ``line`` from its editor with ``changes`` and all else as it was."""
    data = {
        "text": line.text,
        "biaya": line.biaya or "",
        "akun": line.akun,
        "ket": line.ket,
        "lock_version": line.lock_version,
        **{f"b{m}": "on" for m in line.months},
    }
    data.update(changes)
    response = client.post(reverse("node_edit", args=["baris", line.pk]), data)
    assert response.status_code in (200, 302)


def toggle_month(client, line, month, state):
    client.post(
        reverse("month_toggle", args=[line.plan_id]), {"bulan": f"{line.pk}:{month}:{state}"}
    )


def assert_plain(text):
    """No machine values: booleans, raw amounts, ids or internal field names."""
    assert "True" not in text and "False" not in text
    assert not re.search(r"\b\d{5,}\b", text.replace("197", "")), text
    for internal in ["lock_version", "uid", "akun_kro", "target_value", "submitted by", "None"]:
        assert internal not in text


def test_a_cost_and_month_edit_read_in_rupiah_month_names_and_the_planners_name(
    gorontalo, client, people
):
    assert client.login(username="perencana.gorontalo", password=PASSWORD)
    line = gorontalo.lines.get(text="Spanduk dan Konsumsi")  # scheduled in April only
    edit_line(client, line, biaya="3.150.000")
    toggle_month(client, line, 10, 1)
    toggle_month(client, line, 4, 0)
    text = text_of(history_page(client, gorontalo))
    assert "Rencana kegiatan diubah Spanduk dan Konsumsi" in text
    assert "Perkiraan biaya Rp 2.850.000 → Rp 3.150.000" in text
    assert "Jadwal + Oktober" in text and "Jadwal − April" in text
    assert people["perencana"].get_full_name() in text
    assert_plain(text)


def test_a_demo_load_is_one_entry_not_one_per_item(gorontalo, client):
    text = text_of(history_page(client, gorontalo))
    assert text.count("Diimpor dari berkas, 45 baris") == 1
    assert "Rencana aksi versi 1 dibuat" in text
    assert "ditambahkan" not in text and "dibuat" not in text.replace("versi 1 dibuat", "")


def test_workflow_steps_read_as_words_with_the_reason_and_the_signatory(gorontalo, client, people):
    planner, secretary = people["perencana"], people["sekretaris"]
    plan = workflow.submit(gorontalo, planner)
    plan = workflow.return_plan(plan, secretary, "Target TW belum diisi")
    plan = workflow.submit(plan, planner)
    posted_title = gorontalo.signatory_title.replace("\n", "\r\n")  # as a form sends it
    workflow.approve(
        plan,
        secretary,
        {"signatory_name": "Dr. Sekretaris Gorontalo", "signatory_title": posted_title},
    )
    text = text_of(history_page(client, gorontalo))
    assert text.count("Diajukan kepada sekretaris") == 2
    assert "Dikembalikan kepada perencana" in text
    assert "Alasan: Target TW belum diisi" in text
    assert "Disetujui" in text and secretary.get_full_name() in text
    assert "Nama penanda tangan" in text and "Dr. Sekretaris Gorontalo" in text
    assert "Rencana aksi diubah" not in text  # the approval's signatory goes with it
    assert "Jabatan penanda tangan" not in text  # only its line breaks were sent differently
    assert_plain(text)


def test_a_revision_is_one_copy_entry_and_shows_the_earlier_versions_steps(
    gorontalo, client, people
):
    planner, secretary = people["perencana"], people["sekretaris"]
    assert client.login(username="perencana.gorontalo", password=PASSWORD)
    edit_line(client, gorontalo.lines.get(text="Spanduk dan Konsumsi"), biaya="3.150.000")
    plan = workflow.submit(gorontalo, planner)
    plan = workflow.return_plan(plan, secretary, "Biaya spanduk terlalu tinggi")
    plan = workflow.approve(workflow.submit(plan, planner), secretary, {"signatory_name": "X"})
    revision = workflow.open_revision(plan, planner, "Pergeseran anggaran")
    text = text_of(history_page(client, revision))
    assert text.count("Disalin dari versi 1, 45 baris") == 1
    assert "Rencana aksi versi 2 dibuat" in text
    assert "Revisi dibuka" in text and "Alasan revisi: Pergeseran anggaran" in text
    assert "Alasan: Biaya spanduk terlalu tinggi" in text
    assert "versi 1" in text and "versi 2" in text
    assert "Rp 2.850.000 → Rp 3.150.000" in text
    assert "ditambahkan" not in text
    assert_plain(text)
    workflow.approve(workflow.submit(revision, planner), secretary, {"signatory_name": "X"})
    text = text_of(history_page(client, revision))
    assert "Digantikan" in text and "Digantikan oleh versi 2" in text


def test_a_copy_to_another_year_is_one_entry(gorontalo, client):
    copy = copy_plan(gorontalo, 2024)
    events = plan_history(copy)
    assert [event.title for event in events if event.plan_id == copy.pk] == [
        "Disalin dari Rencana Aksi 2023, 45 baris"
    ]
    assert events[0].item == "Rencana aksi versi 1 dibuat"


def test_an_import_and_an_import_that_replaces_the_tree_are_one_entry_each(satkers):
    workbook = SAMPLES / "rencana-aksi-kpu-provinsi-gorontalo-2023.xlsx"
    plan = import_workbook(workbook).plan
    lines = plan.lines.count()
    assert [event.title for event in plan_history(plan)] == [f"Diimpor dari berkas, {lines} baris"]
    import_workbook(workbook, replace=True)
    latest, first = plan_history(plan)
    assert latest.title == f"Diimpor dari berkas, {lines} baris" and latest.carried
    assert latest.carried_text.startswith(f"{SasaranStrategis.objects.filter(plan=plan).count()}")
    assert first.title == latest.title


def test_a_build_writes_one_plan_record_and_tags_the_node_rows(plan):
    build_tree(plan, large_tree(20), note="Disalin dari versi 1")
    builds = plan.history.filter(history_change_reason__gt="")
    assert [record.history_change_reason for record in builds] == ["Disalin dari versi 1, 20 baris"]
    rows = RencanaKegiatan.history.filter(plan_id=plan.pk)
    assert rows.count() == 20
    assert set(rows.values_list("history_change_reason", flat=True)) == {"Disalin dari versi 1"}
    (event,) = plan_history(plan)
    assert (event.kind, event.item) == ("build", "Rencana aksi versi 1 dibuat")


def test_a_deleted_item_is_one_entry_with_what_went_with_it(gorontalo, people):
    program = SasaranProgram.objects.filter(plan=gorontalo).order_by("pk").first()
    lines = RencanaKegiatan.objects.filter(kegiatan__indikator__sasaran_program=program).count()
    editing.delete_node(program, people["perencana"])
    deleted = [event for event in plan_history(gorontalo) if event.kind == "deleted"]
    assert len(deleted) == 1
    assert deleted[0].title == "Sasaran program dihapus"
    assert f"{lines} rencana kegiatan" in deleted[0].carried_text
    assert not [event for event in plan_history(gorontalo) if event.kind == "moved"]


def test_moving_a_line_is_one_entry_naming_the_lines_that_changed_places(gorontalo, people):
    kegiatan = next(k for k in gorontalo.kegiatan.order_by("pk") if k.lines.count() > 1)
    first, second = kegiatan.lines.order_by("order")[:2]
    editing.move_node(second, -1, people["perencana"])
    (moved,) = [event for event in plan_history(gorontalo) if event.kind == "moved"]
    assert moved.title == "Urutan diubah"
    assert str(first.text) in moved.item and str(second.text) in moved.item
    assert not [event for event in plan_history(gorontalo) if event.kind == "changed"]


def test_an_added_line_shows_what_it_was_given(gorontalo, client):
    assert client.login(username="perencana.gorontalo", password=PASSWORD)
    kegiatan = gorontalo.kegiatan.order_by("pk").first()
    client.post(
        reverse("node_add", args=[gorontalo.pk, "baris"]) + f"?parent={kegiatan.pk}",
        {"text": "Cetak spanduk", "biaya": "1.500.000", "akun": "", "ket": "", "b3": "on"},
    )
    text = text_of(history_page(client, gorontalo))
    assert "Rencana kegiatan ditambahkan Cetak spanduk" in text
    assert "Perkiraan biaya Rp 1.500.000" in text and "Jadwal Maret" in text
    assert_plain(text)


def test_the_history_page_takes_the_same_queries_for_a_small_and_a_large_plan(db, client):
    satker = SatkerFactory(code="KPU-KAB-UJI", name="KPU Kabupaten Uji")
    user = RoleFactory(satker=satker, user__username="perencana.uji").user
    user.set_password(PASSWORD)
    user.save()
    counts = []
    for year, size in [(2024, 3), (2025, 1000)]:
        plan = PlanFactory(satker=satker, year=year)
        build_tree(plan, large_tree(size))
        line, other = plan.lines.order_by("pk")[:2]
        editing.set_month(line, 1, not line.b1, user)
        editing.set_month(other, 2, not other.b2, user)
        assert client.login(username="perencana.uji", password=PASSWORD)
        counts.append(queries_of(client, reverse("plan_history", args=[plan.pk])))
    assert counts[0] == counts[1]
    assert counts[0] <= 15


def test_the_history_is_only_for_those_who_may_see_the_plan(gorontalo, client):
    assert client.login(username="perencana.tomohon", password=PASSWORD)
    assert client.get(reverse("plan_history", args=[gorontalo.pk])).status_code == 404


def test_every_plan_version_counts_once_in_a_revisions_history(gorontalo, people):
    planner, secretary = people["perencana"], people["sekretaris"]
    plan = workflow.approve(workflow.submit(gorontalo, planner), secretary, {"signatory_name": "X"})
    revision = workflow.open_revision(plan, planner, "Pergeseran")
    versions = {event.version for event in plan_history(revision)}
    assert versions == {1, 2}
    assert {event.version for event in plan_history(plan)} == {1}
    assert RencanaAksi.objects.filter(satker=plan.satker, year=plan.year).count() == 2
