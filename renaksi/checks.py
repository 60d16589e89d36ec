"""System checks that refuse to run with DEBUG off while a setting would hand accounts to
whoever reads the logs or print links that lead nowhere. They run with every management
command that checks (``check --deploy`` in ``make serve``, ``migrate``, ``runserver``)."""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, register
from django.urls import NoReverseMatch, reverse

# Backends that write each mail - reset links included - to the server's output or disk.
# (locmem is left alone: its mail never leaves the process, and Django's test environment
# switches every run to it.)
LEAKING_EMAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}
LOCAL_HOST_NAMES = {"localhost", "localhost.localdomain"}


def password_reset_enabled():
    """True when the URL conf serves the password reset form."""
    try:
        reverse("password_reset")
    except NoReverseMatch:
        return False
    return True


@register()
def check_reset_mail_is_delivered(app_configs, **kwargs):
    """A reset link printed to the log lets anyone who reads the log take over the account."""
    if settings.DEBUG or settings.EMAIL_BACKEND not in LEAKING_EMAIL_BACKENDS:
        return []
    if not password_reset_enabled():
        return []
    return [
        Error(
            f"EMAIL_BACKEND is {settings.EMAIL_BACKEND} while password reset is on: reset "
            "links would be written to the server's logs or disk.",
            hint="Set EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and EMAIL_HOST "
            "(see .env.example), or PASSWORD_RESET=0 to switch password reset off.",
            id="renaksi.E001",
        )
    ]


def is_local(host):
    """True for a host name or address that means this machine (localhost, 127.x, ::1)."""
    if not host:
        return True
    if host in LOCAL_HOST_NAMES or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


@register()
def check_site_url_is_public(app_configs, **kwargs):
    """SITE_URL goes into e-mails and the QR code of approved prints: it must reach the site
    from another machine."""
    if settings.DEBUG:
        return []
    url = (settings.SITE_URL or "").strip()
    parts = urlsplit(url)
    if parts.scheme in {"http", "https"} and not is_local(parts.hostname):
        return []
    return [
        Error(
            f"SITE_URL is {url!r}: links in e-mails and the QR code of printed plans would not "
            "reach the site.",
            hint="Set SITE_URL to the address users open, e.g. https://renaksi.kpu.go.id.",
            id="renaksi.E002",
        )
    ]
