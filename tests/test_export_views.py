"""Downloading a plan's PDF and Excel: who may, what they get."""

from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from plans.exports import pdf as pdf_export

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def line(plan):
    from tests.factories import LineFactory

    return LineFactory(kegiatan__indikator__sasaran_program__sasaran_strategis__plan=plan)


def test_it_serves_the_pdf_as_an_attachment(client, planner, plan, line):
    client.force_login(planner)
    response = client.get(reverse("plan_pdf", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="rencana-aksi-kpu-kabupaten-satu-2024-v1.pdf"'
    )
    assert response.content.startswith(b"%PDF-")


def test_it_serves_the_xlsx_as_an_attachment(client, planner, plan, line):
    client.force_login(planner)
    response = client.get(reverse("plan_xlsx", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == (
        'attachment; filename="rencana-aksi-kpu-kabupaten-satu-2024-v1.xlsx"'
    )
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet["A1"].value == "RENCANA AKSI TAHUN 2024"


def test_the_secretary_may_download_too(client, secretary, plan):
    client.force_login(secretary)
    assert client.get(reverse("plan_xlsx", args=[plan.pk])).status_code == 200


@pytest.mark.parametrize("name", ["plan_pdf", "plan_xlsx"])
def test_it_checks_ownership(client, outsider, plan, name):
    client.force_login(outsider)
    assert client.get(reverse(name, args=[plan.pk])).status_code == 404


@pytest.mark.parametrize("name", ["plan_pdf", "plan_xlsx"])
def test_it_requires_login(client, plan, name):
    url = reverse(name, args=[plan.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


def test_it_refuses_post(client, planner, plan):
    client.force_login(planner)
    assert client.post(reverse("plan_pdf", args=[plan.pk])).status_code == 405


def test_an_approved_plan_is_served_from_the_stored_pdf(
    client, planner, plan, line, settings, tmp_path, monkeypatch
):
    settings.MEDIA_ROOT = tmp_path
    plan.status = "approved"
    plan.approved_at = timezone.now()
    plan.save()
    client.force_login(planner)
    url = reverse("plan_pdf", args=[plan.pk])
    first = client.get(url).content
    monkeypatch.setattr(pdf_export, "render_pdf", lambda plan: pytest.fail("rendered twice"))
    assert client.get(url).content == first


@pytest.mark.parametrize("name", ["plan_pdf", "plan_xlsx"])
def test_downloads_take_a_fixed_number_of_queries(
    client, planner, plan, line, name, django_assert_max_num_queries
):
    client.force_login(planner)
    # session and user, the plan through the access check, and the five levels of the tree
    with django_assert_max_num_queries(8):
        client.get(reverse(name, args=[plan.pk]))
