"""The plan page, creating a plan and its settings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from plans import workflow
from plans.access import can_edit, get_plan_for_user, planner_satkers
from plans.completeness import find_gaps
from plans.forms import PlanCreateForm, PlanSettingsForm
from plans.matrix import build_matrix, load_tree
from plans.matrix_html import RowWriter
from plans.models import RencanaAksi, SasaranStrategis
from plans.params import parse_int
from plans.services import copy_plan, create_plan
from plans.vocabulary import MONTH_NAMES
from plans.writes import EditConflict, check_version, locked_plan, save_fields


def matrix_context(request, plan, saved=None):
    """What the matrix partial needs; shared by the page and every htmx update of it.
    ``saved`` is the node just saved, marked in the matrix so the planner sees where."""
    editable = can_edit(request.user, plan)
    totals = dict(
        SasaranStrategis.objects.filter(plan=plan).with_totals().values_list("pk", "total_biaya")
    )
    tree = load_tree(plan)
    matrix = build_matrix(plan, tree)
    writer = RowWriter(
        matrix,
        editable=editable,
        edit_base=reverse("node_edit", args=["x", 0]).split("x/")[0],
        add_base=reverse("node_add", args=[plan.pk, "x"]).split("x/")[0],
        sasaran_totals=totals,
        saved=(type(saved), saved.pk) if saved is not None else None,
    )
    after_cost = len(matrix.columns) - matrix.cost_column_index - 1 if matrix.shows_costs else 0
    return {
        "plan": plan,
        "matrix": matrix,
        "after_cost": after_cost,
        "body_rows": writer.rows(matrix),
        "editable": editable,
        "month_names": MONTH_NAMES,
        "sasaran_totals": totals,
        "tree": tree,
    }


@login_required
def plan_detail(request, pk):
    plan = get_plan_for_user(request.user, pk)
    context = matrix_context(request, plan)
    context["actions"] = workflow.available_actions(request.user, plan)
    context["versions"] = (
        RencanaAksi.objects.for_user(request.user)
        .filter(satker=plan.satker, year=plan.year)
        .select_related("approved_by")
        .order_by("-version")
    )
    context["status_changes"] = list(plan.status_changes.select_related("by"))
    if "approve" in context["actions"]:
        # The secretary sees what the planner saw before submitting.
        context["gaps"] = find_gaps(plan, context["tree"])
    return render(request, "plans/plan_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request):
    satkers = planner_satkers(request.user)
    sources = (
        RencanaAksi.objects.for_user(request.user)
        .filter(Q(satker__in=satkers), ~Q(status=RencanaAksi.Status.SUPERSEDED))
        .select_related("satker")
    )
    form = PlanCreateForm(request.POST or None, satkers=satkers, sources=sources)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["source"]:
                plan = copy_plan(data["source"], data["year"])
                done = _("Rencana aksi %(year)s dibuat dari salinan.") % data
            else:
                plan = create_plan(data["satker"], data["year"])
                done = _("Rencana aksi %(year)s dibuat.") % data
        except IntegrityError:
            # Someone created it between the form's check and this insert.
            form.add_error("year", _("Satker ini sudah punya rencana aksi untuk tahun tersebut."))
        else:
            messages.success(request, done)
            return redirect("plan_detail", pk=plan.pk)
    initial_source = parse_int(request.GET.get("salin"))
    if initial_source and not form.is_bound:
        form.initial["source"] = initial_source
    return render(request, "plans/plan_create.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def plan_settings(request, pk):
    plan = get_plan_for_user(request.user, pk, edit=request.method == "POST")
    form = PlanSettingsForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            with locked_plan(plan, request.user) as locked:
                check_version(locked, form.cleaned_data.get("lock_version"))
                save_fields(locked, form.apply_to(locked))
        except EditConflict:
            form.add_error(None, _("Pengaturan ini sudah diubah orang lain; muat ulang halaman."))
        else:
            messages.success(request, _("Pengaturan rencana aksi disimpan."))
            return redirect("plan_detail", pk=plan.pk)
    return render(
        request,
        "plans/plan_settings.html",
        {"plan": plan, "form": form, "editable": can_edit(request.user, plan)},
    )
