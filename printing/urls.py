from django.urls import path

from printing import views

urlpatterns = [
    path("cetak/", views.print_run_create, name="print_run_create"),
    path("cetak/<int:pk>/", views.print_run_detail, name="print_run_detail"),
    path("cetak/<int:pk>/unduh/", views.print_run_download, name="print_run_download"),
]
