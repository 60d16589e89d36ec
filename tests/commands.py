"""Running ``manage.py`` in a child process, as a shell would, for exit statuses."""

import subprocess
import sys

from django.conf import settings


def manage(*args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
