from django.urls import path

from budgets.views import catalogue, checks, rpd

urlpatterns = [
    path("katalog-akun/", catalogue.akun_options, name="akun_options"),
    path("anggaran/rencana/<int:pk>/rpd/", rpd.rpd_plan, name="rpd_plan"),
    path("anggaran/rencana/<int:pk>/rpd.pdf", rpd.rpd_plan_pdf, name="rpd_plan_pdf"),
    path("anggaran/rencana/<int:pk>/rpd.xlsx", rpd.rpd_plan_xlsx, name="rpd_plan_xlsx"),
    path("anggaran/rencana/<int:pk>/", checks.budget_plan, name="budget_plan"),
    path(
        "anggaran/rencana/<int:pk>/ringkas/",
        checks.budget_plan_summary,
        name="budget_plan_summary",
    ),
]
