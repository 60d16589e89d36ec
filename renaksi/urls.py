from django.conf import settings
from django.contrib import admin
from django.contrib.auth import urls as auth_urls
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path

from renaksi.forms import LoginForm
from renaksi.health import health
from renaksi.password_reset import ThrottledPasswordResetView

RESET_NAMES = {
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}
# Django's sign-in, sign-out and password change; reset by e-mail only when switched on,
# throttled (renaksi/checks.py refuses DEBUG off with it on and mail going to the logs).
account_urls = [
    path("login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    *(entry for entry in auth_urls.urlpatterns if entry.name not in RESET_NAMES | {"login"}),
]
if settings.PASSWORD_RESET:
    account_urls += [
        path("password_reset/", ThrottledPasswordResetView.as_view(), name="password_reset"),
        path(
            "password_reset/done/",
            auth_views.PasswordResetDoneView.as_view(),
            name="password_reset_done",
        ),
        path(
            "reset/<uidb64>/<token>/",
            auth_views.PasswordResetConfirmView.as_view(),
            name="password_reset_confirm",
        ),
        path(
            "reset/done/",
            auth_views.PasswordResetCompleteView.as_view(),
            name="password_reset_complete",
        ),
    ]


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links; send them to the static one."""
    return redirect(static("favicon.ico"))


urlpatterns = [
    path("sehat/", health, name="health"),
    path("favicon.ico", favicon),
    path("admin/", admin.site.urls),
    path("akun/", include(account_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("pemantauan/", include("monitoring.urls")),
    path("nasional/", include("rollup.urls")),
    path("", include("printing.urls")),
    path("", include("budgets.urls")),
    path("", include("plans.urls")),
]
