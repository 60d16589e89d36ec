"""Server time of the national roll-up and a province's page with the 553 satkers of
``load_satkers`` and a plan for each.

Run on demand: ``.venv/bin/python benchmarks/rollup.py [--lines 60] [--repeat 15]
[--reports] [--realisation]``. Uses a throwaway SQLite database, or a scratch PostgreSQL
database with ``--postgres`` (``renaksi_rollup_bench`` on 127.0.0.1, dropped and created
afresh), and Django's test client, so the figures are the server's own work: URL routing,
access checks, queries, rendering. ``--reports`` adds a verified TW I report for every
satker, with a realisasi for each of its plan's indicators, so the capaian columns have
work to do; ``--realisation`` adds imported realisation (two codes, January to September)
for every satker, so every satker has a deviation to compute.
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
POSTGRES_DB = "renaksi_rollup_bench"

from benchmarks.plan_page import setup  # noqa: E402 (the same settings and migrate)


def database_url(args):
    if args.sqlite:
        return f"sqlite:///{Path(args.sqlite).resolve()}"
    if not args.postgres:
        folder = tempfile.mkdtemp(prefix="renaksi-bench-")
        return f"sqlite:///{folder}/bench.sqlite3"
    server = ["-U", "postgres", "-h", "127.0.0.1"]
    subprocess.run(["dropdb", *server, "--if-exists", POSTGRES_DB], check=True)
    subprocess.run(["createdb", *server, POSTGRES_DB], check=True)
    return f"postgres://postgres@127.0.0.1:5432/{POSTGRES_DB}"


def seed(lines, reports, realisation=False):
    """The 553 satkers, one plan of ``lines`` lines each for 2099 (statuses in turn), with
    ``reports`` a verified TW I report per satker and with ``realisation`` imported
    realisation for every satker."""
    from django.db import transaction

    from budgets.models import RealisasiAnggaran
    from monitoring.models import QuarterReport, Realisasi
    from plans.building import build_tree
    from plans.models import IndikatorKinerja, RencanaAksi, Satker
    from plans.wilayah import load_satkers, read_regions
    from tests.factories import large_tree

    load_satkers(read_regions())
    statuses = list(RencanaAksi.Status)[:4]
    tree = large_tree(lines)
    with transaction.atomic():
        satkers = list(Satker.objects.exclude(level=Satker.Level.RI).order_by("pk"))
        plans = RencanaAksi.objects.bulk_create(
            RencanaAksi(satker=satker, year=2099, status=statuses[n % 4], title="Bench")
            for n, satker in enumerate(satkers)
        )
        for plan in plans:
            build_tree(plan, tree)
        if reports:
            made = QuarterReport.objects.bulk_create(
                QuarterReport(
                    satker_id=plan.satker_id, year=2099, tw=1, plan=plan, status="verified"
                )
                for plan in plans
            )
            report_of = {report.plan_id: report for report in made}
            Realisasi.objects.bulk_create(
                Realisasi(report=report_of[ik.plan_id], indikator=ik, value_text="80", value=80)
                for ik in IndikatorKinerja.objects.filter(plan__in=plans)
            )
        if realisation:
            RealisasiAnggaran.objects.bulk_create(
                RealisasiAnggaran(
                    satker=satker, year=2099, kode=kode, bulan=month, jumlah=jumlah
                ).prepare()
                for satker in satkers
                for month in range(1, 10)
                for kode, jumlah in [
                    ("3358.EBC.954.A.521211", 1_500_000 + month),
                    ("3358.EBC.954.A.524111", 700_000 * month),
                ]
            )
    return len(satkers) + 1


def timed(client, url, repeat):
    client.get(url)  # warm caches (templates, URL resolver)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return times, len(response.content)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=60, help="lines of each satker's plan")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--reports", action="store_true", help="a verified TW I per satker")
    parser.add_argument(
        "--realisation", action="store_true", help="imported realisation for every satker"
    )
    parser.add_argument("--postgres", action="store_true", help="scratch PostgreSQL database")
    parser.add_argument(
        "--sqlite", help="a SQLite file to keep between runs: seeded once, then reused"
    )
    args = parser.parse_args()
    setup(database_url(args))

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from tests.factories import UserFactory

    setup_test_environment()
    started = time.perf_counter()
    satkers = seed(args.lines, args.reports, args.realisation)
    if connection.vendor == "postgresql":  # table statistics, as autovacuum keeps them
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"seeded {satkers} satkers with a plan of {args.lines} lines each in "
        f"{time.perf_counter() - started:.0f} s ({connection.vendor})"
    )
    client = Client()
    admin = UserFactory(username="admin.bench", is_staff=True)
    client.force_login(admin)
    for label, url in [
        ("national page", "/nasional/?tahun=2099"),
        (
            "province page (Jawa Timur, 39 satkers)",
            "/nasional/provinsi/KPU-PROV-JAWA-TIMUR/?tahun=2099",
        ),
    ]:
        times, size = timed(client, url, args.repeat)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        print(
            f"{label}: median {statistics.median(times) * 1000:.0f} ms "
            f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}), "
            f"{len(queries)} queries, {size / 1024:.0f} KiB"
        )


if __name__ == "__main__":
    main()
