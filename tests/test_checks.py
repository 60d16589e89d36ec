"""With DEBUG off the app refuses to run while reset links would go to the logs or SITE_URL
points at this machine (renaksi/checks.py)."""

import os
import secrets
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import include, path

from renaksi.checks import check_reset_mail_is_delivered, check_site_url_is_public
from renaksi.urls import account_urls

CONSOLE = "django.core.mail.backends.console.EmailBackend"
FILES = "django.core.mail.backends.filebased.EmailBackend"
SMTP = "django.core.mail.backends.smtp.EmailBackend"

# A URL conf with sign-in but no password reset, as PASSWORD_RESET=0 mounts it.
urlpatterns = [
    path("akun/", include([entry for entry in account_urls if "reset" not in entry.name])),
]


def ids(errors):
    return [error.id for error in errors]


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.SITE_URL = "https://renaksi.kpu.go.id"
    settings.EMAIL_BACKEND = SMTP
    return settings


@pytest.mark.parametrize("backend", [CONSOLE, FILES])
def test_reset_links_written_to_logs_or_disk_are_refused(production, backend):
    production.EMAIL_BACKEND = backend
    assert ids(check_reset_mail_is_delivered(None)) == ["renaksi.E001"]


def test_reset_mail_over_smtp_passes(production):
    assert check_reset_mail_is_delivered(None) == []


def test_the_console_backend_is_fine_while_debugging(production):
    production.EMAIL_BACKEND = CONSOLE
    production.DEBUG = True
    assert check_reset_mail_is_delivered(None) == []


@pytest.mark.urls("tests.test_checks")
def test_the_console_backend_is_fine_when_password_reset_is_off(production):
    production.EMAIL_BACKEND = CONSOLE
    assert check_reset_mail_is_delivered(None) == []


@pytest.mark.parametrize(
    "url",
    [
        "",
        "http://127.0.0.1:8000",
        "http://localhost:8000/",
        "http://[::1]:8000",
        "https://127.0.1.1",
        "http://0.0.0.0:8000",
        "http://renaksi.localhost",
        "renaksi.kpu.go.id",  # no scheme: not a link
    ],
)
def test_a_site_url_that_leads_nowhere_is_refused(production, url):
    production.SITE_URL = url
    assert ids(check_site_url_is_public(None)) == ["renaksi.E002"]


@pytest.mark.parametrize("url", ["https://renaksi.kpu.go.id", "http://10.20.0.5:8080/renaksi/"])
def test_a_reachable_site_url_passes(production, url):
    production.SITE_URL = url
    assert check_site_url_is_public(None) == []


def test_the_local_site_url_is_fine_while_debugging(production):
    production.DEBUG = True
    production.SITE_URL = ""
    assert check_site_url_is_public(None) == []


def test_the_checks_run_with_the_check_command(production):
    production.EMAIL_BACKEND = CONSOLE
    production.SITE_URL = "http://127.0.0.1:8000"
    with pytest.raises(SystemCheckError, match=r"renaksi\.E001[\s\S]*renaksi\.E002"):
        call_command("check")


def manage_check_deploy(**environment):
    """``manage.py check --deploy --fail-level WARNING`` as ``make serve`` runs it, in a
    production environment plus ``environment``."""
    env = dict(
        os.environ,
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="renaksi.kpu.go.id",
        CSRF_TRUSTED_ORIGINS="https://renaksi.kpu.go.id",
        SECURE_SSL_REDIRECT="1",
        SECURE_COOKIES="1",
        **environment,
    )
    # Not from the test run: the browser tests allow async-unsafe ORM calls in their process.
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=os.path.dirname(os.path.dirname(__file__)),
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_make_serve_starts_with_smtp_and_a_public_site_url():
    done = manage_check_deploy(SITE_URL="https://renaksi.kpu.go.id", EMAIL_BACKEND=SMTP)
    assert done.returncode == 0, done.stderr


def test_make_serve_refuses_the_default_console_mail_and_missing_site_url():
    done = manage_check_deploy(SITE_URL="", EMAIL_BACKEND=CONSOLE)
    assert done.returncode == 1
    assert "renaksi.E001" in done.stderr
    assert "renaksi.E002" in done.stderr
