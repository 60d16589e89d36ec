"""Editing nodes from the plan page, as the planner, an outsider and a read-only user."""

import pytest
from django.urls import reverse

from plans.models import IndikatorKinerja, Kegiatan, RencanaKegiatan, SasaranStrategis
from tests.factories import IndikatorFactory, KegiatanFactory, LineFactory


@pytest.fixture
def line(demo):
    return RencanaKegiatan.objects.get(text="ATK Administrasi Kepegawaian")


def login(client, username):
    assert client.login(username=username, password="renaksi-demo")


def line_data(line, **changes):
    data = {
        "text": line.text,
        "biaya": "8.378.000",
        "akun": line.akun,
        "ket": "",
        "lock_version": line.lock_version,
    }
    data.update({f"b{m}": "on" for m in line.months})
    data.update(changes)
    return data


def test_editing_a_line_reads_indonesian_costs_and_saves(line, client):
    login(client, "perencana.gorontalo")
    response = client.post(
        reverse("node_edit", args=["baris", line.pk]),
        line_data(line, biaya="Rp 9.500.000", akun="3358.ebc.954.b", b5=""),
    )
    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.biaya, line.akun, line.lock_version) == (9_500_000, "3358.EBC.954.B", 2)
    assert line.plan.get_total_biaya() == 10_060_818_000 + 1_122_000


