"""Import a legacy matrix workbook as a plan: everything is checked first, then the plan and
its whole tree are written in one transaction - or nothing at all when anything is wrong."""

import os
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from plans.building import build_tree
from plans.importers.grid import column_letter
from plans.importers.header import find_header
from plans.importers.matrix import read_matrix
from plans.importers.workbook import WorkbookRefused, check_size, open_workbook
from plans.matrix import ATTRIBUTES, Column, build_columns
from plans.models import TREE, RencanaAksi, Satker
from plans.services import LAYOUT_FIELDS, SIGNATORY_FIELDS
from plans.writes import lock_plan, save_fields

_YEAR = re.compile(r"\b(20\d{2})\b")
_KPU = re.compile(r"\bKOMISI\s+PEMILIHAN\s+UMUM\b")
_ABBREVIATIONS = [
    (re.compile(r"\bPROV\b\.?"), "PROVINSI"),
    (re.compile(r"\bKAB\b\.?"), "KABUPATEN"),
]
PLAN_FIELDS = ["title", *LAYOUT_FIELDS, "signatory_date", *SIGNATORY_FIELDS]
# The fields of a plan that say how its matrix prints: the preview's columns and labels.
PREVIEW_FIELDS = ["columns", "column_labels", "month_style"]
PREVIEW_LINES = 15
PROBLEM_ROWS = 50  # rows of the sheet shown with their errors; further errors are listed
# Printed column key -> the index in a row's path (sasaran ... line) of the node filling it.
_PATH_INDEX = {key: index for index, level in enumerate(TREE) for key in level.columns}


@dataclass
class PreviewCell:
    """One cell of the import preview under ``column`` (a ``plans.matrix.Column``):
    ``value`` is text, or a line's cost when ``money``; ``span`` counts the indicators a
    line printed across them covers."""

    column: Column
    value: object = ""
    money: bool = False
    scheduled: bool = False
    error: bool = False
    span: int = 1


@dataclass
class ProblemRow:
    """A row of the sheet that holds errors, its cells as the file has them, and
    ``messages``: (the error as ``errors`` holds it, the part after the row's name)."""

    row: int
    cells: list
    messages: list


