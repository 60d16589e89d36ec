"""A province's booklet on 1 and on 2 RQ workers: does a second worker print it faster?

Run on demand from the repository root, with Redis at 127.0.0.1:6379::

    DEBUG=1 .venv/bin/python benchmarks/booklet.py [--workers 1 2] [--repeat 3]

In a throwaway SQLite database it loads the 553 satkers (``load_satkers``) and gives each of
JAWA BARAT's 27 kabupaten/kota the demo's Tomohon plan for 2023, approved through the
workflow (the province itself has none: "belum disetujui"). For each worker count it starts
that many ``rqworker`` processes (``printing.worker.PrintWorker``, as ``make worker`` does),
waits until they listen, queues the province's booklet and times it until the run is done:
27 part jobs (one plan's PDF each) and the assembly. Every round starts with no stored PDFs,
so each plan is rendered once per round. Prints each time, the medians of ``--repeat``
alternating rounds and their ratio. Redis database 14 (``--redis``) is emptied each round.
"""

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="renaksi-booklet-"))
DB = WORK / "bench.sqlite3"
ENV = {
    "DATABASE_URL": f"sqlite:///{DB}",
    "DEBUG": "1",
    "CONN_MAX_AGE": "0",
    "SITE_URL": "https://renaksi.kpu.go.id/",
    "PRIVATE_MEDIA_ROOT": str(WORK / "private"),
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
}
PROVINCE = "Jawa Barat"


def parse():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=3, help="rounds; medians are reported")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    return parser.parse_args()


ARGS = parse()
os.environ.update(ENV, REDIS_URL=ARGS.redis, MEDIA_ROOT=str(WORK / "media-0"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renaksi.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from rq import Worker  # noqa: E402

from plans import demo, workflow  # noqa: E402
from plans.models import Satker, SatkerRole  # noqa: E402
from printing import jobs  # noqa: E402
from printing.models import PrintRun  # noqa: E402
from tests.factories import RoleFactory  # noqa: E402


class Quiet:
    def write(self, *args, **kwargs):
        pass


def build_province():
    """JAWA BARAT with an approved 2023 plan for each of its kabupaten/kota."""
    call_command("migrate", verbosity=0)
    call_command("load_satkers", stdout=Quiet())
    province = Satker.objects.get(level=Satker.Level.PROVINSI, name__icontains=PROVINCE)
    tree = (demo.FIXTURES / demo.KABKOTA_TREE).read_text(encoding="utf-8")
    for satker in province.children.order_by("name"):
        plan = demo.create_plan(demo._named_for(tree, satker), satker, Quiet())
        planner = RoleFactory(user__username=f"p-{satker.pk}", satker=satker).user
        secretary = RoleFactory(
            user__username=f"s-{satker.pk}", satker=satker, role=SatkerRole.Role.SEKRETARIS
        ).user
        workflow.submit(plan, planner)
        workflow.approve(plan, secretary, {"signatory_name": "Sekretaris"})
    return province


def start_workers(count, media):
    env = {**os.environ, "MEDIA_ROOT": str(media)}
    log = (WORK / "workers.log").open("a")
    return [
        subprocess.Popen(
            [sys.executable, "manage.py", "rqworker", "default", "-v", "0"],
            cwd=ROOT,
            env=env,
            start_new_session=True,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        for _ in range(count)
    ]


def time_booklet(province, count):
    """Seconds from queueing the booklet to its run being done, on ``count`` workers."""
    media = WORK / f"media-{count}"
    shutil.rmtree(media, ignore_errors=True)
    settings.MEDIA_ROOT = media
    queue = jobs.get_queue()
    queue.connection.flushdb()
    workers = start_workers(count, media)
    try:
        deadline = time.monotonic() + 120
        while Worker.count(queue=queue) < count:
            if time.monotonic() > deadline or any(w.poll() is not None for w in workers):
                log = (WORK / "workers.log").read_text()[-2000:]
                raise SystemExit(f"Pekerja RQ tidak berjalan:\n{log}")
            time.sleep(0.1)
        run = jobs.create_run(province, 2023, "pdf", settings.SITE_URL)
        started = time.perf_counter()
        jobs.enqueue(run.pk)
        while not run.is_finished:
            time.sleep(0.05)
            run.refresh_from_db()
        elapsed = time.perf_counter() - started
    finally:
        for worker in workers:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGTERM)
        for worker in workers:
            worker.wait(timeout=60)
    if run.status != PrintRun.Status.DONE:
        raise SystemExit(f"Pencetakan gagal: {run.error}")
    parts = run.parts.filter(plan__isnull=False)
    last_part = max(part.done_at for part in parts)
    assembly = (run.finished_at - last_part).total_seconds()
    return elapsed, assembly, len(parts), run.output.size


def main():
    province = build_province()
    print(f"{province.name}: {province.children.count()} kabupaten/kota, each an approved plan")
    times = {count: [] for count in ARGS.workers}
    for _round in range(ARGS.repeat):
        # Alternating rounds, so a busy moment of the machine does not fall on one count only.
        for count in ARGS.workers:
            elapsed, assembly, parts, size = time_booklet(province, count)
            times[count].append(elapsed)
            print(
                f"{count} worker(s): {elapsed:6.1f} s for {parts} plans: "
                f"parts {elapsed - assembly:.1f} s, assembly {assembly:.1f} s "
                f"({size / 1e6:.1f} MB booklet)"
            )
    medians = {count: statistics.median(values) for count, values in times.items()}
    first, *rest = ARGS.workers
    for count in ARGS.workers:
        print(f"median, {count} worker(s): {medians[count]:.1f} s")
    for count in rest:
        print(f"ratio {first}/{count} workers: {medians[first] / medians[count]:.2f}x")
    shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
