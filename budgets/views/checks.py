"""A plan against its pagu: the full checks with the planner's reasons, and the summary the
plan page and the submit page load."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from budgets.checks import check_plan, delete_reason, save_reason
from plans.access import can_edit, get_plan_for_user


class ReasonForm(forms.Form):
    """The planner's reason for one over-pagu group (``kode``)."""

    kode = forms.CharField(max_length=60, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=gettext_lazy("Alasan melebihi pagu"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": gettext_lazy("Tuliskan alasan melebihi pagu.")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def budget_plan(request, pk):
    """Every check of the plan against its pagu; planners of an editable plan give a reason
    per over-pagu group (or remove one no longer needed), everyone else reads."""
    plan = get_plan_for_user(request.user, pk, edit=request.method == "POST")
    posted = None
    if request.method == "POST":
        if "hapus" in request.POST:
            delete_reason(plan, request.user, request.POST["hapus"])
            messages.success(request, _("Alasan dihapus."))
            return redirect("budget_plan", pk=plan.pk)
        posted = ReasonForm(request.POST)
        if posted.is_valid():
            try:
                save_reason(plan, request.user, **posted.cleaned_data)
            except ValidationError as error:
                # The group is no longer over the pagu: the page shows what is now.
                messages.error(request, " ".join(error.messages))
                return redirect("budget_plan", pk=plan.pk)
            else:
                messages.success(
                    request, _("Alasan untuk %(kode)s disimpan.") % posted.cleaned_data
                )
                return redirect("budget_plan", pk=plan.pk)
    checks = check_plan(plan)
    editable = can_edit(request.user, plan)
    rows = []
    for number, (group, reason) in enumerate(checks.over, start=1):
        form = None
        if editable:
            if posted is not None and posted.data.get("kode") == group.code:
                form = posted
            else:
                initial = {"kode": group.code, "reason": reason.reason if reason else ""}
                form = ReasonForm(initial=initial)
            form.auto_id = f"alasan-{number}-%s"
        rows.append({"group": group, "reason": reason, "form": form})
    context = {"plan": plan, "checks": checks, "over_rows": rows, "editable": editable}
    return render(request, "budgets/checks.html", context)


@login_required
@require_GET
def budget_plan_summary(request, pk):
    """A few lines for the plan page and the submit page (loaded by htmx, so that ``plans``
    needs nothing of ``budgets``): counts, the excess and a link to the full checks."""
    plan = get_plan_for_user(request.user, pk)
    return render(
        request, "budgets/_plan_budget_summary.html", {"plan": plan, "checks": check_plan(plan)}
    )