@dataclass
class ImportResult:
    """What an import found and, unless it was a dry run or failed, created."""

    satker: Satker | None = None
    year: int | None = None
    sheet: str = ""
    plan_fields: dict = field(default_factory=dict)
    tree: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    dry_run: bool = False
    replaces: RencanaAksi | None = None
    # The error asking for ``replace``: a draft exists, which the import may replace.
    replace_error: str = ""
    problem_rows: list = field(default_factory=list)
    plan: RencanaAksi | None = None

    @property
    def saved(self):
        return self.plan is not None

    def lines(self):
        for ss in self.tree:
            for sp in ss["sasaran_program"]:
                for indikator in sp["indikator"]:
                    for kegiatan in indikator["kegiatan"]:
                        yield from kegiatan["lines"]

    def counts(self):
        """The figures ``import_renaksi --json`` prints; each line's cost counted once."""
        programs = [sp for ss in self.tree for sp in ss["sasaran_program"]]
        indikator = [ind for sp in programs for ind in sp["indikator"]]
        lines = list(self.lines())
        return {
            "sasaran_strategis": len(self.tree),
            "sasaran_program": len(programs),
            "indikator": len(indikator),
            "kegiatan": sum(len(ind["kegiatan"]) for ind in indikator),
            "rencana_kegiatan": len(lines),
            "bulan_terjadwal": sum(len(line["months"]) for line in lines),
            "total_biaya": sum(line["biaya"] or 0 for line in lines),
        }

    def as_dict(self):
        return {
            "satker": self.satker.code if self.satker else None,
            "year": self.year,
            **self.counts(),
            "warnings": list(self.warnings),
            "errors": list(self.errors),
        }

    @property
    def errors_to_fix(self):
        """The errors in the file or the choices, without the question whether to replace an
        existing draft (the import page asks it with a button, the command with --replace)."""
        return [error for error in self.errors if error != self.replace_error]

    def general_errors(self):
        """The errors to fix that are not shown at a row of the sheet (``problem_rows``)."""
        at_rows = {error for row in self.problem_rows for error, _text in row.messages}
        return [error for error in self.errors_to_fix if error not in at_rows]

    def layout(self):
        """An unsaved plan with the file's columns, labels and month style, for the preview to
        print its header and columns like the plan will; None when no matrix was read."""
        if "columns" not in self.plan_fields:
            return None
        fields = {
            name: self.plan_fields[name] for name in PREVIEW_FIELDS if name in self.plan_fields
        }
        return RencanaAksi(**fields)

    def shows_costs(self):
        return "biaya" in self.plan_fields.get("columns", [])

    def preview_rows(self, limit=PREVIEW_LINES):
        """The first rows of the matrix as it will print, in the file's own columns: one per
        line, or per kegiatan, indicator or sasaran without lines below; a node's text only on
        its first row. Each row is a list of ``PreviewCell``."""
        plan = self.layout()
        if plan is None:
            return []
        columns = build_columns(plan)
        note_key = "rencana_kegiatan" if "rencana_kegiatan" in plan.columns else "kegiatan"
        rows, shown = [], set()
        for path in self._paths():
            if len(rows) >= limit:
                break
            rows.append([_preview_cell(column, path, shown, note_key) for column in columns])
        return rows

    def _paths(self):
        """(sasaran, program, indikator, kegiatan, line) of each printed row, in print order;
        the levels below a node without children are None."""
        for ss in self.tree:
            for sp in ss["sasaran_program"] or [None]:
                for ind in (sp["indikator"] if sp else []) or [None]:
                    kegiatan = ind["kegiatan"] if ind else []
                    pairs = [(keg, line) for keg in kegiatan for line in keg["lines"] or [None]]
                    for keg, line in pairs or [(None, None)]:
                        yield ss, sp, ind, keg, line


def _preview_cell(column, path, shown, note_key):
    line = path[-1]
    if column.is_month:
        return PreviewCell(column, scheduled=bool(line) and column.month in line["months"])
    node = path[_PATH_INDEX[column.key]]
    if node is None:
        return PreviewCell(column)
    if node is not line:
        if (column.key, id(node)) in shown:  # printed merged down from its first row
            return PreviewCell(column)
        shown.add((column.key, id(node)))
    cell = PreviewCell(column, node.get(ATTRIBUTES[column.key], ""), money=column.key == "biaya")
    if column.key == note_key and line:
        cell.span = line["indikator_span"]
    return cell


def import_workbook(file, satker=None, year=None, dry_run=False, replace=False):
    """Read ``file`` (a path, bytes or an uploaded file) and create its plan.

    ``satker`` (a Satker or its code) and ``year`` override what the title rows say. With
    ``dry_run`` nothing is written; an existing draft is only replaced with ``replace``; a
    plan that was submitted or approved is never replaced.
    """
    result = ImportResult(dry_run=dry_run)
    try:
        grids = open_workbook(_read_bytes(file))
    except WorkbookRefused as error:
        result.errors.append(str(error))
        return result
    reading = read_matrix(grids)
    result.sheet = reading.sheet
    result.tree = reading.tree
    result.errors += reading.errors
    result.warnings += reading.warnings
    result.plan_fields = dict(reading.plan_fields)  # the layout, for the preview
    result.year = _resolve_year(result, reading.title_lines, year)
    result.satker = _resolve_satker(result, reading.title_lines, satker)
    if result.satker and result.year:
        result.plan_fields = _plan_fields(result, reading)
        result.replaces = _check_existing(result, replace)
    if result.errors:
        result.problem_rows = _problem_rows(result, grids)
    if result.errors or dry_run:
        return result
    try:
        result.plan = _save(result)
    except IntegrityError:
        result.errors.append(
            f"Rencana aksi {result.satker.name} {result.year} baru saja dibuat orang lain; "
            "tidak ada yang disimpan. Coba lagi dengan pilihan ganti."
        )
    return result


