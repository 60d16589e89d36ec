"""Read a Rencana Aksi matrix from a sheet grid into the nested form ``build_tree`` takes, the
plan's fields (title, layout, paper, signatory) and every problem found, each naming its cell.

The work is shared by role: ``header`` finds the columns, ``rows`` reads the rows below them
into the tree (``line_cells`` the months, cost, akun and ket of a line), ``signatory`` the block
below the table, and ``terms`` holds the sheet's words. This module puts them in order and
keeps the title rows above the header.
"""

from dataclasses import dataclass, field

from plans.importers.grid import column_letter
from plans.importers.header import find_header
from plans.importers.rows import read_rows
from plans.importers.signatory import read_signatory
from plans.importers.terms import PAPER_SIZES

# The columns without which rows cannot become a tree, with the names offices know them by.
REQUIRED_COLUMNS = [
    ("sasaran_strategis", "SASARAN STRATEGIS"),
    ("indikator", "INDIKATOR KINERJA"),
    ("kegiatan", "KEGIATAN"),
]


@dataclass
class Reading:
    """What one sheet holds: the plan's fields, its tree, and the problems found."""

    sheet: str
    title_lines: list = field(default_factory=list)
    plan_fields: dict = field(default_factory=dict)
    signatory_found: bool = False
    tree: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)


def read_matrix(grids):
    """Read the first sheet holding a matrix; other sheets (notes, old versions) are named in
    a warning when they also look like one."""
    found = [(grid, header) for grid in grids if (header := find_header(grid))]
    if not found:
        names = ", ".join(f'"{grid.name}"' for grid in grids)
        reading = Reading(sheet=grids[0].name if grids else "")
        reading.errors.append(
            f"Tidak ada sheet berisi matriks rencana aksi (diperiksa: {names}); yang diharapkan "
            "baris judul kolom seperti NO, SASARAN STRATEGIS, INDIKATOR KINERJA, KEGIATAN dan "
            "bulan 1-12."
        )
        return reading
    grid, header = found[0]
    reading = read_sheet(grid, header)
    if len(found) > 1:
        others = ", ".join(f'"{other.name}"' for other, _ in found[1:])
        reading.warnings.append(
            f'Hanya sheet "{grid.name}" yang diimpor; sheet lain yang mirip matriks diabaikan: '
            f"{others}."
        )
    return reading


def read_sheet(grid, header):
    """The reading of one sheet whose ``header`` has been found: its title rows, then, when
    the columns a tree needs are all there, its rows, paper size and signatory."""
    reading = Reading(sheet=grid.name)
    reading.title_lines = _title_lines(grid, header)
    missing = [label for key, label in REQUIRED_COLUMNS if key not in header.columns]
    if len(header.months) != 12:
        missing.append("bulan 1-12 (atau B 1-B 12, Jan-Des)")
    if missing:
        reading.errors.append(
            f"Sheet {grid.name}, baris {header.row}: kolom {', '.join(missing)} tidak "
            "ditemukan di baris judul kolom."
        )
        return reading
    for col, text in header.unknown:
        reading.warnings.append(
            f'Sheet {grid.name}, kolom {column_letter(col)}: judul "{text}" tidak '
            "dikenal; isi kolom ini tidak diimpor."
        )
    body = read_rows(grid, header)
    reading.tree = body.tree
    reading.errors += body.errors
    reading.warnings += body.warnings
    reading.plan_fields = {
        "columns": header.layout,
        "column_labels": header.column_labels(),
        "month_style": header.month_style,
        "show_column_numbers": body.show_column_numbers,
    }
    paper = PAPER_SIZES.get(grid.paper_size)
    if paper:
        reading.plan_fields["paper"] = paper
    signatory = read_signatory(grid, body.end)
    if signatory is not None:
        reading.plan_fields.update(signatory)
        reading.signatory_found = True
    return reading


def _title_lines(grid, header):
    """The text of each row above the header, its cells joined: the plan's title."""
    lines = []
    for row in range(1, header.row):
        texts = [
            grid.text(row, col)
            for col in range(1, grid.max_col + 1)
            if grid.owner(row, col) == (row, col) and grid.text(row, col)
        ]
        if texts:
            lines.append(" ".join(texts))
    return lines
