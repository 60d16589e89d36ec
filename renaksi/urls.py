from django.contrib import admin
from django.urls import include, path

from renaksi.health import health

urlpatterns = [
    path("sehat/", health, name="health"),
    path("admin/", admin.site.urls),
    path("akun/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("plans.urls")),
]
