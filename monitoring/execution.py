"""What a quarter records beside the realisasi, each written under the report's lock
(``monitoring.writes``): the execution of the lines scheduled in the quarter, an indicator's
method, the secretary's tanggapan, and the submit that first asks every row whose capaian
cannot be computed for its alasan.

Line executions and methods carry no ``lock_version`` of their own: a form carries the
``fingerprint`` of the values it was loaded with, and a save whose rows changed since then
is refused with ``plans.writes.EditConflict``, as a stale plan edit is.
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from monitoring import services
from monitoring.access import can_verify
from monitoring.models import QUARTER_MONTHS, IndicatorMethod, LineExecution, Realisasi
from monitoring.summary import summarize
from monitoring.writes import locked_report
from plans.models import RencanaKegiatan
from plans.vocabulary import MONTH_NAMES
from plans.writes import EditConflict, check_version, save_fields

EXECUTION_FIELDS = ("status", "note", "anggaran")
METHOD_FIELDS = ("arah", "rumus", "metode")


def fingerprint(values):
    """A short digest of the values a form was loaded with."""
    return hashlib.sha256(repr(values).encode()).hexdigest()[:16]


@dataclass
class QuarterLine:
    """A line with the months it is scheduled in this quarter and what was recorded."""

    line: RencanaKegiatan
    months: list
    executions: dict = field(default_factory=dict)  # month -> LineExecution

    @property
    def rows(self):
        """``(month, month name, LineExecution or None)`` per scheduled month."""
        return [
            (month, MONTH_NAMES[month - 1], self.executions.get(month)) for month in self.months
        ]

    @property
    def fingerprint(self):
        return fingerprint(
            [
                (month, *(getattr(self.executions[month], name) for name in EXECUTION_FIELDS))
                for month in sorted(self.executions)
            ]
        )


def quarter_lines(report):
    """``{indicator pk: [QuarterLine]}``: the lines of the report's plan scheduled in its
    quarter, under the indicator they belong to, in print order. Two queries."""
    months = QUARTER_MONTHS[report.tw]
    recorded = defaultdict(dict)
    for execution in LineExecution.objects.filter(report=report):
        recorded[execution.line_id][execution.month] = execution
    lines = (
        RencanaKegiatan.objects.filter(plan=report.plan_id)
        .select_related("kegiatan")
        .order_by("kegiatan__order", "kegiatan_id", "order", "pk")
    )
    grouped = defaultdict(list)
    for line in lines:
        scheduled = [month for month in months if month in line.months]
        if scheduled:
            grouped[line.kegiatan.indikator_id].append(
                QuarterLine(line, scheduled, recorded[line.pk])
            )
    return grouped


def quarter_line(report, line):
    """One line's ``QuarterLine`` in the report's quarter (its months may be none)."""
    months = [month for month in QUARTER_MONTHS[report.tw] if month in line.months]
    executions = {
        execution.month: execution
        for execution in LineExecution.objects.filter(report=report, line=line)
    }
    return QuarterLine(line, months, executions)


def save_execution(report, line, data, by, expected=None):
    """Write what happened to ``line`` in each of its scheduled months of the quarter:
    ``data`` maps a month to ``{"status", "note", "anggaran"}``. A month left wholly empty
    keeps no row. Refused with ``EditConflict`` when the line's rows changed since the form
    was loaded with the fingerprint ``expected``."""
    if line.plan_id != report.plan_id:
        raise ValidationError(_("Rencana kegiatan ini bukan bagian dari rencana laporan ini."))
    with locked_report(report, by) as report:
        current = QuarterLine(
            line,
            [month for month in QUARTER_MONTHS[report.tw] if month in line.months],
            {
                execution.month: execution
                for execution in LineExecution.objects.select_for_update().filter(
                    report=report, line=line
                )
            },
        )
        if expected is not None and current.fingerprint != expected:
            raise EditConflict(current)
        for month in current.months:
            values = data.get(month)
            if values is None:
                continue
            values = {
                "status": values.get("status") or "",
                "note": (values.get("note") or "").strip(),
                "anggaran": values.get("anggaran"),
            }
            execution = current.executions.get(month)
            if not any(value not in ("", None) for value in values.values()):
                if execution is not None:
                    execution.delete()
                    del current.executions[month]
                continue
            if execution is None:
                execution = LineExecution(report=report, line=line, month=month)
            for name, value in values.items():
                setattr(execution, name, value)
            execution.full_clean(exclude=["report", "line"])
            execution.save()
            current.executions[month] = execution
        return current


def method_fingerprint(method):
    return fingerprint([getattr(method, name) for name in METHOD_FIELDS])


def save_method(report, indikator, data, by, expected=None):
    """Set how ``indikator``'s capaian is computed (``METHOD_FIELDS`` of ``data``). The
    setting follows the indicator's ``uid``, so it holds for every quarter and version."""
    if indikator.plan_id != report.plan_id:
        raise ValidationError(_("Indikator ini bukan bagian dari rencana laporan ini."))
    with locked_report(report, by):
        method, _created = IndicatorMethod.objects.select_for_update().get_or_create(
            uid=indikator.uid
        )
        if expected is not None and method_fingerprint(method) != expected:
            raise EditConflict(method)
        for name in METHOD_FIELDS:
            setattr(method, name, data[name])
        method.full_clean(exclude=["uid"])
        method.save(update_fields=list(METHOD_FIELDS))
        return method


def can_review(user, report):
    """The satker's secretary, while the report waits for them."""
    return report.status == report.Status.SUBMITTED and can_verify(user, report)


def save_tanggapan(report, indikator, text, by, expected_version=None):
    """The secretary's feedback on one indicator, written while the report is submitted."""
    if indikator.plan_id != report.plan_id:
        raise ValidationError(_("Indikator ini bukan bagian dari rencana laporan ini."))
    with locked_report(report, by, allowed=can_review) as report:
        realisasi, created = Realisasi.objects.select_for_update().get_or_create(
            report=report, indikator=indikator
        )
        if not created:
            check_version(realisasi, expected_version)
        realisasi.tanggapan = (text or "").strip()
        return save_fields(realisasi, ["tanggapan"])


def missing_alasan(rows):
    """The summary rows that have a realisasi whose capaian cannot be computed (a zero or
    non-numeric target) and do not yet say why: a report is not submitted with any of them.
    A row left empty is only not reported yet."""
    return [
        row
        for row in rows
        if row.capaian_tw.value is None
        and row.realisasi is not None
        and row.realisasi.value_text
        and not row.realisasi.alasan.strip()
    ]


class AlasanMissing(ValidationError):
    """Submitting refused: ``rows`` lack the alasan their capaian needs."""

    def __init__(self, rows):
        super().__init__(
            _("Tuliskan alasan untuk setiap indikator yang capaiannya tidak dapat dihitung.")
        )
        self.rows = rows


def submit(report, by):
    """Hand the report to the secretary, unless a row without capaian lacks its alasan
    (checked on the locked report, so the check and the submit see the same rows)."""
    with locked_report(report, by) as locked:
        missing = missing_alasan(summarize(locked))
        if missing:
            raise AlasanMissing(missing)
        return services.submit_report(locked, by)
