"""An RQ worker for the printing tests: ``manage.py rqworker default --burst`` in its own
process, reading the test database and storage from the environment the test gives it.

With RENAKSI_TEST_HOLD naming a folder, each output stops just before it takes its final
name (``printing.booklet.publish``): the work horse writes its pid and the file's temporary
name to ``held`` there and waits for ``release``, so a test can kill the worker and its
horse at exactly that point - the file fully written aside, nothing under the final name.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renaksi.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from printing import booklet  # noqa: E402

HOLD = os.environ.get("RENAKSI_TEST_HOLD")


def held_publish(temporary, final, publish=booklet.publish):
    folder = Path(HOLD)
    # This runs in the work horse, which RQ forks into a session of its own.
    (folder / "held").write_text(f"{os.getpid()}\n{temporary}")
    deadline = time.monotonic() + 120
    while not (folder / "release").exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    publish(temporary, final)


if __name__ == "__main__":
    if HOLD:
        booklet.publish = held_publish
    call_command("rqworker", "default", *sys.argv[1:])
