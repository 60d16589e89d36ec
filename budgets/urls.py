from django.urls import path

from budgets import views

urlpatterns = [
    path("katalog-akun/", views.akun_options, name="akun_options"),
]