def test_editing_over_htmx_returns_the_new_matrix_and_closes_the_editor(line, client):
    login(client, "perencana.gorontalo")
    response = client.post(
        reverse("node_edit", args=["baris", line.pk]),
        line_data(line, biaya="10.000.000"),
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert response["HX-Retarget"] == "#matrix"
    assert "Rp 10.062.440.000" in page
    assert 'id="editor" hx-swap-oob="true"' in page


def test_a_bad_akun_or_cost_is_explained_next_to_the_field_and_nothing_saved(line, client):
    login(client, "perencana.gorontalo")
    response = client.post(
        reverse("node_edit", args=["baris", line.pk]),
        line_data(line, biaya="16.4OO.000", akun="3358.EB.954"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "bukan nilai rupiah" in page and "Kode akun" in page
    line.refresh_from_db()
    assert line.biaya == 8_378_000


def test_the_second_of_two_concurrent_edits_is_refused_with_the_newer_value(line, client):
    login(client, "perencana.gorontalo")
    url = reverse("node_edit", args=["baris", line.pk])
    stale = line_data(line, biaya="1.000")
    assert client.post(url, line_data(line, biaya="2.000")).status_code == 302
    response = client.post(url, stale)
    page = response.content.decode()
    assert response.status_code == 200
    assert "sudah diubah orang lain" in page
    assert "Rp 2.000" in page
    line.refresh_from_db()
    assert line.biaya == 2_000


def test_editing_checks_ownership(line, client):
    login(client, "perencana.tomohon")
    assert client.get(reverse("node_edit", args=["baris", line.pk])).status_code == 404
    assert (
        client.post(reverse("node_edit", args=["baris", line.pk]), line_data(line)).status_code
        == 404
    )


def test_editing_requires_write_access(line, client):
    login(client, "sekretaris.gorontalo")
    assert client.get(reverse("node_edit", args=["baris", line.pk])).status_code == 200
    assert (
        client.post(
            reverse("node_edit", args=["baris", line.pk]), line_data(line, biaya="1")
        ).status_code
        == 403
    )
    line.refresh_from_db()
    assert line.biaya == 8_378_000


def test_a_submitted_plan_cannot_be_edited_even_by_its_planner(line, client):
    line.plan.status = "submitted"
    line.plan.save()
    login(client, "perencana.gorontalo")
    assert (
        client.post(
            reverse("node_edit", args=["baris", line.pk]), line_data(line, biaya="1")
        ).status_code
        == 403
    )


def test_adding_an_indicator_puts_it_last_under_its_program(demo, client):
    plan = demo["KPU-PROV-GORONTALO"]
    program = plan.sasaran_program.first()
    login(client, "perencana.gorontalo")
    response = client.post(
        reverse("node_add", args=[plan.pk, "indikator"]) + f"?parent={program.pk}",
        {"text": "Indikator baru", "target": "1 Dokumen", "parent": program.pk},
    )
    assert response.status_code == 302
    added = IndikatorKinerja.objects.get(text="Indikator baru")
    assert added.sasaran_program == program and added.plan == plan
    assert list(program.indikator.all())[-1] == added
    assert (added.target_value, added.target_unit) == (1, "Dokumen")


def test_adding_under_another_plans_parent_is_not_found(demo, client):
    tomohon_program = demo["KPU-KOTA-TOMOHON"].sasaran_program.first()
    login(client, "perencana.gorontalo")
    response = client.post(
        reverse("node_add", args=[demo["KPU-PROV-GORONTALO"].pk, "indikator"]),
        {"text": "x", "parent": tomohon_program.pk},
    )
    assert response.status_code == 404


def test_adding_a_kegiatan_in_the_compact_layout_gives_it_its_line(demo, client):
    plan = demo["KPU-KOTA-TOMOHON"]
    indikator = plan.indikator.get(text__startswith="Persentase rancangan Peraturan")
    login(client, "perencana.tomohon")
    client.post(
        reverse("node_add", args=[plan.pk, "kegiatan"]),
        {"text": "Harmonisasi rancangan", "parent": indikator.pk},
    )
    kegiatan = Kegiatan.objects.get(text="Harmonisasi rancangan")
    assert kegiatan.lines.count() == 1


def test_deleting_asks_first_and_says_what_goes_with_it(demo, client):
    plan = demo["KPU-PROV-GORONTALO"]
    sasaran = plan.sasaran_strategis.get(number="1.")
    login(client, "perencana.gorontalo")
    page = client.get(reverse("node_delete", args=["sasaran", sasaran.pk])).content.decode()
    assert "Ikut terhapus" in page
    assert "<strong>8</strong> rencana kegiatan" in page
    assert SasaranStrategis.objects.filter(pk=sasaran.pk).exists()
    client.post(reverse("node_delete", args=["sasaran", sasaran.pk]))
    assert not SasaranStrategis.objects.filter(pk=sasaran.pk).exists()
    assert plan.lines.count() == 37
    assert list(plan.sasaran_strategis.values_list("order", flat=True)) == [1, 2, 3]


def test_moving_a_sasaran_changes_the_printed_order(demo, client):
    plan = demo["KPU-KOTA-TOMOHON"]
    twelve = plan.sasaran_strategis.get(number="12")
    login(client, "perencana.tomohon")
    client.post(reverse("node_move", args=["sasaran", twelve.pk]), {"arah": "naik"})
    numbers = list(plan.sasaran_strategis.values_list("number", flat=True))
    assert numbers == ["1", "2", "12", "3", "4", "27", "28"]


def test_moving_an_indicator_under_a_merged_line_is_refused(demo, client):
    plan = demo["KPU-KOTA-TOMOHON"]
    indikator = plan.indikator.get(text__contains="diupload ke JDIH")
    login(client, "perencana.tomohon")
    response = client.post(
        reverse("node_move", args=["indikator", indikator.pk]), {"arah": "naik"}, follow=True
    )
    assert "lepaskan gabungannya dulu" in response.content.decode()


def test_a_line_can_span_the_next_indicator_and_be_released(demo, client):
    plan = demo["KPU-PROV-GORONTALO"]
    line = plan.lines.get(text="Spanduk dan Konsumsi")
    other = plan.lines.get(text="Honor Rohaniwan")
    login(client, "perencana.gorontalo")
    client.post(reverse("node_delete", args=["kegiatan", other.kegiatan.pk]))
    client.post(reverse("line_span", args=[line.pk]), {"arah": "tambah"})
    line.refresh_from_db()
    assert line.indikator_span == 2
    client.post(reverse("line_span", args=[line.pk]), {"arah": "kurang"})
    line.refresh_from_db()
    assert line.indikator_span == 1


def test_only_the_last_line_of_an_indicator_may_span(plan, planner, client):
    first = IndikatorFactory(sasaran_program__sasaran_strategis__plan=plan)
    IndikatorFactory(sasaran_program=first.sasaran_program)
    kegiatan = KegiatanFactory(indikator=first)
    line, _last = LineFactory(kegiatan=kegiatan), LineFactory(kegiatan=kegiatan)
    client.force_login(planner)
    response = client.post(reverse("line_span", args=[line.pk]), {"arah": "tambah"}, follow=True)
    assert "Hanya baris terakhir" in response.content.decode()
    line.refresh_from_db()
    assert line.indikator_span == 1


def test_a_line_cannot_span_past_the_last_indicator_of_its_program(demo, client):
    line = demo["KPU-PROV-GORONTALO"].lines.get(text="Sosialisasi PKPU")
    login(client, "perencana.gorontalo")
    response = client.post(reverse("line_span", args=[line.pk]), {"arah": "tambah"}, follow=True)
    assert "Tidak ada indikator berikutnya" in response.content.decode()


def test_live_validation_names_the_problem(client, db, planner):
    client.force_login(planner)
    response = client.post(reverse("validate_field", args=["akun"]), {"akun": "33.X"})
    assert "Kode akun" in response.content.decode()
    response = client.post(reverse("validate_field", args=["biaya"]), {"biaya": "8.378.000"})
    assert response.content == b""
    response = client.post(reverse("validate_field", args=["biaya"]), {"biaya": "<b>x"})
    assert "<b>" not in response.content.decode()
