"""How far the matrix importer is from its floor, openpyxl loading the same workbook.

Run on demand from the repository root::

    .venv/bin/python benchmarks/import.py [--copies 60] [--repeat 5]

It writes a matrix workbook in the Gorontalo layout (shaded months, merged cells, Rp | amount
costs) holding the Gorontalo seed ``--copies`` times (60 copies: 2,700 lines), then times in a
throwaway SQLite database (or the one in ``BENCH_DATABASE_URL``, e.g.
``postgres://postgres@127.0.0.1:5432/renaksi_bench``; its plans are deleted), in ``--repeat``
turns of each:

- the whole import (``import_workbook``: guards, reading, checking, saving with build_tree);
- its floor, ``openpyxl.load_workbook(data_only=True)`` of the same bytes, as the importer
  loads it.

Target: within 2x of the floor, with a fixed number of queries whatever the plan's size.
"""

import argparse
import copy
import io
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB = Path(tempfile.mkdtemp(prefix="renaksi-bench-")) / "bench.sqlite3"
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{DB}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renaksi.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only")

import django  # noqa: E402

django.setup()

import openpyxl  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from plans.importers import import_workbook  # noqa: E402
from plans.models import RencanaAksi  # noqa: E402
from tests.matrix_workbooks import load_satkers, write_matrix  # noqa: E402


def seed_tree(copies):
    fixture = ROOT / "fixtures" / "demo" / "gorontalo-2023.json"
    seed = json.loads(fixture.read_text(encoding="utf-8"))["sasaran_strategis"]
    tree = []
    for i in range(copies):
        for ss in copy.deepcopy(seed):
            ss["number"] = f"{len(tree) + 1}."
            ss["text"] = f"{ss['text']} ({i + 1})"
            tree.append(ss)
    return tree


def median_time(function, repeat, before=None):
    times = []
    for _ in range(repeat):
        if before:
            before()
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    load_satkers()
    buffer = io.BytesIO()
    write_matrix(seed_tree(args.copies), buffer)
    data = buffer.getvalue()

    def floor():
        openpyxl.load_workbook(io.BytesIO(data), data_only=True)

    def clear():
        RencanaAksi.objects.all().delete()

    def ours():
        result = import_workbook(data)
        assert result.saved, result.errors[:3]

    clear()
    with CaptureQueriesContext(connection) as queries:
        result = import_workbook(data)
    counts = result.counts()
    print(
        f"Workbook: {len(data) / 1024:.0f} KB, {counts['rencana_kegiatan']} lines, "
        f"{counts['indikator']} indicators, {counts['bulan_terjadwal']} scheduled months, "
        f"{len(queries.captured_queries)} queries."
    )
    # In turns, floor then import, so a shared machine's drift hits both: the ratio is the
    # median of each turn's own ratio.
    floors, dries, saves = [], [], []
    for _ in range(args.repeat):
        floors.append(median_time(floor, 1))
        dries.append(median_time(lambda: import_workbook(data, dry_run=True), 1, before=clear))
        saves.append(median_time(ours, 1, before=clear))
    floor_time = statistics.median(floors)

    def ratio(times):
        return statistics.median(t / f for t, f in zip(times, floors, strict=True))

    dry_time, import_time = statistics.median(dries), statistics.median(saves)
    print(f"openpyxl load_workbook (floor): {floor_time:.2f} s")
    print(f"import_workbook, dry run:       {dry_time:.2f} s  ({ratio(dries):.2f}x)")
    print(f"import_workbook, saved:         {import_time:.2f} s  ({ratio(saves):.2f}x)")
    print("Target: within 2x of the floor (medians of the turns' own ratios).")


if __name__ == "__main__":
    main()
