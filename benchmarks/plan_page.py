"""Server time of the plan page for a 1,000-line plan, and of toggling one month.

Run on demand: ``.venv/bin/python benchmarks/plan_page.py [--lines 1000] [--repeat 15]``.
Uses a throwaway SQLite database (or DATABASE_URL when set) and Django's test client, so
the figures are the server's own work: URL routing, access checks, queries, rendering.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup(database_url):
    os.environ.setdefault("SECRET_KEY", "benchmark-only")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("STATIC_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage")
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renaksi.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="renaksi-bench-")
    setup(os.environ.get("DATABASE_URL") or f"sqlite:///{folder}/bench.sqlite3")

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from plans.building import build_tree
    from plans.models import RencanaKegiatan
    from tests.factories import PlanFactory, RoleFactory, SatkerFactory, large_tree

    setup_test_environment()
    satker = SatkerFactory(code="KPU-BENCH")
    user = RoleFactory(user__username="perencana.bench", satker=satker).user
    plan = PlanFactory(satker=satker, year=2099)
    build_tree(plan, large_tree(args.lines))
    client = Client()
    client.force_login(user)
    url = plan.get_absolute_url()
    client.get(url)  # warm caches (templates, URL resolver)

    page_times = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        response = client.get(url)
        page_times.append(time.perf_counter() - started)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    query_count = len(queries.captured_queries)

    line = RencanaKegiatan.objects.filter(plan=plan).first()
    toggle_times = []
    for i in range(args.repeat):
        started = time.perf_counter()
        response = client.post(
            f"/rencana/{plan.pk}/bulan/",
            {"bulan": f"{line.pk}:6:{i % 2}"},
            HTTP_HX_REQUEST="true",
        )
        toggle_times.append(time.perf_counter() - started)
        assert response.status_code == 200

    size = len(response.content)
    print(
        f"plan page, {args.lines} lines: median {statistics.median(page_times) * 1000:.0f} ms "
        f"(min {min(page_times) * 1000:.0f}, max {max(page_times) * 1000:.0f}), "
        f"{query_count} queries, {len(client.get(url).content) / 1024:.0f} KiB"
    )
    print(
        f"toggle one month: median {statistics.median(toggle_times) * 1000:.1f} ms "
        f"(min {min(toggle_times) * 1000:.1f}, max {max(toggle_times) * 1000:.1f}), "
        f"response {size} bytes"
    )


if __name__ == "__main__":
    main()
