"""The secretary's pages: return, approve, history, comparison, verification, province."""

import pytest
from django.urls import reverse

from plans import workflow
from plans.models import RencanaAksi, SatkerRole
from tests.factories import RoleFactory


def login(client, username):
    assert client.login(username=username, password="renaksi-demo")


def change_cost(client, line, biaya):
    """Saves ``line`` from its editor with ``biaya`` as its cost and all else as it was."""
    client.post(
        reverse("node_edit", args=["baris", line.pk]),
        {
            "text": line.text,
            "biaya": biaya,
            "akun": line.akun,
            "ket": "",
            "lock_version": line.lock_version,
            **{f"b{m}": "on" for m in line.months},
        },
    )


@pytest.fixture
def gorontalo(demo):
    return demo["KPU-PROV-GORONTALO"]


@pytest.fixture
def submitted(gorontalo, django_user_model):
    return workflow.submit(gorontalo, django_user_model.objects.get(username="perencana.gorontalo"))


def test_planner_submits_from_the_plan_page(gorontalo, client):
    login(client, "perencana.gorontalo")
    page = client.get(gorontalo.get_absolute_url()).content.decode()
    assert "Ajukan ke sekretaris" in page
    client.post(reverse("plan_submit", args=[gorontalo.pk]))
    gorontalo.refresh_from_db()
    assert gorontalo.status == "submitted"
    page = client.get(gorontalo.get_absolute_url()).content.decode()
    assert "data-m=" not in page  # no edit controls once submitted


def test_secretary_returns_with_a_reason_the_planner_then_reads(submitted, client):
    login(client, "sekretaris.gorontalo")
    url = reverse("plan_return", args=[submitted.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200 and "field-error" in response.content.decode()
    client.post(url, {"reason": "Target indikator 2 belum sesuai Renstra"})
    submitted.refresh_from_db()
    assert submitted.status == "returned"
    login(client, "perencana.gorontalo")
    page = client.get(submitted.get_absolute_url()).content.decode()
    assert "Target indikator 2 belum sesuai Renstra" in page


def test_secretary_approves_with_the_signatory_shown_first(submitted, client):
    login(client, "sekretaris.gorontalo")
    url = reverse("plan_approve", args=[submitted.pk])
    page = client.get(url).content.decode()
    assert "Sekretaris Komisi Pemilihan Umum" in page
    client.post(
        url,
        {
            "signatory_place": "Gorontalo",
            "signatory_acknowledge": "Mengetahui,",
            "signatory_title": "Sekretaris",
            "signatory_name": "Drs. Nama Sekretaris",
            "signatory_nip": "197001012000031001",
        },
    )
    submitted.refresh_from_db()
    assert submitted.status == "approved"
    assert submitted.signatory_nip == "197001012000031001"


def test_planner_cannot_reach_the_approval_pages(submitted, client):
    login(client, "perencana.gorontalo")
    assert client.get(reverse("plan_approve", args=[submitted.pk])).status_code == 403
    assert (
        client.post(reverse("plan_return", args=[submitted.pk]), {"reason": "x"}).status_code == 403
    )
    login(client, "perencana.tomohon")
    assert client.get(reverse("plan_approve", args=[submitted.pk])).status_code == 404


def test_verification_page_shows_only_what_the_code_belongs_to(
    submitted, client, django_user_model
):
    secretary = django_user_model.objects.get(username="sekretaris.gorontalo")
    plan = workflow.approve(submitted, secretary, {"signatory_name": "Drs. Nama Sekretaris"})
    response = client.get(reverse("verify", args=[plan.verification_code.lower()]))
    page = response.content.decode()
    assert response.status_code == 200
    for fact in ["KPU Provinsi Gorontalo", "2023", "Drs. Nama Sekretaris", "Rp 10.060.818.000"]:
        assert fact in page
    assert "ATK Administrasi Kepegawaian" not in page
    assert client.get(reverse("verify", args=["TIDAKADA00"])).status_code == 404


def test_a_draft_has_no_verification(gorontalo, client):
    gorontalo.verification_code = "ABCDEFGHJK"
    gorontalo.save()
    assert client.get(reverse("verify", args=["ABCDEFGHJK"])).status_code == 404


def test_revision_and_comparison_pages(submitted, client, django_user_model):
    secretary = django_user_model.objects.get(username="sekretaris.gorontalo")
    v1 = workflow.approve(submitted, secretary, {"signatory_name": "Drs. Nama"})
    login(client, "perencana.gorontalo")
    response = client.post(reverse("plan_revise", args=[v1.pk]), {"reason": "Pergeseran"})
    v2 = RencanaAksi.objects.get(satker=v1.satker, year=v1.year, version=2)
    assert response["Location"] == v2.get_absolute_url()
    line = v2.lines.get(text="ATK Administrasi Kepegawaian")
    change_cost(client, line, "9.000.000")
    page = client.get(reverse("plan_compare", args=[v2.pk]) + f"?dari={v1.pk}").content.decode()
    assert "Berubah (1)" in page
    assert "Rp 8.378.000" in page and "Rp 9.000.000" in page
    assert "Rp 10.061.440.000" in page
    page = client.get(v2.get_absolute_url()).content.decode()
    assert "2 versi" in page


def test_history_shows_content_changes_with_before_and_after(gorontalo, client):
    login(client, "perencana.gorontalo")
    line = gorontalo.lines.get(text="ATK Administrasi Kepegawaian")
    change_cost(client, line, "9.000.000")
    page = client.get(reverse("plan_history", args=[gorontalo.pk])).content.decode()
    assert "<del>Rp 8.378.000</del> → <ins>Rp 9.000.000</ins>" in page
    login(client, "perencana.tomohon")
    assert client.get(reverse("plan_history", args=[gorontalo.pk])).status_code == 404


def test_province_overview_shows_the_satkers_below_read_only(demo, client, django_user_model):
    user = django_user_model.objects.create_user("sekretaris.sulut", password="rahasia-123")
    RoleFactory(
        user=user, satker=demo["KPU-KOTA-TOMOHON"].satker.parent, role=SatkerRole.Role.SEKRETARIS
    )
    client.force_login(user)
    page = client.get(reverse("province_overview") + "?tahun=2023").content.decode()
    assert "KPU Kota Tomohon" in page and "Draf" in page
    assert "KPU Provinsi Gorontalo" not in page
    tomohon = demo["KPU-KOTA-TOMOHON"]
    assert client.get(tomohon.get_absolute_url()).status_code == 200
    line = tomohon.lines.first()
    assert (
        client.post(
            reverse("month_toggle", args=[tomohon.pk]), {"bulan": f"{line.pk}:5:1"}
        ).status_code
        == 403
    )


def test_province_overview_is_not_for_planners_or_kabkota(demo, client):
    login(client, "perencana.tomohon")
    assert client.get(reverse("province_overview")).status_code == 403
    login(client, "sekretaris.tomohon")
    assert client.get(reverse("province_overview")).status_code == 403
