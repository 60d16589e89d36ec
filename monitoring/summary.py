"""A quarter at a glance: per indicator, in plan order, the targets, the realisasi of the
quarter and up to it, both capaian, the scheduled activities done and the money spent.
Read in a fixed number of queries whatever the plan's size."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from monitoring import capaian
from monitoring.models import (
    QUARTER_MONTHS,
    IndicatorMethod,
    LineExecution,
    Realisasi,
)
from plans.matrix import load_tree
from plans.models import LEVELS


@dataclass
class Row:
    indikator: object
    sasaran: object
    method: IndicatorMethod
    target: str
    target_tw: str
    realisasi: Realisasi | None
    capaian_tw: capaian.Capaian
    realisasi_kumulatif: Decimal | None
    capaian_kumulatif: capaian.Capaian
    scheduled: int = 0  # (line, month) pairs scheduled in the quarter
    done: int = 0  # of those, marked terlaksana
    anggaran: int | None = None
    evidence: list = field(default_factory=list)

    @property
    def satuan(self):
        return capaian.read_target(self.target).unit


def quarter_target(indikator, tw):
    """The quarter's target as written, the annual one when the quarter has none."""
    return getattr(indikator, f"target_tw{tw}") or indikator.target


def summarize(report):
    """The rows of ``report`` (a ``QuarterReport``), one per indicator in plan order."""
    tree = load_tree(report.plan)
    indicators = tree.nodes(LEVELS["indikator"])
    methods = {
        method.uid: method
        for method in IndicatorMethod.objects.filter(uid__in=[ik.uid for ik in indicators])
    }
    # Every quarter up to this one, matched by indicator uid across plan versions.
    earlier = defaultdict(dict)
    rows_of_report = {}
    for realisasi in Realisasi.objects.filter(
        report__satker=report.satker_id, report__year=report.year, report__tw__lte=report.tw
    ).select_related("report", "indikator"):
        earlier[realisasi.indikator.uid][realisasi.report.tw] = realisasi
        if realisasi.report_id == report.pk:
            rows_of_report[realisasi.indikator_id] = realisasi
    executions = defaultdict(list)
    for execution in LineExecution.objects.filter(report=report):
        executions[execution.line_id].append(execution)
    lines_of = _lines_by_indicator(tree)
    sasaran_of = {
        ik.pk: ss for ss in tree.roots for sp in tree.children(ss) for ik in tree.children(sp)
    }
    rows = []
    for indikator in indicators:
        method = methods.get(indikator.uid) or IndicatorMethod(uid=indikator.uid)
        quarters = {
            tw: (
                capaian.read_target(quarter_target(indikator, tw)),
                realisasi.value,
            )
            for tw, realisasi in earlier[indikator.uid].items()
        }
        current = rows_of_report.get(indikator.pk)
        target_tw = quarter_target(indikator, report.tw)
        row = Row(
            indikator=indikator,
            sasaran=sasaran_of.get(indikator.pk),
            method=method,
            target=indikator.target,
            target_tw=target_tw,
            realisasi=current,
            capaian_tw=capaian.capaian(
                capaian.read_target(target_tw),
                current.value if current else None,
                method.arah,
                method.rumus,
            ),
            realisasi_kumulatif=_cumulative_value(quarters, report.tw, method.metode),
            capaian_kumulatif=capaian.cumulative(
                quarters, report.tw, method.metode, method.arah, method.rumus
            ),
        )
        _add_execution(row, lines_of[indikator.pk], executions, report.tw)
        rows.append(row)
    return rows


def _lines_by_indicator(tree):
    lines = defaultdict(list)
    for line in tree.nodes(LEVELS["baris"]):
        lines[line.kegiatan.indikator_id].append(line)
    return lines


def _cumulative_value(quarters, upto, metode):
    values = [
        value for tw, (_, value) in sorted(quarters.items()) if tw <= upto and value is not None
    ]
    if not values:
        return None
    if metode == capaian.TERAKHIR:
        return values[-1]
    if metode == capaian.RATA_RATA:
        return sum(values) / len(values)
    return sum(values)


def _add_execution(row, lines, executions, tw):
    months = QUARTER_MONTHS[tw]
    spent = None
    for line in lines:
        done = {
            execution.month
            for execution in executions[line.pk]
            if execution.status == LineExecution.Status.DONE
        }
        for month in months:
            if month in line.months:
                row.scheduled += 1
                row.done += month in done
        for execution in executions[line.pk]:
            if execution.anggaran is not None:
                spent = (spent or 0) + execution.anggaran
    row.anggaran = spent
