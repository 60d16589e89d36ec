from django.urls import path

from budgets.views import catalogue, checks

urlpatterns = [
    path("katalog-akun/", catalogue.akun_options, name="akun_options"),
    path("anggaran/rencana/<int:pk>/", checks.budget_plan, name="budget_plan"),
    path(
        "anggaran/rencana/<int:pk>/ringkas/",
        checks.budget_plan_summary,
        name="budget_plan_summary",
    ),
]