def _read_bytes(file):
    """The file's bytes; a file over the limit is refused by its size, before reading it."""
    limit = settings.MAX_UPLOAD_BYTES
    if isinstance(file, bytes):
        return file
    if isinstance(file, (str, os.PathLike)):
        check_size(os.path.getsize(file))
        with open(file, "rb") as handle:
            return handle.read(limit + 1)
    if getattr(file, "size", None) is not None:
        check_size(file.size)
    if hasattr(file, "seek"):
        file.seek(0)
    return file.read(limit + 1)


def _resolve_year(result, title_lines, year):
    found = next((int(m[1]) for line in title_lines if (m := _YEAR.search(line))), None)
    if year:
        year = int(year)
        if found and found != year:
            result.warnings.append(
                f"Judul menyebut tahun {found}, tetapi diimpor sebagai tahun {year} sesuai pilihan."
            )
        return year
    if found is None:
        result.errors.append(
            "Tahun anggaran tidak ditemukan di baris judul (misalnya TAHUN ANGGARAN 2023); "
            "isi pilihan tahun."
        )
    return found


def satker_key(text):
    """``Komisi Pemilihan Umum Prov. Gorontalo`` and ``KPU-PROV-GORONTALO`` -> ``KPU PROVINSI
    GORONTALO``: how titles and satker names are compared."""
    text = _KPU.sub("KPU", " ".join(str(text).upper().split()))
    for pattern, replacement in _ABBREVIATIONS:
        text = pattern.sub(replacement, text)
    return " ".join(re.sub(r"[^A-Z0-9/]+", " ", text).split())


def _resolve_satker(result, title_lines, satker):
    if isinstance(satker, Satker):
        return satker
    if satker:
        found = Satker.objects.filter(code=str(satker).strip().upper()).first()
        if found is None:
            result.errors.append(f'Satker dengan kode "{satker}" tidak ada.')
        return found
    title = f" {satker_key(' '.join(title_lines))} "
    best, best_length = None, 0
    for candidate in Satker.objects.only("pk", "code", "name"):
        for key in {satker_key(candidate.name), satker_key(candidate.code)}:
            if key and f" {key} " in title and len(key) > best_length:
                best, best_length = candidate, len(key)
    if best is None:
        result.errors.append(
            f'Satker "{_satker_text(title_lines)}" dari baris judul tidak dikenal; pilih satker '
            "yang dituju (--satker KODE) atau daftarkan satker itu lebih dulu."
        )
        return None
    return Satker.objects.get(pk=best.pk)


def _satker_text(title_lines):
    """The title text that names the office, for the error message."""
    keys = [satker_key(line) for line in title_lines]
    for i, key in enumerate(keys):
        if "KPU" in key.split():
            if key == "KPU" and i + 1 < len(title_lines):
                return f"{title_lines[i]} {title_lines[i + 1]}"
            return title_lines[i]
    return " / ".join(title_lines) or "(judul kosong)"


