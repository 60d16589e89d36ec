"""The home page: the plans a user may see, and what waits for them."""

from itertools import groupby

from django.contrib.auth.decorators import login_required
from django.db.models import OuterRef, Subquery
from django.shortcuts import render

from plans.access import awaiting_approval, planner_satkers
from plans.models import RencanaAksi, StatusChange


@login_required
def home(request):
    """The plans the user may see, newest year first, with status, total cost and, for a
    returned plan, why; above them the plans waiting for this secretary's approval."""
    returns = StatusChange.objects.filter(
        plan=OuterRef("pk"), to_status=RencanaAksi.Status.RETURNED
    ).order_by("-at", "-pk")
    plans = (
        RencanaAksi.objects.for_user(request.user)
        .current()
        .with_totals()
        .annotate(return_reason=Subquery(returns.values("reason")[:1]))
        .select_related("satker")
        .order_by("-year", "satker__code")
    )
    years = [(year, list(group)) for year, group in groupby(plans, key=lambda plan: plan.year)]
    waiting = awaiting_approval(request.user).select_related("satker", "submitted_by")
    context = {
        "years": years,
        "waiting": list(waiting.order_by("submitted_at")),
        "can_create": planner_satkers(request.user).exists(),
    }
    return render(request, "plans/home.html", context)
