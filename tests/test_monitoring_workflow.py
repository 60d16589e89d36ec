"""The quarterly report's workflow from the page, each step as each person: the planner, the
satker's secretary, the province's secretary (reads the kabupaten/kota), read-only
leadership and an outsider; the input window, reopening, and the freeze once verified."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from monitoring import services
from monitoring.models import InputWindow, QuarterReport, Realisasi
from tests.monitoring_fixtures import (
    gorontalo_reader,
    open_for_input,
    open_window,
    user,
)

Status = QuarterReport.Status
STEPS = ["report_submit", "report_return", "report_verify", "report_reopen"]


@pytest.fixture
def report(approved):
    return open_for_input(approved)


@pytest.fixture
def people(demo):
    """A signed-in client per person, for the Gorontalo province's own report."""
    gorontalo_reader(demo)
    clients = {}
    for role, name in [
        ("planner", "perencana.gorontalo"),
        ("secretary", "sekretaris.gorontalo"),
        ("reader", "pimpinan.gorontalo"),
        ("outsider", "perencana.tomohon"),
    ]:
        clients[role] = Client()
        clients[role].force_login(user(name))
    return clients


def post(client, name, report, data=None):
    return client.post(reverse(name, args=[report.pk]), data or {})


def status_of(report):
    report.refresh_from_db()
    return report.status


def fill(report, target="97,5%", value="95", **extra):
    indikator = report.plan.indikator.get(target=target)
    services.save_realisasi(
        report, indikator, {"value_text": value, **extra}, user("perencana.gorontalo")
    )
    return indikator


def submitted(report):
    fill(report)
    services.submit_report(report, user("perencana.gorontalo"))
    return report


# --- submit ----------------------------------------------------------------------------------


def test_the_planner_submits(report, people):
    fill(report)
    response = post(people["planner"], "report_submit", report)
    assert response["Location"] == reverse("report_detail", args=[report.pk])
    assert status_of(report) == Status.SUBMITTED
    assert report.submitted_by == user("perencana.gorontalo")


@pytest.mark.parametrize(("role", "code"), [("secretary", 403), ("reader", 403), ("outsider", 404)])
def test_only_the_planner_submits(report, people, role, code):
    assert post(people[role], "report_submit", report).status_code == code
    assert status_of(report) == Status.DRAFT


def test_submitting_is_refused_with_the_rows_that_lack_their_alasan(report, people):
    words = fill(report, target="Provinsi dan 6 Satker Kabupaten/Kota", value="7")
    zero = report.plan.indikator.get(target="97,5%")
    response = post(people["planner"], "report_submit", report)
    page = response.content.decode()
    assert response.status_code == 200 and status_of(report) == Status.DRAFT
    assert "Laporan belum dapat diajukan" in page
    assert f'<li><a href="#ik-{words.pk}">' in page
    assert f'<li><a href="#ik-{zero.pk}">' not in page  # empty: not reported yet, no alasan
    fill(report, target=words.target, value="7", alasan="Target berupa daftar satker.")
    post(people["planner"], "report_submit", report)
    assert status_of(report) == Status.SUBMITTED


# --- return ----------------------------------------------------------------------------------


def test_the_secretary_returns_rows_with_a_reason(report, people):
    submitted(report)
    first = report.plan.indikator.first()
    data = {"reason": "Bukti belum lengkap", "indikator": [first.pk, "x", "99999999"]}
    post(people["secretary"], "report_return", report, data)
    assert status_of(report) == Status.RETURNED and report.return_reason == "Bukti belum lengkap"
    returned = set(Realisasi.objects.filter(returned=True).values_list("indikator", flat=True))
    assert returned == {first.pk}
    page = people["planner"].get(reverse("report_detail", args=[report.pk])).content.decode()
    assert "Bukti belum lengkap" in page and "Dikembalikan untuk diperbaiki" in page


