import pytest
from django.urls import reverse

from plans.models import RencanaKegiatan


@pytest.mark.parametrize(
    "model",
    [
        "satker",
        "rencanaaksi",
        "sasaranstrategis",
        "sasaranprogram",
        "indikatorkinerja",
        "kegiatan",
        "rencanakegiatan",
        "satkerrole",
    ],
)
def test_admin_lists_every_model_of_the_demo(demo, admin_client, model):
    response = admin_client.get(reverse(f"admin:plans_{model}_changelist"))
    assert response.status_code == 200


def test_admin_plan_page_shows_the_tree(demo, admin_client):
    plan = demo["KPU-PROV-GORONTALO"]
    response = admin_client.get(reverse("admin:plans_rencanaaksi_change", args=[plan.pk]))
    assert "Meningkatnya kapasitas SDM KPU Provinsi Gorontalo" in response.content.decode()


def test_admin_line_form_validates_akun_and_reads_indonesian_costs(demo, admin_client):
    line = RencanaKegiatan.objects.get(text="ATK Administrasi Kepegawaian")
    url = reverse("admin:plans_rencanakegiatan_change", args=[line.pk])
    data = {
        "kegiatan": line.kegiatan_id,
        "order": line.order,
        "text": line.text,
        "biaya": "Rp 9.000.000",
        "akun": "3358.EB.954",
        "ket": "",
        "indikator_span": 1,
        "b1": "on",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Kode akun" in response.content.decode()
    line.refresh_from_db()
    assert line.biaya == 8_378_000

    data["akun"] = "3358.ebc.954.a"
    response = admin_client.post(url, data)
    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.biaya, line.akun, line.months) == (9_000_000, "3358.EBC.954.A", [1])


@pytest.mark.parametrize("status", ["submitted", "approved", "superseded"])
def test_admin_cannot_change_a_plan_outside_draft_or_returned(demo, admin_client, status):
    plan = demo["KPU-PROV-GORONTALO"]
    plan.status = status
    plan.save()
    line = plan.lines.get(text="ATK Administrasi Kepegawaian")
    url = reverse("admin:plans_rencanakegiatan_change", args=[line.pk])
    data = {
        "order": 1,
        "text": "Diubah lewat admin",
        "biaya": "1",
        "akun": "",
        "ket": "",
        "indikator_span": 1,
    }
    response = admin_client.post(url, data)
    assert response.status_code == 403
    delete = reverse("admin:plans_rencanakegiatan_delete", args=[line.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    plan_url = reverse("admin:plans_rencanaaksi_change", args=[plan.pk])
    assert admin_client.post(plan_url, {"title": "x"}).status_code == 403
    line.refresh_from_db()
    assert line.text == "ATK Administrasi Kepegawaian"


def test_admin_shows_the_workflow_status_read_only(demo, admin_client):
    plan = demo["KPU-PROV-GORONTALO"]
    page = admin_client.get(reverse("admin:plans_rencanaaksi_change", args=[plan.pk]))
    assert 'name="status"' not in page.content.decode()
