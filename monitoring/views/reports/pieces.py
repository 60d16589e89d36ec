"""Saving one piece of the quarter page - an indicator's realisasi and narrative, its
method, the secretary's tanggapan, a line's execution - through the report's write path.
A plain form post that htmx turns into a swap of that piece, the indicator's figures
following out of band; a stale form comes back with the newer values beside its fields."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import reswap, retarget

from monitoring import execution, services
from monitoring.access import can_fill, get_report_for_user
from monitoring.forms import MethodForm, form_values, mark_conflicts
from monitoring.summary import summarize
from monitoring.views.reports.page import (
    PAGE,
    execution_form,
    method_form,
    page_context,
    realisasi_form,
    render_page,
    tanggapan_form,
)
from plans.models import IndikatorKinerja, RencanaKegiatan
from plans.writes import EditConflict


def _indikator(report, pk):
    return get_object_or_404(IndikatorKinerja, pk=pk, plan=report.plan_id)


def _answer(request, report, piece, pk, *, line_pk=None, bound=None, message=None):
    """After a save (or a refusal of its form): for htmx the piece, the indicator's figures
    out of band and the messages; otherwise the page, at the indicator."""
    if message:
        messages.success(request, message)
    if not request.htmx:
        if bound:
            return render_page(request, report, bound=bound)
        return redirect(f"{reverse('report_detail', args=[report.pk])}#ik-{pk}")
    context = page_context(request, report, bound=bound)
    card = _card_of(context, pk, piece)
    context.update({"card": card, "piece": f"{PAGE}#{piece}", "saved": bool(message)})
    if line_pk is not None:
        context["quarter_line"], context["line_form"] = next(
            item for item in card.lines if item[0].line.pk == line_pk
        )
    return render(request, "monitoring/piece_update.html", context)


def _card_of(context, pk, piece):
    card = next(card for card in context["cards"] if card.pk == pk)
    card.open.add("lines" if piece == "line" else piece)
    return card


def _refused(request, report, pk, error):
    """The report stopped accepting this change (submitted, window closed): the card comes
    back as it now reads, with why."""
    messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    if not request.htmx:
        return redirect(f"{reverse('report_detail', args=[report.pk])}#ik-{pk}")
    context = page_context(request, report)
    context["card"] = next(card for card in context["cards"] if card.pk == pk)
    response = render(request, "monitoring/card_update.html", context)
    return reswap(retarget(response, f"#ik-{pk}"), "outerHTML")


def _save(request, report, pk, form, save, conflict, *, piece, done, line_pk=None):
    """Validate ``form`` and ``save(cleaned data)`` under the report's lock. A stale form
    comes back with the newer values beside its fields (``conflict(current)``), a change
    the report no longer takes as the card it now is."""
    if form.is_valid():
        try:
            save(form.cleaned_data)
        except EditConflict as error:
            form = conflict(error.current)
        except PermissionDenied as error:
            return _refused(request, report, pk, error)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _answer(request, report, piece, pk, line_pk=line_pk, message=done)
    bound = {("line", line_pk) if line_pk else (piece, pk): form}
    return _answer(request, report, piece, pk, line_pk=line_pk, bound=bound)


def _row(report, indikator):
    return next(row for row in summarize(report) if row.indikator.pk == indikator.pk)


def _posted(posted, **values):
    data = posted.copy()
    data.update(values)
    return data


def _indikator_piece(request, pk, indikator, rule):
    """The report (for a user ``rule`` lets in), the indicator, its row and the post."""
    report = get_report_for_user(request.user, pk, rule=rule)
    indikator = _indikator(report, indikator)
    return report, indikator, _row(report, indikator), request.POST


def _save_indikator(request, report, indikator, form, save, conflict, piece, done):
    """``_save`` for a piece of an indicator; ``done`` names it as ``%(no)s``."""
    done = done % {"no": _short(indikator)}
    return _save(request, report, indikator.pk, form, save, conflict, piece=piece, done=done)


@login_required
@require_POST
def report_realisasi(request, pk, indikator):
    report, indikator, row, posted = _indikator_piece(request, pk, indikator, can_fill)

    def conflict(current):
        # Read first: validating a ModelForm writes the posted values onto its instance.
        saved = {name: (getattr(current, name),) * 2 for name in services.REALISASI_FIELDS}
        data = _posted(posted, lock_version=current.lock_version)
        form = realisasi_form(report, row, data=data, instance=current)
        return mark_conflicts(form, saved, lambda name: (posted.get(name) or "").strip())

    def save(data):
        services.save_realisasi(report, indikator, data, request.user, data["lock_version"])

    form, done = realisasi_form(report, row, data=posted), _("Realisasi %(no)s disimpan.")
    return _save_indikator(request, report, indikator, form, save, conflict, "realisasi", done)


@login_required
@require_POST
def report_method(request, pk, indikator):
    report, indikator, row, posted = _indikator_piece(request, pk, indikator, can_fill)

    def conflict(current):
        saved = {
            name: (getattr(current, name), getattr(current, f"get_{name}_display")())
            for name in execution.METHOD_FIELDS
        }
        data = _posted(posted, loaded=execution.method_fingerprint(current))
        form = MethodForm(data, instance=current, auto_id=f"id_cara{indikator.pk}_%s")
        return mark_conflicts(form, saved, posted.get)

    def save(data):
        execution.save_method(report, indikator, data, request.user, data["loaded"] or None)

    form, done = method_form(row, data=posted), _("Cara hitung %(no)s disimpan.")
    return _save_indikator(request, report, indikator, form, save, conflict, "method", done)


@login_required
@require_POST
def report_tanggapan(request, pk, indikator):
    report, indikator, row, posted = _indikator_piece(request, pk, indikator, execution.can_review)

    def conflict(current):
        data = _posted(posted, lock_version=current.lock_version)
        saved = {"tanggapan": (current.tanggapan,) * 2}
        return mark_conflicts(tanggapan_form(row, data=data), saved, posted.get)

    def save(data):
        tanggapan, lock_version = data["tanggapan"], data["lock_version"]
        execution.save_tanggapan(report, indikator, tanggapan, request.user, lock_version)

    form, done = tanggapan_form(row, data=posted), _("Tanggapan %(no)s disimpan.")
    return _save_indikator(request, report, indikator, form, save, conflict, "tanggapan", done)


@login_required
@require_POST
def report_execution(request, pk, baris):
    report = get_report_for_user(request.user, pk, rule=can_fill)
    line = get_object_or_404(
        RencanaKegiatan.objects.select_related("kegiatan"), pk=baris, plan=report.plan_id
    )
    quarter_line, posted = execution.quarter_line(report, line), request.POST
    if not quarter_line.months:
        raise Http404

    def conflict(current):
        saved = {}
        for month in current.months:
            recorded = current.executions.get(month)
            for name in execution.EXECUTION_FIELDS:
                value = getattr(recorded, name) if recorded else None
                shown = recorded.get_status_display() if name == "status" and value else value
                saved[f"{name}_{month}"] = (value, shown)
        form = execution_form(current, data=_posted(posted, loaded=current.fingerprint))
        return mark_conflicts(form, saved, lambda key: form.cleaned_data.get(key))

    return _save(
        request,
        report,
        line.kegiatan.indikator_id,
        execution_form(quarter_line, data=posted),
        lambda data: execution.save_execution(
            report, line, form_values(data, quarter_line), request.user, data["loaded"] or None
        ),
        conflict,
        piece="line",
        line_pk=line.pk,
        done=_("Pelaksanaan “%(line)s” disimpan.") % {"line": _short_text(line)},
    )


def _short(indikator):
    return _("indikator “%(text)s”") % {"text": _short_text(indikator)}


def _short_text(node):
    text = str(node.text or node)
    return text if len(text) <= 60 else f"{text[:57]}…"
