"""``/sehat/``: can this app server do its work? For load balancers and whoever is paged.

Answering a ``SELECT 1`` is not enough: a database that went read-only (a failed-over
replica, a full disk) or a media folder that cannot be written still loses every save and
upload. Each part is checked and named, so the 503 says which one failed.
"""

import secrets
import tempfile

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import DatabaseError, connection, transaction
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


class _RollBack(Exception):
    """Raised to undo the probe write after it succeeded."""


def database_reads():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def database_writes():
    """Insert a session row and roll it back: proves the database accepts writes now."""
    try:
        with transaction.atomic():
            Session.objects.create(
                session_key=f"sehat-{secrets.token_hex(8)}",
                session_data="",
                expire_date=timezone.now(),
            )
            raise _RollBack
    except _RollBack:
        pass


def media_writes():
    folder = settings.MEDIA_ROOT
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".sehat-"):
        pass


CHECKS = [
    ("database", database_reads, "unavailable", DatabaseError),
    ("database_write", database_writes, "refused", DatabaseError),
    ("media", media_writes, "not writable", OSError),
]


@never_cache
@require_GET
def health(request):
    report, healthy = {}, True
    for name, check, failure, errors in CHECKS:
        if not healthy and name.startswith("database_"):
            report[name] = "skipped"
            continue
        try:
            check()
        except errors:
            report[name], healthy = failure, False
        else:
            report[name] = "ok"
    status = "ok" if healthy else "error"
    return JsonResponse({"status": status, **report}, status=200 if healthy else 503)
