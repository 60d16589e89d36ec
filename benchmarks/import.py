"""How far the matrix importer is from its floor, openpyxl loading the same workbook.

Run on demand from the repository root::

    .venv/bin/python benchmarks/import.py [--copies 60] [--repeat 3]

It writes a matrix workbook in the Gorontalo layout (shaded months, merged cells, Rp | amount
costs) holding the Gorontalo seed ``--copies`` times (60 copies: 2,700 lines), then times in a
throwaway SQLite database, taking the median of ``--repeat`` runs:

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
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
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
    parser.add_argument("--repeat", type=int, default=3)
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
    floor_time = median_time(floor, args.repeat)
    import_time = median_time(ours, args.repeat, before=clear)
    dry_time = median_time(lambda: import_workbook(data, dry_run=True), args.repeat, before=clear)
    print(f"openpyxl load_workbook (floor): {floor_time:.2f} s")
    print(f"import_workbook, dry run:       {dry_time:.2f} s  ({dry_time / floor_time:.2f}x)")
    print(f"import_workbook, saved:         {import_time:.2f} s  ({import_time / floor_time:.2f}x)")
    print("Target: within 2x of the floor.")


if __name__ == "__main__":
    main()
