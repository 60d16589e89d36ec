"""The RPD of a plan (Halaman III DIPA): the page and its PDF and Excel downloads."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from budgets.exports.common import rpd_filename, rpd_rows
from budgets.exports.pdf import render_rpd_pdf
from budgets.exports.xlsx import rpd_workbook_bytes
from budgets.rpd import rpd_table
from plans.access import get_plan_for_user
from plans.views.exports import download_views


@require_GET
@login_required
def rpd_plan(request, pk):
    """Months × jenis belanja of the plan ``pk``, for whoever may see the plan."""
    plan = get_plan_for_user(request.user, pk)
    table = rpd_table(plan)
    context = {
        "plan": plan,
        "table": table,
        "rows": rpd_rows(table),
    }
    return render(request, "budgets/rpd_plan.html", context)


RPD_RENDERERS = {"pdf": render_rpd_pdf, "xlsx": rpd_workbook_bytes}
rpd_plan_pdf, rpd_plan_xlsx = download_views(
    get_plan_for_user, RPD_RENDERERS, rpd_filename, "export_rpd", "plan"
)