def test_returning_without_a_reason_says_so_next_to_the_field(report, people):
    submitted(report)
    response = post(people["secretary"], "report_return", report, {"reason": "  "})
    page = response.content.decode()
    assert response.status_code == 200 and status_of(report) == Status.SUBMITTED
    assert '<div class="field invalid">' in page and "Tuliskan alasan pengembalian." in page


@pytest.mark.parametrize(("role", "code"), [("planner", 403), ("reader", 403), ("outsider", 404)])
def test_only_the_secretary_returns(report, people, role, code):
    submitted(report)
    assert post(people[role], "report_return", report, {"reason": "x"}).status_code == code
    assert status_of(report) == Status.SUBMITTED


def test_a_draft_cannot_be_returned(report, people):
    response = post(people["secretary"], "report_return", report, {"reason": "x"})
    assert response.status_code == 302 and status_of(report) == Status.DRAFT


# --- fix, resubmit, verify ------------------------------------------------------------------


def test_the_planner_fixes_a_returned_row_and_the_secretary_verifies(report, people):
    indikator = fill(report)
    services.submit_report(report, user("perencana.gorontalo"))
    post(people["secretary"], "report_return", report, {"reason": "x", "indikator": indikator.pk})
    post(people["secretary"], "report_verify", report)
    assert status_of(report) == Status.RETURNED  # nothing to verify while returned
    url = reverse("report_realisasi", args=[report.pk, indikator.pk])
    lock = Realisasi.objects.get(indikator=indikator).lock_version
    people["planner"].post(url, {"value_text": "97,5", "lock_version": lock})
    assert not Realisasi.objects.get(indikator=indikator).returned
    post(people["planner"], "report_submit", report)
    response = post(people["secretary"], "report_verify", report, {})
    assert status_of(report) == Status.VERIFIED and len(report.verification_code) == 10
    page = people["secretary"].get(response["Location"]).content.decode()
    assert report.verification_code in page and "Diverifikasi" in page


def test_verifying_with_a_row_still_returned_is_refused(report, people):
    indikator = fill(report)
    services.submit_report(report, user("perencana.gorontalo"))
    services.return_report(report, user("sekretaris.gorontalo"), "x", [indikator.pk])
    services.submit_report(report, user("perencana.gorontalo"))  # resubmitted unchanged
    response = post(people["secretary"], "report_verify", report)
    page = people["secretary"].get(response["Location"]).content.decode()
    assert status_of(report) == Status.SUBMITTED
    assert "Masih ada baris yang dikembalikan." in page


@pytest.mark.parametrize(("role", "code"), [("planner", 403), ("reader", 403), ("outsider", 404)])
def test_only_the_secretary_verifies(report, people, role, code):
    submitted(report)
    assert post(people[role], "report_verify", report).status_code == code
    assert status_of(report) == Status.SUBMITTED


def test_a_verified_report_is_frozen(report, people):
    indikator = submitted(report).plan.indikator.get(target="97,5%")
    services.verify_report(report, user("sekretaris.gorontalo"))
    url = reverse("report_realisasi", args=[report.pk, indikator.pk])
    assert people["planner"].post(url, {"value_text": "1"}).status_code == 403
    assert post(people["planner"], "report_submit", report).status_code == 403
    assert post(people["secretary"], "report_reopen", report).status_code == 302
    report.refresh_from_db()
    assert not report.reopened and report.status == Status.VERIFIED
    page = people["planner"].get(reverse("report_detail", args=[report.pk])).content.decode()
    assert "hx-post" not in page and "Ajukan" not in page and "Buka kembali" not in page
    assert Realisasi.objects.get(indikator=indikator).value_text == "95"


# --- the input window -----------------------------------------------------------------------


@pytest.fixture
def closed(approved):
    """TW I of 2023, its default window (10 April 2023) long closed."""
    return services.open_report(approved.satker, 2023, 1)


