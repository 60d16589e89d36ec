"""Quarterly reports: opening one for the plan in force, filling it, and its workflow
(Draf -> Diajukan -> Diverifikasi, or Dikembalikan with a reason), each step under the
report's lock (``monitoring.writes``)."""

from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from monitoring import capaian
from monitoring.access import can_verify
from monitoring.models import QuarterReport, Realisasi
from monitoring.summary import quarter_target
from monitoring.writes import locked_report
from plans.models import RencanaAksi
from plans.services import signatory_defaults
from plans.workflow import new_verification_code
from plans.writes import check_version, save_fields

Status = QuarterReport.Status
REALISASI_FIELDS = [
    "value_text",
    "alasan",
    "faktor_pendukung",
    "faktor_penghambat",
    "tindak_lanjut",
]


def plan_in_force(satker, year):
    """The approved version of the satker's plan for the year; None before approval."""
    return (
        RencanaAksi.objects.filter(satker=satker, year=year, status=RencanaAksi.Status.APPROVED)
        .select_related("satker")
        .first()
    )


def open_report(satker, year, tw):
    """The satker's report for the quarter, opened on the plan in force when missing.
    ``ValidationError`` when no version of the plan is approved yet."""
    report = QuarterReport.objects.filter(satker=satker, year=year, tw=tw).first()
    if report is not None:
        return report
    plan = plan_in_force(satker, year)
    if plan is None:
        raise ValidationError(
            _("Rencana aksi %(year)s belum disetujui; realisasi dicatat setelah disetujui.")
            % {"year": year}
        )
    report, _created = QuarterReport.objects.get_or_create(
        satker=satker, year=year, tw=tw, defaults={"plan": plan}
    )
    return report


def save_realisasi(report, indikator, data, by, expected_version=None):
    """Write one indicator's realisasi and narrative (``REALISASI_FIELDS`` of ``data``)
    unless someone saved it since ``expected_version``."""
    if indikator.plan_id != report.plan_id:
        raise ValidationError(_("Indikator ini bukan bagian dari rencana laporan ini."))
    problem = capaian.realisasi_problem(
        data.get("value_text", ""), quarter_target(indikator, report.tw), indikator.target
    )
    if problem:
        raise ValidationError({"value_text": problem})
    with locked_report(report, by) as report:
        realisasi, created = Realisasi.objects.select_for_update().get_or_create(
            report=report, indikator=indikator
        )
        if not created:
            check_version(realisasi, expected_version)
        fields = [name for name in REALISASI_FIELDS if name in data]
        for name in fields:
            setattr(realisasi, name, (data[name] or "").strip())
        realisasi.returned = False
        save_fields(realisasi, [*fields, "value", "returned"])
        return realisasi


def submit_report(report, by):
    with locked_report(report, by) as report:
        report.status, report.submitted_by = Status.SUBMITTED, by
        report.submitted_at = timezone.now()
        return save_fields(report, ["status", "submitted_by", "submitted_at"])


def return_report(report, by, reason, indikator_ids=()):
    """Back to the planner with a reason; ``indikator_ids`` marks the rows to fix."""
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Tuliskan alasan pengembalian.")})
    with _verifying(report, by) as report:
        for indikator in report.plan.indikator.filter(pk__in=list(indikator_ids)):
            Realisasi.objects.update_or_create(
                report=report, indikator=indikator, defaults={"returned": True}
            )
        report.status, report.return_reason = Status.RETURNED, reason.strip()
        return save_fields(report, ["status", "return_reason"])


def verify_report(report, by):
    """All indicators at once: the report is frozen, signed and gets a verification code."""
    with _verifying(report, by) as report:
        if report.realisasi.filter(returned=True).exists():
            raise ValidationError(_("Masih ada baris yang dikembalikan."))
        signatory = signatory_defaults(report.satker, report.plan)
        for name in ["signatory_place", "signatory_title", "signatory_name", "signatory_nip"]:
            setattr(report, name, signatory[name])
        report.status, report.verified_by = Status.VERIFIED, by
        report.verified_at = timezone.now()
        report.verification_code = new_verification_code(QuarterReport)
        return save_fields(
            report,
            [
                "status",
                "verified_by",
                "verified_at",
                "verification_code",
                "signatory_place",
                "signatory_title",
                "signatory_name",
                "signatory_nip",
            ],
        )


def reopen_report(report, by):
    """After the input window, a secretary lets the planners fill the quarter again."""
    with locked_report(report, by, allowed=can_verify) as report:
        if report.status == Status.VERIFIED:
            raise ValidationError(_("Laporan yang sudah diverifikasi tidak dibuka kembali."))
        report.reopened = True
        return save_fields(report, ["reopened"])


@contextmanager
def _verifying(report, by):
    """The secretary's steps: the report locked, submitted, and theirs to check."""
    with locked_report(report, by, allowed=can_verify) as report:
        if report.status != Status.SUBMITTED:
            raise ValidationError(_("Hanya laporan yang diajukan yang dapat diperiksa."))
        yield report