def _plan_fields(result, reading):
    satker, fields = result.satker, dict(reading.plan_fields)
    fields["title"] = "\n".join(reading.title_lines)
    if not fields["title"]:
        fields["title"] = f"RENCANA AKSI TAHUN {result.year}\n{satker.name.upper()}"
        result.warnings.append(
            "Berkas tidak punya baris judul; judul dibuat dari satker dan tahun."
        )
    if not reading.signatory_found:
        # No signature block below the table: the satker's secretary signs, as on new plans.
        fields.update(
            signatory_place=satker.city,
            signatory_title=satker.secretary_title,
            signatory_name=satker.secretary_name,
            signatory_nip=satker.secretary_nip,
        )
    plan = RencanaAksi(satker=satker, year=result.year, **fields)
    try:
        plan.full_clean(exclude=["satker"], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            label = RencanaAksi._meta.get_field(name).verbose_name if name != "__all__" else ""
            result.errors += [f"{label}: {message}".strip(": ") for message in messages]
    return fields


def _check_existing(result, replace):
    existing = (
        RencanaAksi.objects.filter(satker=result.satker, year=result.year, is_latest=True)
        .select_related("satker")
        .first()
    )
    if existing is None:
        return None
    name = f"Rencana aksi {result.satker.name} tahun {result.year} (versi {existing.version})"
    if existing.status not in RencanaAksi.EDITABLE_STATUSES:
        result.errors.append(
            f"{name} berstatus {existing.get_status_display()}; rencana yang sudah diajukan atau "
            "disetujui tidak dapat ditimpa lewat impor. Buat revisinya lebih dulu."
        )
    elif not replace:
        result.replace_error = (
            f"{name} sudah ada sebagai {existing.get_status_display().lower()}; pilih "
            '"ganti" (--replace) untuk menggantinya dengan isi berkas ini.'
        )
        result.errors.append(result.replace_error)
    return existing


def _problem_rows(result, grids):
    """The sheet's rows named by errors (the reader writes ``Sheet S, baris N, kolom …``),
    up to ``PROBLEM_ROWS``, each with its cells in the file's columns and its messages."""
    plan = result.layout()
    grid = next((grid for grid in grids if grid.name == result.sheet), None)
    header = find_header(grid) if grid and plan else None
    if header is None:
        return []
    at_row = re.compile(
        rf"Sheet {re.escape(result.sheet)}, baris (\d+), "
        r"(kolom (?:.+? \(([A-Z]{1,3})\)|([A-Z]{1,3}))): (.*)",
        re.DOTALL,
    )
    by_letter = {column_letter(col): f"b{month}" for month, col in header.months.items()}
    for key, cols in header.columns.items():
        by_letter.update((column_letter(col), key) for col in cols)
    found = {}
    for error in result.errors:
        match = at_row.fullmatch(error)
        if match is None:
            continue
        row, column, letter, bare, text = match.groups()
        if int(row) not in found and len(found) >= PROBLEM_ROWS:
            continue
        keys, messages = found.setdefault(int(row), (set(), []))
        keys.add(by_letter.get(letter or bare))
        messages.append((error, f"{column}: {text}"))
    columns = build_columns(plan)
    return [
        ProblemRow(row, _sheet_cells(grid, header, row, columns, keys), messages)
        for row, (keys, messages) in sorted(found.items())
    ]


def _sheet_cells(grid, header, row, columns, error_keys):
    """The cells of ``row`` as the sheet has them (a merged cell's text on every row it
    covers), under the plan's ``columns``; the ones named by an error marked."""

    def text(col):
        return grid.text(*grid.owner(row, col))

    cells = []
    for column in columns:
        if column.is_month:
            col = header.months.get(column.month)
            cell = PreviewCell(column, text(col) if col else "")
            cell.scheduled = bool(col) and grid.is_shaded(*grid.owner(row, col))
        else:
            texts = [text(col) for col in header.columns.get(column.key, [])]
            cell = PreviewCell(column, " ".join(filter(None, texts)))
        cell.error = column.key in error_keys
        cells.append(cell)
    return cells


@transaction.atomic
def _save(result):
    if result.replaces is not None:
        plan = lock_plan(result.replaces.pk)
        if not plan.is_editable:
            raise IntegrityError("plan changed status during the import")
        for level in reversed(TREE):  # deepest first: no cascade to collect
            level.model.objects.filter(plan=plan).delete()
        for name, value in result.plan_fields.items():
            setattr(plan, name, value)
        save_fields(plan, list(result.plan_fields))
    else:
        plan = RencanaAksi.objects.create(
            satker=result.satker, year=result.year, **result.plan_fields
        )
    build_tree(plan, result.tree)
    return plan