def test_after_the_window_the_planner_is_refused(closed, people):
    indikator = closed.plan.indikator.get(target="97,5%")
    url = reverse("report_realisasi", args=[closed.pk, indikator.pk])
    assert people["planner"].post(url, {"value_text": "95"}).status_code == 403
    assert post(people["planner"], "report_submit", closed).status_code == 403
    page = people["planner"].get(reverse("report_detail", args=[closed.pk])).content.decode()
    assert "10 April 2023" in page and "sudah lewat" in page
    assert "Hanya sekretaris yang dapat membukanya kembali." in page
    assert "hx-post" not in page


def test_the_secretary_reopens_after_the_window_and_the_planner_fills_again(closed, people):
    page = people["secretary"].get(reverse("report_detail", args=[closed.pk])).content.decode()
    assert "Buka kembali" in page
    post(people["secretary"], "report_reopen", closed)
    closed.refresh_from_db()
    assert closed.reopened
    indikator = closed.plan.indikator.get(target="97,5%")
    url = reverse("report_realisasi", args=[closed.pk, indikator.pk])
    assert people["planner"].post(url, {"value_text": "95", "lock_version": 0}).status_code == 302
    page = people["planner"].get(reverse("report_detail", args=[closed.pk])).content.decode()
    assert "dibuka kembali oleh sekretaris" in page and "Buka kembali</button>" not in page


def test_no_reopen_button_while_the_window_is_open(report, people):
    page = people["secretary"].get(reverse("report_detail", args=[report.pk])).content.decode()
    assert "Buka kembali" not in page


@pytest.mark.parametrize(("role", "code"), [("planner", 403), ("reader", 403), ("outsider", 404)])
def test_only_the_secretary_reopens(closed, people, role, code):
    assert post(people[role], "report_reopen", closed).status_code == code
    closed.refresh_from_db()
    assert not closed.reopened


# --- the province's secretary ------------------------------------------------------------------


@pytest.fixture
def pohuwato(demo):
    """The approved plan of a kabupaten under Gorontalo, its TW I submitted."""
    plan = next(plan for code, plan in demo.items() if code == "KPU-KAB-POHUWATO")
    open_window()
    report = services.open_report(plan.satker, 2023, 1)
    services.submit_report(report, user("perencana.pohuwato"))
    return report


def test_the_province_secretary_reads_a_kabupaten_report_but_takes_no_step(pohuwato, people):
    province = people["secretary"]
    page = province.get(reverse("report_detail", args=[pohuwato.pk]))
    assert page.status_code == 200 and "KPU Kabupaten Pohuwato" in page.content.decode()
    assert "Verifikasi semua" not in page.content.decode()
    for step in STEPS:
        assert post(province, step, pohuwato, {"reason": "x"}).status_code == 403, step
    assert status_of(pohuwato) == Status.SUBMITTED
    own = Client()
    own.force_login(user("sekretaris.pohuwato"))
    post(own, "report_verify", pohuwato)
    assert status_of(pohuwato) == Status.VERIFIED


# --- the admin -------------------------------------------------------------------------------


def test_the_admin_sets_windows_and_bands_and_only_reads_reports(report, admin_client):
    for model in ["inputwindow", "capaianband", "indicatormethod", "quarterreport"]:
        assert admin_client.get(reverse(f"admin:monitoring_{model}_changelist")).status_code == 200
    add = reverse("admin:monitoring_inputwindow_add")
    admin_client.post(add, {"year": 2024, "tw": 2, "closes_on": "2024-07-15"})
    assert InputWindow.closes(2024, 2) == datetime.date(2024, 7, 15)
    band = reverse("admin:monitoring_capaianband_add")
    page = admin_client.post(band, {"lower": "120", "label": "Jauh", "color": "red"})
    assert "Tulis kode warna enam digit" in page.content.decode()
    change = reverse("admin:monitoring_quarterreport_change", args=[report.pk])
    assert admin_client.post(change, {"status": "verified"}).status_code == 403
    assert status_of(report) == Status.DRAFT
    assert (
        reverse("admin:monitoring_quarterreport_add")
        not in admin_client.get(
            reverse("admin:monitoring_quarterreport_changelist")
        ).content.decode()
    )
