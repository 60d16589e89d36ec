from django.urls import path

from rollup import views

urlpatterns = [
    path("", views.national_overview, name="national_overview"),
    path("provinsi/<str:code>/", views.province_rollup, name="province_rollup"),
]
