"""The core of monitoring: a report opens on the approved plan, realisasi is saved under the
report's lock, the workflow moves by role, and the summary reads in fixed queries."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from monitoring import services
from monitoring.models import IndicatorMethod, QuarterReport
from monitoring.summary import summarize
from tests.monitoring_fixtures import open_reopened, user

Status = QuarterReport.Status


@pytest.fixture
def report(approved, settings):
    return open_reopened(approved)


def test_a_report_opens_only_on_an_approved_plan(demo):
    with pytest.raises(ValidationError):
        services.open_report(demo["KPU-PROV-GORONTALO"].satker, 2023, 1)


def test_realisasi_is_saved_and_read_as_a_figure_and_capaian(report):
    indikator = report.plan.indikator.get(target="97,5%")
    services.save_realisasi(report, indikator, {"value_text": "95"}, user("perencana.gorontalo"))
    row = next(row for row in summarize(report) if row.indikator.pk == indikator.pk)
    assert (str(row.capaian_tw.value), str(row.capaian_kumulatif.value)) == ("97.44", "97.44")


def test_lower_is_better_is_set_per_indicator(report):
    indikator = report.plan.indikator.get(target="97,5%")
    IndicatorMethod.objects.create(uid=indikator.uid, arah="turun")
    services.save_realisasi(report, indikator, {"value_text": "95"}, user("perencana.gorontalo"))
    row = next(row for row in summarize(report) if row.indikator.pk == indikator.pk)
    assert str(row.capaian_tw.value) == "102.56"  # (195 - 95) / 97,5


def test_the_workflow_moves_by_role_and_a_verified_report_is_frozen(report):
    planner, secretary = user("perencana.gorontalo"), user("sekretaris.gorontalo")
    indikator = report.plan.indikator.first()
    with pytest.raises(PermissionDenied):
        services.submit_report(report, secretary)
    services.submit_report(report, planner)
    with pytest.raises(PermissionDenied):
        services.verify_report(report, planner)
    with pytest.raises(PermissionDenied):
        services.save_realisasi(report, indikator, {"value_text": "1"}, planner)
    services.return_report(report, secretary, "Lengkapi bukti", [indikator.pk])
    report.refresh_from_db()
    assert (report.status, report.realisasi.get().returned) == (Status.RETURNED, True)
    services.save_realisasi(report, indikator, {"value_text": "1"}, planner)
    services.submit_report(report, planner)
    services.verify_report(report, secretary)
    report.refresh_from_db()
    assert report.status == Status.VERIFIED and len(report.verification_code) == 10
    with pytest.raises(PermissionDenied):
        services.save_realisasi(report, indikator, {"value_text": "2"}, planner)


def test_summary_takes_the_same_queries_for_any_size(report, demo, django_assert_num_queries):
    # the tree (five levels), the methods, the realisasi up to the quarter, the executions
    with django_assert_num_queries(8):
        rows = summarize(report)
    assert len(rows) == report.plan.indikator.count()


def test_a_realisasi_that_is_no_number_is_refused_and_nothing_saved(report):
    indikator = report.plan.indikator.get(target="97,5%")
    with pytest.raises(ValidationError) as error:
        services.save_realisasi(
            report, indikator, {"value_text": "9x"}, user("perencana.gorontalo")
        )
    assert "bukan angka" in str(error.value)
    assert not report.realisasi.exists()
