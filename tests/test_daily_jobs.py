"""The daily jobs (renaksi/jobs.py) do what their commands do, and RQ's cron schedule
(renaksi/cron.py) queues both once a day. On a worker: tests/test_printing_worker.py."""

import os
import time

import redis
from rq.cron import CronScheduler

from renaksi import jobs


def test_the_clean_up_job_removes_old_unconfirmed_uploads_like_the_command(media):
    old = media / "imports" / ("a" * 32)
    old.parent.mkdir()
    old.write_bytes(b"PK")
    stamp = time.time() - 30 * 3600
    os.utime(old, (stamp, stamp))
    fresh = media / "imports" / ("b" * 32)
    fresh.write_bytes(b"PK")
    report = jobs.clean_uploads()
    assert report.endswith("1 unggahan impor lama dihapus (lebih dari 24 jam).\n")
    assert not old.exists() and fresh.exists()


def test_the_reminder_job_reports_like_the_command(db):
    assert jobs.send_reminders("2023-04-03") == "0 pengingat terkirim.\n"


def test_the_cron_schedule_queues_the_reminders_and_the_clean_up_daily():
    # Loading the schedule needs no Redis server: nothing is sent until it starts.
    scheduler = CronScheduler(connection=redis.Redis.from_url("redis://127.0.0.1:1/0"))
    scheduler.load_config_from_file("renaksi.cron")
    assert {(job.func_name, job.cron, job.queue_name) for job in scheduler.get_jobs()} == {
        ("renaksi.jobs.send_reminders", "0 23 * * *", "default"),
        ("renaksi.jobs.clean_uploads", "30 19 * * *", "default"),
    }
