"""The quarter page: per indicator, in plan order, the targets, the realisasi and both
capaian coloured by band, the activities done and the money spent, the narrative, the
method, the secretary's tanggapan, the evidence and the execution of the lines scheduled in
the quarter, with the forms the user may use on each; and the bands' stylesheet."""

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format

from monitoring import charts, evidence, execution, services
from monitoring.access import can_fill, can_verify, get_report_for_user, window_open
from monitoring.bands import band_for
from monitoring.forms import (
    HEX_COLOR,
    ExecutionForm,
    MethodForm,
    RealisasiForm,
    ReturnForm,
    TanggapanForm,
)
from monitoring.models import (
    QUARTER_MONTHS,
    QUARTER_NAMES,
    QUARTERS,
    CapaianBand,
    InputWindow,
    QuarterReport,
    Realisasi,
)
from monitoring.summary import summarize
from plans.access import get_plan_for_user, is_planner
from plans.params import parse_int

Status = QuarterReport.Status
PAGE = "monitoring/report_detail.html"


@dataclass
class Card:
    """One indicator of the quarter as the page shows it."""

    row: object  # monitoring.summary.Row
    number: int
    band_tw: CapaianBand | None
    band_kumulatif: CapaianBand | None
    heading: object = None  # the sasaran strategis, on its first indicator
    form: RealisasiForm | None = None
    method_form: MethodForm | None = None
    tanggapan_form: TanggapanForm | None = None
    lines: list = field(default_factory=list)  # (QuarterLine, ExecutionForm | None)
    missing_alasan: bool = False
    open: set = field(default_factory=set)  # the pieces to show unfolded

    @property
    def pk(self):
        return self.row.indikator.pk

    @property
    def kumulatif(self):
        """The cumulative realisasi as people write it: ``97,5``, not ``97,5000``."""
        value = self.row.realisasi_kumulatif
        if value is None:
            return ""
        value = value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()
        return number_format(value)

    @property
    def returned(self):
        return self.row.realisasi is not None and self.row.realisasi.returned


@login_required
def report_open(request, plan):
    """The report of quarter ``?tw=`` (by default the first one that still needs work) of
    the plan's satker and year, opened on the approved plan when it is missing."""
    plan = get_plan_for_user(request.user, plan)
    tw = parse_int(request.GET.get("tw"), high=4) or default_quarter(plan)
    try:
        report = services.open_report(plan.satker, plan.year, tw)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(plan)
    return redirect("report_detail", pk=report.pk)


def default_quarter(plan, today=None):
    """The first quarter of the plan's year that has begun and is not verified yet; the
    latest begun one when all are."""
    today = today or timezone.localdate()
    if plan.year < today.year:
        begun = list(QUARTERS)
    elif plan.year > today.year:
        begun = [1]
    else:
        begun = [tw for tw in QUARTERS if QUARTER_MONTHS[tw][0] <= today.month]
    verified = set(
        QuarterReport.objects.filter(
            satker=plan.satker_id, year=plan.year, status=Status.VERIFIED
        ).values_list("tw", flat=True)
    )
    return next((tw for tw in begun if tw not in verified), begun[-1])


@login_required
def report_detail(request, pk):
    report = get_report_for_user(request.user, pk)
    return render_page(request, report)


def render_page(request, report, *, bound=None, **extra):
    """The whole page; ``bound`` replaces the forms of pieces that came back with errors."""
    context = page_context(request, report, bound=bound)
    context.update(extra)
    return render(request, PAGE, context)


def page_context(request, report, *, bound=None):
    user = request.user
    closes = InputWindow.closes(report.year, report.tw)
    fill = can_fill(user, report)
    secretary = can_verify(user, report)
    review = secretary and report.status == Status.SUBMITTED
    cards = build_cards(report, fill=fill, review=review, bound=bound or {})
    bands = list(CapaianBand.objects.all())
    for card in cards:
        card.band_tw = band_for(card.row.capaian_tw.value, bands)
        card.band_kumulatif = band_for(card.row.capaian_kumulatif.value, bands)
    is_open = window_open(report)
    return {
        "planner": is_planner(user, report.satker),
        "days_left": (closes - timezone.localdate()).days,
        # each band with where the next begins (None for the last; no bands, no legend)
        "legend": list(zip(bands, [band.lower for band in bands[1:]] + [None], strict=False)),
        "report": report,
        "plan": report.plan,
        "cards": cards,
        "fill": fill,
        "review": review,
        "closes": closes,
        "window_open": is_open,
        "tabs": _tabs(report),
        "bands": bands,
        "bands_version": _bands_version(bands),
        "can_submit": fill,
        "can_reopen": secretary
        and not is_open
        and not report.reopened
        and report.status != Status.VERIFIED,
        "return_form": ReturnForm(),
        "filled": sum(1 for card in cards if card.row.realisasi and card.row.realisasi.value_text),
        # called by the page's charts only, never by the pieces htmx swaps
        "charts": lambda: charts.for_report(report, [card.row for card in cards], bands),
    }


