"""The daily jobs, as RQ jobs: the same commands a shell runs (``kirim_pengingat``,
``clean_uploads``), so a job and a cron line do exactly the same. ``renaksi/cron.py``
schedules them on the workers' queue (``make scheduler``); either can be queued by hand:
``manage.py rqenqueue renaksi.jobs.send_reminders``."""

import io

from django.core.management import call_command


def send_reminders(day=None):
    """Mail the planners whose quarter closes in 7, 3 or 1 days (``day``: YYYY-MM-DD, by
    default today); safe to run twice. Returns the command's report."""
    return _run("kirim_pengingat", *(["--tanggal", day] if day else []))


def clean_uploads(hours=24):
    """Remove import uploads nobody confirmed within ``hours``. Returns the report."""
    return _run("clean_uploads", "--hours", str(hours))


def _run(name, *args):
    out = io.StringIO()
    call_command(name, *args, stdout=out)
    return out.getvalue()
