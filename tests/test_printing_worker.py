"""Print runs through real RQ workers on the Redis at 127.0.0.1:6379 (database 15, emptied
for each test), each worker a process of its own reading the test database: the Gorontalo
booklet from the page and from the command, a stored PDF reused across processes, and a
worker killed while it writes the booklet (retried to success; killed again, failed with a
message on the page). CI starts Redis (.ci/run); elsewhere these tests skip when it is down.

Transactional tests: the workers see only committed rows."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings as django_settings
from django.db import connection
from django.urls import reverse

from monitoring.models import ReminderSent
from plans import workflow
from plans.exports.pdf import cache_path, html_to_pdf
from plans.models import Satker
from printing import jobs
from printing.models import PrintRun
from renaksi import jobs as renaksi_jobs
from tests.monitoring_fixtures import user
from tests.printing_fixtures import (
    GORONTALO,
    approve_gorontalo_province,
    check_gorontalo_booklet,
    pages_text,
    private_roots,
)

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
WORKER = Path(__file__).with_name("print_worker.py")
# Slow: each test starts worker processes and prints up to five plans.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def queue_redis(settings):
    """The test's Redis database, empty, as the app's queue."""
    server = redis.Redis.from_url(REDIS_URL)
    try:
        server.ping()
    except redis.ConnectionError:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"Redis tidak berjalan di {REDIS_URL} (CI menjalankannya lewat .ci/run)")
    server.flushdb()
    settings.REDIS_URL = REDIS_URL
    settings.RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600}}
    yield server
    server.flushdb()


@pytest.fixture
def province(demo, queue_redis, settings, tmp_path):
    private_roots(settings, tmp_path)
    return approve_gorontalo_province()


def database_url():
    """The test database as a DATABASE_URL, for the worker processes."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def worker_env(hold=None):
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": database_url(),
        "CONN_MAX_AGE": "0",
        "REDIS_URL": REDIS_URL,
        "MEDIA_ROOT": str(django_settings.MEDIA_ROOT),
        "PRIVATE_MEDIA_ROOT": str(django_settings.PRIVATE_MEDIA_ROOT),
        "SITE_URL": django_settings.SITE_URL,
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
    }
    env.pop("RENAKSI_TEST_HOLD", None)
    if hold:
        env["RENAKSI_TEST_HOLD"] = str(hold)
    return env


