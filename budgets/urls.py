from django.urls import path

from budgets.views import catalogue, checks, execution, pagu, rpd

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
    path("anggaran/pagu/<str:satker>/<int:year>/", pagu.pagu_detail, name="pagu_detail"),
    path(
        "anggaran/pagu/<str:satker>/<int:year>/baris/tambah/",
        pagu.pagu_line_add,
        name="pagu_line_add",
    ),
    path(
        "anggaran/pagu/<str:satker>/<int:year>/baris/<int:pk>/",
        pagu.pagu_line_edit,
        name="pagu_line_edit",
    ),
    path(
        "anggaran/pagu/<str:satker>/<int:year>/baris/<int:pk>/hapus/",
        pagu.pagu_line_delete,
        name="pagu_line_delete",
    ),
    path("anggaran/pagu/<str:satker>/<int:year>/impor/", pagu.pagu_import, name="pagu_import"),
    path(
        "anggaran/pagu/<str:satker>/<int:year>/impor/<str:token>/",
        pagu.pagu_import_preview,
        name="pagu_import_preview",
    ),
    path(
        "anggaran/realisasi/<str:satker>/<int:year>/",
        execution.budget_execution,
        name="budget_execution",
    ),
]
