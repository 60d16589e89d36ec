from django.urls import path

from budgets.views import catalogue

urlpatterns = [
    path("katalog-akun/", catalogue.akun_options, name="akun_options"),
]
