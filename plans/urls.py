from django.urls import path

from plans.views import exports, home, imports, nodes, plan, province, workflow

urlpatterns = [
    path("", home.home, name="home"),
    path("rencana/baru/", plan.plan_create, name="plan_create"),
    path("rencana/<int:pk>/", plan.plan_detail, name="plan_detail"),
    path("rencana/<int:pk>/pengaturan/", plan.plan_settings, name="plan_settings"),
    path("rencana/<int:pk>/bulan/", nodes.month_toggle, name="month_toggle"),
    path("rencana/<int:pk>/tambah/<slug:slug>/", nodes.node_add, name="node_add"),
    path("ubah/<slug:slug>/<int:pk>/", nodes.node_edit, name="node_edit"),
    path("hapus/<slug:slug>/<int:pk>/", nodes.node_delete, name="node_delete"),
    path("geser/<slug:slug>/<int:pk>/", nodes.node_move, name="node_move"),
    path("gabung/baris/<int:pk>/", nodes.line_span, name="line_span"),
    path("validasi/<slug:field>/", nodes.validate_field, name="validate_field"),
    path("rencana/<int:pk>/unduh.pdf", exports.plan_pdf, name="plan_pdf"),
    path("rencana/<int:pk>/unduh.xlsx", exports.plan_xlsx, name="plan_xlsx"),
    path("impor/", imports.upload, name="import_upload"),
    path("impor/<str:token>/", imports.preview, name="import_preview"),
    path("rencana/<int:pk>/ajukan/", workflow.plan_submit, name="plan_submit"),
    path("rencana/<int:pk>/kembalikan/", workflow.plan_return, name="plan_return"),
    path("rencana/<int:pk>/setujui/", workflow.plan_approve, name="plan_approve"),
    path("rencana/<int:pk>/revisi/", workflow.plan_revise, name="plan_revise"),
    path("rencana/<int:pk>/riwayat/", workflow.plan_history_page, name="plan_history"),
    path("rencana/<int:pk>/banding/", workflow.plan_compare, name="plan_compare"),
    path("provinsi/", province.province_overview, name="province_overview"),
    path("verifikasi/<str:code>/", workflow.verify, name="verify"),
]
