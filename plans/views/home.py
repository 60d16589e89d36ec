"""Pages of the plans app."""

from itertools import groupby

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from plans.access import planner_satkers
from plans.models import RencanaAksi


@login_required
def home(request):
    """The plans the user may see, newest year first, with status and total cost."""
    plans = (
        RencanaAksi.objects.for_user(request.user)
        .current()
        .with_totals()
        .select_related("satker")
        .order_by("-year", "satker__code")
    )
    years = [(year, list(group)) for year, group in groupby(plans, key=lambda plan: plan.year)]
    can_create = planner_satkers(request.user).exists()
    return render(request, "plans/home.html", {"years": years, "can_create": can_create})
