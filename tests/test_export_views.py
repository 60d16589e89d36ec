"""Downloading a plan's PDF and Excel: who may, what they get."""

from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

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
    monkeypatch.setattr(
        pdf_export, "render_pdf", lambda plan, site_url=None: pytest.fail("rendered twice")
    )
    assert client.get(url).content == first


@pytest.mark.parametrize("name", ["plan_pdf", "plan_xlsx"])
def test_downloads_take_a_fixed_number_of_queries(
    client, planner, plan, line, name, django_assert_max_num_queries
):
    client.force_login(planner)
    # session and user, the plan through the access check, and the five levels of the tree
    with django_assert_max_num_queries(8):
        client.get(reverse(name, args=[plan.pk]))


@pytest.fixture
def approved(plan, line, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SITE_URL = "https://renaksi.kpu.go.id"
    settings.ALLOWED_HOSTS = ["testserver", "192.168.1.20", "renaksi-2.internal"]
    plan.status = "approved"
    plan.approved_at = timezone.now()
    plan.verification_code = "ABCD234567"
    plan.save()
    return plan


def printed_text(response):
    """The text of a downloaded PDF, or of every cell of a downloaded workbook."""
    if response["Content-Type"] == "application/pdf":
        return " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    sheet = load_workbook(BytesIO(response.content)).active
    return " ".join(str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value)


@pytest.mark.parametrize("name", ["plan_pdf", "plan_xlsx"])
def test_in_development_the_printed_address_is_the_host_downloaded_from(
    client, planner, approved, settings, name
):
    settings.DEBUG = True
    client.force_login(planner)
    url = reverse(name, args=[approved.pk])
    for host in ["192.168.1.20:8000", "testserver"]:
        text = printed_text(client.get(url, HTTP_HOST=host))
        assert f"http://{host}/verifikasi/ABCD234567/" in text
        assert "renaksi.kpu.go.id" not in text


@pytest.mark.parametrize("name", ["plan_pdf", "plan_xlsx"])
def test_in_production_the_printed_address_is_the_site_url_whatever_the_host(
    client, planner, approved, name
):
    client.force_login(planner)
    response = client.get(reverse(name, args=[approved.pk]), HTTP_HOST="renaksi-2.internal")
    text = printed_text(response)
    assert "https://renaksi.kpu.go.id/verifikasi/ABCD234567/" in text
    assert "renaksi-2.internal" not in text
