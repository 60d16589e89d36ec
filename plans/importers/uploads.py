"""Uploads kept between the import preview and its confirmation: one file per random token in
a private folder under ``MEDIA_ROOT``, so every app server behind the load balancer sees it.

A confirmed import deletes its file; an abandoned one is left for ``clean_uploads``.
"""

import re
import secrets
import time
from pathlib import Path

from django.conf import settings

TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def upload_dir(create=True):
    folder = Path(settings.MEDIA_ROOT) / "imports"
    if create:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def keep(upload):
    """Write an uploaded file under a new token; returns the token."""
    token = secrets.token_urlsafe(24)
    with open(upload_dir() / token, "wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    return token


def kept_path(token):
    """The kept file of ``token``, or None when the token is malformed or the file is gone."""
    if not TOKEN.match(token):
        return None
    path = upload_dir() / token
    return path if path.is_file() else None


def discard(token):
    if TOKEN.match(token):
        (upload_dir() / token).unlink(missing_ok=True)


def remove_abandoned(hours):
    """Delete kept uploads last written more than ``hours`` ago; returns (path, age in hours)
    of each one removed. Only token-named files are touched, and a file another process
    removed first is skipped, so this is safe to run at any time and on several servers."""
    folder = upload_dir(create=False)
    if not folder.is_dir():
        return []
    now = time.time()
    removed = []
    for path in sorted(folder.iterdir()):
        if not TOKEN.match(path.name) or path.is_symlink() or not path.is_file():
            continue
        try:
            age = (now - path.stat().st_mtime) / 3600
            if age <= hours:
                continue
            path.unlink()
        except FileNotFoundError:
            continue
        removed.append((path, age))
    return removed
