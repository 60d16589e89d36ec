"""Submitting, returning, approving and revising a plan; its history, versions and the
public verification of a printed approval."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from plans import access, workflow
from plans.access import get_plan_for_user
from plans.compare import compare_versions
from plans.completeness import find_gaps
from plans.forms import ApproveForm, ReasonForm
from plans.history import plan_history
from plans.models import RencanaAksi
from plans.params import parse_int


def _fail(request, plan, error):
    messages.error(request, " ".join(error.messages))
    return redirect(plan)


@login_required
@require_http_methods(["GET", "POST"])
def plan_submit(request, pk):
    """Asks first, showing what the plan still lacks (each gap a link to its row); the
    planner may submit all the same, and the secretary sees the same list."""
    plan = get_plan_for_user(request.user, pk, rule=access.can_plan)
    if request.method == "GET":
        context = {"plan": plan, "gaps": find_gaps(plan)}
        return render(request, "plans/submit_confirm.html", context)
    try:
        workflow.submit(plan, request.user)
    except ValidationError as error:
        return _fail(request, plan, error)
    messages.success(request, _("Rencana aksi diajukan kepada sekretaris."))
    return redirect(plan)


def _step_form(request, plan, form, action, step, done):
    """The page of a workflow step that asks for something first (a reason, a signatory):
    on a valid post run ``step(data)``, say ``done(result)`` and go to the resulting plan."""
    if request.method == "POST" and form.is_valid():
        try:
            result = step(form.cleaned_data)
        except ValidationError as error:
            return _fail(request, plan, error)
        messages.success(request, done(result))
        return redirect(result)
    context = {"plan": plan, "form": form, "action": action}
    return render(request, "plans/workflow_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan_return(request, pk):
    done = _("Rencana aksi dikembalikan kepada perencana.")
    return _reason_step(request, pk, "return", access.can_approve, workflow.return_plan, done)


@login_required
@require_http_methods(["GET", "POST"])
def plan_approve(request, pk):
    plan = get_plan_for_user(request.user, pk, rule=access.can_approve)
    return _step_form(
        request,
        plan,
        ApproveForm(request.POST or None, initial=workflow.default_signatory(plan)),
        "approve",
        lambda data: workflow.approve(plan, request.user, data),
        lambda plan: (
            _("Rencana aksi disetujui. Kode verifikasi: %(code)s")
            % {"code": plan.verification_code}
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_revise(request, pk):
    return _reason_step(
        request,
        pk,
        "revise",
        access.can_plan,
        workflow.open_revision,
        lambda revision: _("Revisi versi %(v)s dibuka.") % {"v": revision.version},
    )


def _reason_step(request, pk, action, rule, step, done):
    """A step that needs only a reason: returning a plan, opening its revision."""
    plan = get_plan_for_user(request.user, pk, rule=rule)
    return _step_form(
        request,
        plan,
        ReasonForm(request.POST or None),
        action,
        lambda data: step(plan, request.user, data["reason"]),
        done if callable(done) else lambda result: done,
    )


@login_required
def plan_history_page(request, pk):
    plan = get_plan_for_user(request.user, pk)
    context = {
        "plan": plan,
        "events": plan_history(plan),
    }
    return render(request, "plans/plan_history.html", context)


@login_required
def plan_compare(request, pk):
    """Two versions of the same satker and year: ``?dari=<older pk>`` against ``pk``."""
    plan = get_plan_for_user(request.user, pk)
    versions = RencanaAksi.objects.for_user(request.user).filter(satker=plan.satker, year=plan.year)
    other_pk = parse_int(request.GET.get("dari") or plan.revision_of_id)
    if other_pk is None:
        messages.error(request, _("Pilih versi pembanding."))
        return redirect(plan)
    other = get_object_or_404(versions, pk=other_pk)
    old, new = sorted([other, plan], key=lambda version: version.version)
    context = {"plan": plan, "comparison": compare_versions(old, new), "versions": versions}
    return render(request, "plans/plan_compare.html", context)


def verify(request, code):
    """Public: which approved plan a printed verification code belongs to, and nothing more."""
    plan = get_object_or_404(
        RencanaAksi.objects.select_related("satker", "approved_by"),
        verification_code=code.upper(),
        status__in=[RencanaAksi.Status.APPROVED, RencanaAksi.Status.SUPERSEDED],
    )
    return render(request, "plans/verify.html", {"plan": plan, "total": plan.get_total_biaya()})
