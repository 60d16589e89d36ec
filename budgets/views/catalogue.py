"""Budget pages the planner workspace loads into its own pages."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from budgets.models import Akun


@require_GET
@login_required
def akun_options(request):
    """The akun catalogue as ``<option>`` elements for the cost editor's suggestions."""
    catalogue = Akun.objects.values_list("code", "uraian")
    return render(request, "budgets/akun_options.html", {"catalogue": catalogue})
