"""What got in a new planner's way: where to add things, what the panel says, what a save
shows, required text, copied signatories and switching layouts."""

import pytest
from django.urls import reverse

from plans.forms import PlanSettingsForm
from plans.models import RencanaAksi, RencanaKegiatan, SasaranProgram
from plans.services import copy_plan, create_plan


@pytest.fixture
def planner_client(client, demo):
    assert client.login(username="perencana.gorontalo", password="renaksi-demo")
    return client


def page_of(client, plan):
    return client.get(plan.get_absolute_url()).content.decode()


def test_every_level_offers_to_add_what_goes_below_it_where_it_will_appear(planner_client, demo):
    plan = demo["KPU-PROV-GORONTALO"]
    page = page_of(planner_client, plan)
    for label in ["Sasaran strategis", "Sasaran program", "Indikator kinerja", "Kegiatan"]:
        assert f"+ {label}</a>" in page, label
    assert "+ Rencana kegiatan</a>" in page
    program = plan.sasaran_program.first()
    assert f'href="/rencana/{plan.pk}/tambah/indikator/?parent={program.pk}"' in page


def test_the_compact_layout_adds_indicators_from_the_sasaran_cell(client, demo):
    assert client.login(username="perencana.tomohon", password="renaksi-demo")
    plan = demo["KPU-KOTA-TOMOHON"]
    page = page_of(client, plan)
    assert "+ Indikator kinerja</a>" in page
    assert "+ Sasaran program</a>" not in page and "+ Rencana kegiatan</a>" not in page
    response = client.post(
        reverse("node_add", args=[plan.pk, "sasaran"]), {"number": "30", "text": "Sasaran baru"}
    )
    assert response.status_code == 302
    new = plan.sasaran_strategis.get(text="Sasaran baru")
    assert SasaranProgram.objects.filter(sasaran_strategis=new, text="").count() == 1
    assert f"tambah/indikator/?parent={new.programs.get().pk}" in page_of(client, plan)


def test_the_panel_names_where_a_new_item_goes(planner_client, demo):
    program = demo["KPU-PROV-GORONTALO"].sasaran_program.first()
    url = reverse("node_add", args=[program.plan_id, "indikator"])
    page = planner_client.get(url, {"parent": program.pk}).content.decode()
    assert "Sasaran strategis" in page and program.sasaran_strategis.text[:40] in page
    assert "Sasaran program" in page and program.text[:40] in page


def test_a_save_marks_the_saved_row_and_updates_the_page_total(planner_client, demo):
    line = RencanaKegiatan.objects.get(text="ATK Administrasi Kepegawaian")
    data = {
        "text": line.text,
        "biaya": "9.078.000",
        "akun": line.akun,
        "ket": "",
        "lock_version": line.lock_version,
        **{f"b{m}": "on" for m in line.months},
    }
    response = planner_client.post(
        reverse("node_edit", args=["baris", line.pk]), data, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert f'<tr id="baris-{line.pk}" class="saved"' in page
    assert '<strong id="head-total" hx-swap-oob="true">Rp 10.061.518.000</strong>' in page
    assert 'id="plan-total">Rp 10.061.518.000<' in page


def test_moving_keeps_the_panel_open_on_the_moved_item(planner_client, demo):
    indikator = (
        demo["KPU-PROV-GORONTALO"].indikator.filter(kegiatan__lines__indikator_span=1).last()
    )
    response = planner_client.post(
        reverse("node_move", args=["indikator", indikator.pk]),
        {"arah": "naik"},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert 'id="editor-title"' in page and indikator.text[:30] in page


def test_a_line_and_a_printed_programme_need_their_text(planner_client, demo):
    kegiatan = demo["KPU-PROV-GORONTALO"].kegiatan.first()
    response = planner_client.post(
        reverse("node_add", args=[kegiatan.plan_id, "baris"]),
        {"parent": kegiatan.pk, "text": "  ", "biaya": "", "akun": "", "ket": ""},
    )
    assert response.status_code == 200
    assert "tidak boleh kosong" in response.content.decode()
    assert not kegiatan.lines.filter(text="").exists()


def test_a_copied_plan_takes_place_and_nip_from_the_satker_when_its_source_had_none(demo):
    source = demo["KPU-KOTA-TOMOHON"]
    satker = source.satker
    satker.city, satker.secretary_nip = "Tomohon", "197001012000031001"
    satker.save()
    RencanaAksi.objects.filter(pk=source.pk).update(signatory_place="", signatory_nip="")
    source.refresh_from_db()
    copy = copy_plan(source, 2024)
    assert (copy.signatory_place, copy.signatory_nip) == ("Tomohon", "197001012000031001")
    assert create_plan(satker, 2025).signatory_nip == "197001012000031001"


def test_switching_layout_drops_the_other_layouts_labels(demo):
    plan = demo["KPU-KOTA-TOMOHON"]
    assert plan.column_labels  # the compact office's own, mixed-case labels
    form = PlanSettingsForm(instance=plan)
    data = {name: form[name].value() for name in form.fields}
    data = {name: "" if value is None else value for name, value in data.items()}
    data.update(layout="lengkap", show_column_numbers="")
    form = PlanSettingsForm(data, instance=plan)
    assert form.is_valid(), form.errors
    form.apply_to(plan)
    assert plan.column_labels == {}
    assert plan.column_label("sasaran_strategis") == "SASARAN STRATEGIS"