def start_worker(*args, hold=None):
    """A worker process (and its work horses) in a session of its own, to kill as one."""
    return subprocess.Popen(
        [sys.executable, str(WORKER), *args],
        env=worker_env(hold),
        cwd=django_settings.BASE_DIR,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def work_until_empty():
    """One worker that does every queued job and stops (``--burst``)."""
    worker = start_worker("--burst")
    output, _ = worker.communicate(timeout=300)
    assert worker.returncode == 0, output


def wait_for(path, worker):
    """Until the held worker says it reached the point (or it died)."""
    deadline = time.monotonic() + 120
    while not path.exists():
        assert worker.poll() is None, worker.stdout.read()
        assert time.monotonic() < deadline, "the worker never reached the held point"
        time.sleep(0.02)


def kill_while_writing(run, tmp_path):
    """Start a worker that holds the run's file aside, wait until it does, kill the worker
    and its work horse (SIGKILL), and let the queue notice the abandoned job as it would once
    its heartbeat lapses."""
    hold = tmp_path / f"hold-{time.monotonic_ns()}"
    hold.mkdir()
    worker = start_worker("--burst", hold=hold)
    wait_for(hold / "held", worker)
    horse, aside = (hold / "held").read_text().split("\n")
    os.killpg(worker.pid, signal.SIGKILL)
    os.kill(int(horse), signal.SIGKILL)  # RQ forks it into a session of its own
    worker.wait(timeout=30)
    worker.stdout.close()
    queue = jobs.get_queue()
    queue.started_job_registry.cleanup(timestamp=time.time() + 3600)
    return Path(aside)


def progress(client, run):
    url = reverse("print_run_detail", args=[run.pk])
    return client.get(url, headers={"HX-Request": "true"}).content.decode()


def test_the_gorontalo_booklet_is_printed_by_a_worker_from_the_page(province, client):
    # Pohuwato's approved version was printed before: the worker takes the stored file.
    pohuwato = province["KPU Kabupaten Pohuwato"]
    stored = cache_path(pohuwato, django_settings.SITE_URL)
    stored.parent.mkdir(parents=True)
    stored.write_bytes(html_to_pdf("<p>Tersimpan sebelumnya</p>"))
    client.force_login(user("sekretaris.gorontalo"))
    response = client.post(
        reverse("print_run_create"), {"satker": GORONTALO, "tahun": 2023, "format": "pdf"}
    )
    run = PrintRun.objects.get()
    assert response.url == reverse("print_run_detail", args=[run.pk])
    assert "0 dari 5 rencana aksi dicetak." in progress(client, run)
    assert len(jobs.get_queue()) == 5  # the parts; the assembly waits for them
    work_until_empty()
    run.refresh_from_db()
    assert run.status == PrintRun.Status.DONE, run.error
    assert "Unduh buku (PDF)" in progress(client, run)
    download = client.get(reverse("print_run_download", args=[run.pk]))
    content = b"".join(download.streaming_content)
    pages = pages_text(content)
    assert sum("Tersimpan sebelumnya" in text for text in pages) == 1
    others = {name: plan for name, plan in province.items() if plan != pohuwato}
    assert all(any(plan.verification_code in text for text in pages) for plan in others.values())


def test_the_command_waits_for_the_workers_and_writes_the_booklet(province, tmp_path):
    worker = start_worker()
    output = tmp_path / "gorontalo-2023.pdf"
    try:
        command = subprocess.run(
            [
                sys.executable,
                "manage.py",
                "print_booklet",
                "--satker",
                GORONTALO,
                "--year",
                "2023",
                "--output",
                str(output),
            ],
            env=worker_env(),
            cwd=django_settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.communicate(timeout=60)
    assert command.returncode == 0, command.stderr
    assert "masuk antrean RQ" in command.stdout
    check_gorontalo_booklet(output.read_bytes(), province)


def test_a_worker_killed_while_writing_leaves_no_file_and_the_retry_finishes(
    province, tmp_path, client
):
    run = jobs.create_run(Satker.objects.get(code=GORONTALO), 2023, "pdf", django_settings.SITE_URL)
    jobs.enqueue(run.pk)
    aside = kill_while_writing(run, tmp_path)
    run.refresh_from_db()
    assert aside.exists() and aside.name.startswith(".tmp-")  # written, never renamed
    assert run.status == PrintRun.Status.RUNNING and not run.output
    assert not list(aside.parent.glob("buku-*"))
    client.force_login(user("sekretaris.gorontalo"))
    assert client.get(reverse("print_run_download", args=[run.pk])).status_code == 404
    assert "Menyusun berkas" in progress(client, run)
    work_until_empty()  # RQ retries the abandoned assembly
    run.refresh_from_db()
    assert run.status == PrintRun.Status.DONE and not run.error
    assert [path.name for path in aside.parent.iterdir()] == [Path(run.output.name).name]
    check_gorontalo_booklet(run.output.read(), province)


def test_a_worker_killed_on_every_try_ends_the_run_failed_with_a_message(
    province, tmp_path, client
):
    pohuwato = Satker.objects.get(code="KPU-KAB-POHUWATO")
    run = jobs.create_run(pohuwato, 2023, "pdf", django_settings.SITE_URL)
    jobs.enqueue(run.pk)
    for _try in range(1 + jobs.ASSEMBLY_RETRIES):
        aside = kill_while_writing(run, tmp_path)
    run.refresh_from_db()
    assert run.status == PrintRun.Status.FAILED and not run.output
    assert not list(aside.parent.glob("buku-*"))
    client.force_login(user("sekretaris.gorontalo"))
    html = progress(client, run)
    assert "Gagal" in html and "hx-trigger" not in html
    assert (
        "Buku tidak dapat disusun: pekerja (worker) berhenti di tengah pekerjaan. "
        "Silakan cetak ulang" in html
    )


def test_the_reminder_mails_run_as_a_job_on_a_worker(demo, queue_redis, settings, tmp_path):
    private_roots(settings, tmp_path)
    plan = demo[GORONTALO]
    workflow.submit(plan, user("perencana.gorontalo"))
    workflow.approve(plan, user("sekretaris.gorontalo"), {"signatory_name": "Sekretaris"})
    job = jobs.get_queue().enqueue(renaksi_jobs.send_reminders, "2023-04-03")
    work_until_empty()
    sent = ReminderSent.objects.get()
    assert (sent.satker.code, sent.year, sent.tw, sent.days_left) == (GORONTALO, 2023, 1, 7)
    job.refresh()
    assert job.return_value().endswith("1 pengingat terkirim.\n")
