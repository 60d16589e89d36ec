"""Password reset by e-mail, throttled so that it cannot flood a mailbox or be driven at
speed, with links that point at SITE_URL rather than at whatever Host the request named."""

import hashlib
import logging
import time

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from renaksi.auth import client_ip

log = logging.getLogger("renaksi.accounts")

PER_EMAIL = 3  # reset mails to one address an hour
PER_CLIENT = 10  # reset requests from one client address an hour
WINDOW_SECONDS = 3600


def within_limit(key, limit):
    """Count one request under ``key`` in the cache (shared by all workers, see CACHES);
    False once the hour that began with the first counted request holds more than ``limit``.
    Read-then-write rather than incr(): the database cache's incr() resets the expiry."""
    now = time.time()
    started, count = cache.get(key, (now, 0))
    count += 1
    cache.set(key, (started, count), timeout=max(1, round(started + WINDOW_SECONDS - now)))
    return count <= limit


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    """Django's reset view, refusing with 429 after PER_EMAIL requests for one address or
    PER_CLIENT requests from one client an hour. Unknown addresses count too, so the answer
    never tells whether an account exists."""

    email_template_name = "registration/password_reset_email.txt"

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        client = client_ip(self.request) or "unknown"
        email_key = hashlib.sha256(email.encode()).hexdigest()
        allowed = [
            within_limit(f"password-reset:client:{client}", PER_CLIENT),
            within_limit(f"password-reset:email:{email_key}", PER_EMAIL),
        ]
        if not all(allowed):
            log.warning("password reset throttled", extra={"client": client})
            form.add_error(
                None,
                _(
                    "Terlalu banyak permintaan atur ulang kata sandi. Coba lagi dalam satu jam "
                    "atau hubungi admin satker Anda."
                ),
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        self.extra_email_context = {"site_url": settings.SITE_URL.rstrip("/")}
        return super().form_valid(form)