def build_cards(report, *, fill, review, bound):
    """The cards of every indicator, with the forms the user may use on them."""
    rows = evidence.add_to_rows(summarize(report), report)
    lines = execution.quarter_lines(report)
    missing = {row.indikator.pk for row in execution.missing_alasan(rows)}
    cards, sasaran = [], None
    for number, row in enumerate(rows, start=1):
        pk = row.indikator.pk
        card = Card(row, number, None, None, missing_alasan=pk in missing)
        if row.sasaran is not None and row.sasaran != sasaran:
            card.heading = sasaran = row.sasaran
        if fill:
            card.form = bound.get(("realisasi", pk)) or realisasi_form(report, row)
            card.method_form = bound.get(("method", pk)) or method_form(row)
        if review:
            card.tanggapan_form = bound.get(("tanggapan", pk)) or tanggapan_form(row)
        for quarter_line in lines.get(pk, []):
            form = None
            if fill:
                form = bound.get(("line", quarter_line.line.pk)) or execution_form(quarter_line)
            card.lines.append((quarter_line, form))
        card.open = {piece for piece, key in bound if key == pk and piece != "line"}
        if any(("line", quarter_line.line.pk) in bound for quarter_line, _ in card.lines):
            card.open.add("lines")
        cards.append(card)
    return cards


def realisasi_form(report, row, data=None, instance=None):
    instance = instance or row.realisasi or Realisasi(report=report, indikator=row.indikator)
    return RealisasiForm(
        data,
        instance=instance,
        targets=(row.target_tw, row.target),
        auto_id=f"id_ik{row.indikator.pk}_%s",
    )


def method_form(row, data=None):
    form = MethodForm(data, instance=row.method, auto_id=f"id_cara{row.indikator.pk}_%s")
    if data is None:
        form.initial["loaded"] = execution.method_fingerprint(row.method)
    return form


def tanggapan_form(row, data=None):
    realisasi = row.realisasi
    initial = {
        "tanggapan": realisasi.tanggapan if realisasi else "",
        "lock_version": realisasi.lock_version if realisasi else 0,
    }
    return TanggapanForm(data, initial=initial, auto_id=f"id_tg{row.indikator.pk}_%s")


def execution_form(quarter_line, data=None):
    return ExecutionForm(
        data, quarter_line=quarter_line, auto_id=f"id_baris{quarter_line.line.pk}_%s"
    )


def _tabs(report):
    statuses = dict(
        QuarterReport.objects.filter(satker=report.satker_id, year=report.year).values_list(
            "tw", "status"
        )
    )
    base = reverse("report_open", args=[report.plan_id])
    return [
        {
            "tw": tw,
            "name": QUARTER_NAMES[tw],
            "url": f"{base}?tw={tw}",
            "current": tw == report.tw,
            "status": Status(statuses[tw]).label if tw in statuses else "",
        }
        for tw in QUARTERS
    ]


@login_required
def band_styles(request):
    """The colours of the capaian bands as a stylesheet (the site allows no inline style):
    ``.band-<pk>`` per band, with dark or light text for contrast."""
    rules = [
        f".band-{band.pk} {{ background: {band.color}; color: {_ink(band.color)}; }}"
        for band in CapaianBand.objects.all()
        if HEX_COLOR.fullmatch(band.color)
    ]
    response = HttpResponse("\n".join(rules) + "\n", content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "private, max-age=86400"  # the page's link names the version
    return response


def _ink(color):
    red, green, blue = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return "#1d2733" if 0.299 * red + 0.587 * green + 0.114 * blue > 140 else "#ffffff"


def _bands_version(bands):
    text = "|".join(f"{band.pk}:{band.lower}:{band.color}" for band in bands)
    return hashlib.sha256(text.encode()).hexdigest()[:10]
