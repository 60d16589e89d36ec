"""How far the exporters are from what their libraries need at the least.

Run on demand from the repository root::

    DEBUG=1 .venv/bin/python benchmarks/export.py [--lines 1000] [--repeat 3]

It builds a plan of ``--lines`` lines in the full (Gorontalo) layout in a throwaway SQLite
database and times, taking the median of ``--repeat`` runs:

- our PDF (``render_pdf``: reading the plan, the template, WeasyPrint) against its floor, bare
  WeasyPrint laying out a plain fixed-layout table of the same cells and rowspans on the same
  page size and font size, styled with borders only;
- our Excel (``workbook_bytes``) against its floor, bare openpyxl writing the same cells with
  the same merges, fills, borders and number formats;
- the PDF of a 100-line plan.

Targets: PDF within 1.2x of its floor, Excel within 1.5x, the 100-line PDF under 4 s.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from html import escape
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB = Path(tempfile.mkdtemp(prefix="renaksi-bench-")) / "bench.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renaksi.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from openpyxl import Workbook  # noqa: E402
from openpyxl.styles import Border, PatternFill, Side  # noqa: E402
from weasyprint import HTML  # noqa: E402

from plans.exports.common import cell_text  # noqa: E402
from plans.exports.pdf import render_pdf  # noqa: E402
from plans.exports.xlsx import workbook_bytes  # noqa: E402
from plans.matrix import build_matrix  # noqa: E402
from plans.models import Satker  # noqa: E402
from tests.export_samples import large_plan  # noqa: E402


def floor_pdf(matrix):
    """Bare WeasyPrint: the same cells and rowspans, borders only."""
    total = sum(column.width for column in matrix.columns)
    cols = "".join(
        f'<col style="width:{100 * column.width / total:.3f}%">' for column in matrix.columns
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<td rowspan="{cell.rowspan}">{escape(cell_text(cell))}</td>' for cell in row.cells
        )
        + "</tr>"
        for row in matrix.rows
    )
    size = "330mm 215mm" if matrix.plan.paper == "F4" else "A4 landscape"
    html = (
        f"<style>@page{{size:{size};margin:10mm 8mm 12mm}}body{{font-size:7pt}}"
        "table{width:100%;table-layout:fixed;border-collapse:collapse}"
        "td{border:0.5pt solid #000}</style>"
        f"<table><colgroup>{cols}</colgroup><tbody>{body}</tbody></table>"
    )
    return HTML(string=html).write_pdf()


def floor_xlsx(matrix):
    """Bare openpyxl: the same cells, merges, fills, borders and number formats."""
    workbook = Workbook()
    sheet = workbook.active
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    fill = PatternFill("solid", fgColor="92D050")
    numbers = {column.key: index for index, column in enumerate(matrix.columns, start=1)}
    for r, row in enumerate(matrix.rows, start=1):
        for cell in row.cells:
            c = numbers[cell.column.key]
            target = sheet.cell(r, c)
            target.border = border
            if cell.column.is_month:
                if cell.value:
                    target.fill = fill
            elif cell.column.key == "biaya" and isinstance(cell.value, int):
                target.value = cell.value
                target.number_format = '"Rp "#,##0'
            else:
                target.value = cell_text(cell) or None
            if cell.rowspan > 1:
                sheet.merge_cells(
                    start_row=r, start_column=c, end_row=r + cell.rowspan - 1, end_column=c
                )
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def timed(function, *args):
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def compare(ours, floor, repeat):
    """Interleave runs of ours and of the floor, so that load from other processes on the
    machine hits both alike; returns both lists of seconds."""
    mine, floors = [], []
    for _ in range(repeat):
        mine.append(timed(*ours))
        floors.append(timed(*floor))
    return mine, floors


def report(name, mine, floors, target):
    """Median and best run of each; the best is the steadier figure on a busy machine."""
    for label, pick in [("median", statistics.median), ("best", min)]:
        ours, floor = pick(mine), pick(floors)
        ratio = ours / floor
        verdict = "ok" if ratio <= target else "SLOWER THAN TARGET"
        times = f"{ours:7.2f} s   floor {floor:7.2f} s   ratio {ratio:.2f}"
        print(f"{name:<6} {label:<6} {times} (target {target}) {verdict}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()

    call_command("migrate", verbosity=0)
    ri = Satker.objects.create(code="KPU-RI", name="KPU RI", level="ri")
    satker = Satker.objects.create(
        code="KPU-PROV-BENCH", name="KPU Provinsi Bench", level="provinsi", parent=ri
    )
    plan = large_plan(satker, options.lines)
    small = large_plan(satker, 100, year=2025, is_latest=True)
    matrix = build_matrix(plan)
    repeat = options.repeat
    print(f"{options.lines} lines, {len(matrix.rows)} rows x {len(matrix.columns)} columns")

    report("PDF", *compare((render_pdf, plan), (floor_pdf, matrix), repeat), 1.2)
    report("Excel", *compare((workbook_bytes, plan), (floor_xlsx, matrix), repeat), 1.5)
    small_pdf = statistics.median(timed(render_pdf, small) for _ in range(repeat))
    print(f"PDF of 100 lines {small_pdf:.2f} s (target 4)")
    DB.unlink()


if __name__ == "__main__":
    main()
