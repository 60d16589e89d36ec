"""Reading a filled realisasi sheet back into its report.

The file passes the matrix import's guards first (``plans.importers.workbook``: size, zip
bombs, encryption, sheet limits; formulas Excel never calculated are named). The sheet is the
one whose header holds the template's labels; every row below it is matched on its indicator's
``uid`` (the hidden column Kunci), so sorted or moved rows still match. Only the cells that
would change are checked - a value as the report already holds it is never refused - and every
error names its sheet, row and column in Indonesian. With any error nothing is saved;
otherwise the changed rows are written in one transaction under the report's lock
(``monitoring.writes.locked_report``), each the way ``services.save_realisasi`` writes one.
"""

import hashlib
import json
import os
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied

from monitoring import capaian
from monitoring.access import can_fill, window_open
from monitoring.models import InputWindow, QuarterReport, Realisasi
from monitoring.offline.template import (
    COLUMNS,
    FILE_KEY,
    LABELS,
    TEXT_LIMIT,
    VALUE_LIMIT,
    clean_text,
    file_key,
)
from monitoring.services import REALISASI_FIELDS
from monitoring.summary import quarter_target
from monitoring.writes import locked_report
from plans.importers.grid import cell_text, column_letter
from plans.importers.workbook import WorkbookRefused, check_size, open_workbook
from plans.writes import save_fields

HEADER_SEARCH_ROWS = 30  # the header is looked for in the sheet's first rows only
FORMULA_NOT_CALCULATED = (
    "berisi rumus tanpa nilai tersimpan (belum pernah dihitung); buka berkas di Excel, "
    "biarkan rumus dihitung, simpan, lalu unggah lagi"
)


@dataclass
class SheetRow:
    """A row of the uploaded sheet: its cells as text by column key, the indicator its key
    names, what the report holds for it now, and the errors by column key."""

    row: int
    cells: dict
    indikator: object = None
    current: dict = field(default_factory=dict)
    errors: dict = field(default_factory=dict)

    def changed(self):
        """The fields whose text in the file differs from the stored one."""
        if self.indikator is None:
            return []
        return [
            name
            for name in REALISASI_FIELDS
            if self.cells.get(name, "") != self.current.get(name, "")
        ]

    def changes(self):
        """(label, stored text, new text, has an error) of each changed field, for the
        preview."""
        return [
            (
                LABELS[name],
                self.current.get(name, ""),
                self.cells.get(name, ""),
                name in self.errors,
            )
            for name in self.changed()
        ]

    def cell_list(self):
        """(key, label, text, has an error) of the shown columns, for the preview."""
        keys = ["uid", "indikator", *REALISASI_FIELDS]
        return [(key, LABELS[key], self.cells.get(key, ""), key in self.errors) for key in keys]

    def messages(self):
        return [
            f"kolom {LABELS[key]}: {text}" for key, texts in self.errors.items() for text in texts
        ]


@dataclass
class RealisasiUpload:
    """What an upload of the realisasi sheet found and, unless it was a dry run or failed,
    saved."""

    report: QuarterReport
    dry_run: bool = False
    sheet: str = ""
    rows: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    # Errors not at a cell (the file, its header, the report) and (row, col, message) at one.
    general: list = field(default_factory=list)
    cell_errors: list = field(default_factory=list)
    saved: int = 0
    done: bool = False  # the rows were written and the transaction committed
    columns: dict = field(default_factory=dict)  # key -> column number in the file

    @property
    def errors(self):
        """Every error: the general ones, then those at cells from the top left."""
        return [*self.general, *(message for _row, _col, message in sorted(self.cell_errors))]

    def changed_rows(self):
        return [row for row in self.rows if row.changed()]

    def problem_rows(self):
        return [row for row in self.rows if row.errors]

    def counts(self):
        return {
            "rows_read": sum(row.indikator is not None for row in self.rows),
            "rows_changed": len(self.changed_rows()),
            "rows_saved": self.saved,
        }

    def as_dict(self):
        """What ``import_realisasi --json`` prints."""
        report = self.report
        return {
            "satker": report.satker.code,
            "year": report.year,
            "tw": report.tw,
            "sheet": self.sheet,
            "dry_run": self.dry_run,
            **self.counts(),
            "warnings": list(self.warnings),
            "errors": list(self.errors),
        }

    def fingerprint(self):
        """A digest of the changes (stored and new text): the preview's confirmation is
        refused when the report changed in between."""
        changes = [
            [row.indikator.pk, name, row.current.get(name, ""), row.cells.get(name, "")]
            for row in self.rows
            for name in row.changed()
        ]
        return hashlib.sha256(json.dumps(sorted(changes)).encode()).hexdigest()[:32]

    def where(self, row, key):
        col = self.columns.get(key)
        letter = f" ({column_letter(col)})" if col else ""
        return f"Sheet {self.sheet}, baris {row}, kolom {LABELS[key]}{letter}"

    def error(self, sheet_row, key, message):
        sheet_row.errors.setdefault(key, []).append(message)
        where = self.where(sheet_row.row, key)
        self.cell_errors.append((sheet_row.row, self.columns.get(key, 0), f"{where}: {message}"))


def report_is_editable(_user, report):
    """The rule of the command line, which acts as an admin (who plans for every satker): the
    report is a draft or returned, and its input window is open or it was reopened."""
    return report.is_editable and window_open(report)


def import_realisasi(file, report, by=None, *, dry_run=False, allowed=can_fill, expected=None):
    """Read ``file`` (a path or bytes) into ``report`` as ``by``, who must satisfy
    ``allowed(by, report)``. With ``dry_run`` nothing is written; ``expected`` is the
    ``fingerprint`` of a preview that the changes must still match. Returns a
    ``RealisasiUpload``."""
    result = RealisasiUpload(report, dry_run=dry_run)
    try:
        grids = open_workbook(_read_bytes(file))
    except WorkbookRefused as error:
        result.general.append(str(error))
        return result
    _read(result, grids)
    refusal = _refusal(report, by, allowed)
    if refusal:
        result.general.append(refusal)
    if result.errors or dry_run or report.pk is None:
        _compare(result, _stored(report))
        return result
    try:
        with locked_report(report, by, allowed=allowed) as locked:
            stored = {
                realisasi.indikator_id: realisasi
                for realisasi in Realisasi.objects.select_for_update().filter(report=locked)
            }
            _compare(result, stored)
            if expected and not result.errors and result.fingerprint() != expected:
                result.general.append(
                    "Isi laporan berubah sejak pratinjau dibuat; tidak ada yang disimpan. "
                    "Periksa pratinjau yang baru, lalu simpan lagi."
                )
            if not result.errors:
                result.saved = _write(result, locked, stored)
    except PermissionDenied:
        result.general.append(_refusal(report, by, allowed, fresh=True))
        return result
    result.done = not result.errors
    return result


def _read_bytes(file):
    """The file's bytes; a file over the limit is refused by its size, before it is read."""
    if isinstance(file, bytes):
        return file
    check_size(os.path.getsize(file))
    with open(file, "rb") as handle:
        return handle.read(settings.MAX_UPLOAD_BYTES + 1)


def _read(result, grids):
    """Find the sheet with the template's header, then read every row below it that names an
    indicator or holds something to save."""
    found = next(((grid, row) for grid in grids if (row := _header_row(grid))), None)
    if found is None:
        result.general.append(
            "Tabel realisasi tidak ditemukan: yang diharapkan templat realisasi dari Renaksi, "
            f'dengan baris judul tabel berisi kolom "{LABELS["uid"]}" dan '
            f'"{LABELS["value_text"]}". Unduh templatnya, isi, lalu unggah lagi.'
        )
        return
    grid, header = found
    result.sheet = grid.name
    labels = {_label_key(column.label): column.key for column in COLUMNS}
    for col in grid.columns_with_values(header):
        key = labels.get(_label_key(grid.text(header, col)))
        if key and key not in result.columns:
            result.columns[key] = col
    missing = [LABELS[name] for name in REALISASI_FIELDS if name not in result.columns]
    if missing:
        result.general.append(
            f"Sheet {grid.name}, baris {header}: kolom {', '.join(missing)} tidak ditemukan di "
            "baris judul tabel; pakai templat realisasi yang diunduh dari Renaksi."
        )
        return
    _check_file_key(result, grid, header)
    by_uid = {str(indikator.uid): indikator for indikator in result.report.plan.indikator.all()}
    formula_rows = {row for row, col in grid.uncached_formulas if row > header}
    seen = {}
    for number in sorted(set(grid.rows_with_values(header + 1)) | formula_rows):
        sheet_row = SheetRow(
            number, {key: _text(grid, number, col) for key, col in result.columns.items()}
        )
        editable = any(sheet_row.cells.get(name) for name in REALISASI_FIELDS)
        if not sheet_row.cells.get("uid") and not editable and number not in formula_rows:
            continue  # a note below the table, or an empty row
        result.rows.append(sheet_row)
        _check_formulas(result, grid, sheet_row)
        _match_indicator(result, sheet_row, by_uid, seen)
        _check_kinds(result, grid, sheet_row)


def _header_row(grid):
    for row in grid.rows_with_values():
        if row > HEADER_SEARCH_ROWS:
            return None
        texts = {_label_key(grid.text(row, col)) for col in grid.columns_with_values(row)}
        if {_label_key(LABELS["uid"]), _label_key(LABELS["value_text"])} <= texts:
            return row
    return None


def _label_key(text):
    return " ".join(str(text).split()).casefold()


def _text(grid, row, col):
    """A cell as text: numbers the Indonesian way (``97,5``), line breaks kept in texts."""
    value = grid.value(row, col)
    if isinstance(value, bool) or value is None:
        return cell_text(value)
    if isinstance(value, int | float | Decimal):
        return _number_text(value)
    if isinstance(value, str):
        return clean_text(value)
    return cell_text(value)


def _number_text(value):
    number = Decimal(str(value))
    if not number.is_finite():
        return str(value)
    text = format(number.normalize(), "f")
    return text.replace(".", ",")


def _check_file_key(result, grid, header):
    """A template of another satker or quarter is refused; a sheet without the key is read."""
    report = result.report
    for row in grid.rows_with_values():
        if row >= header:
            return
        for col in grid.columns_with_values(row):
            parts = grid.text(row, col).split()
            if parts[:1] != [FILE_KEY]:
                continue
            if parts[1:] != file_key(report).split()[1:]:
                written = " ".join(parts[1:]) or "(kosong)"
                result.general.append(
                    f"Sheet {grid.name}: berkas ini templat realisasi {written}, bukan "
                    f"{report.satker.code} {report.year} TW{report.tw}. Unduh templat laporan "
                    "ini, isi, lalu unggah lagi."
                )
            return


def _check_formulas(result, grid, sheet_row):
    for key, col in result.columns.items():
        if (sheet_row.row, col) in grid.uncached_formulas:
            result.error(sheet_row, key, FORMULA_NOT_CALCULATED)


def _match_indicator(result, sheet_row, by_uid, seen):
    key = sheet_row.cells.get("uid", "")
    if not key:
        result.error(
            sheet_row,
            "uid",
            "kosong padahal baris ini berisi isian; salin baris dari templat yang diunduh, "
            "jangan membuat baris baru",
        )
        return
    indikator = by_uid.get(_uuid_text(key))
    if indikator is None:
        result.error(
            sheet_row,
            "uid",
            f'"{key[:40]}" bukan kunci indikator rencana aksi laporan ini; jangan mengubah '
            "kolom Kunci (salin baris dari templat yang diunduh)",
        )
        return
    if indikator.pk in seen:
        result.error(
            sheet_row, "uid", f"indikator yang sama sudah ada di baris {seen[indikator.pk]}"
        )
        return
    seen[indikator.pk] = sheet_row.row
    sheet_row.indikator = indikator


def _uuid_text(text):
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return None


def _check_kinds(result, grid, sheet_row):
    col = result.columns["value_text"]
    value = grid.value(sheet_row.row, col)
    if isinstance(value, bool):
        result.error(sheet_row, "value_text", "berisi nilai benar/salah, bukan angka")
    elif value is not None and not isinstance(value, int | float | Decimal | str):
        result.error(sheet_row, "value_text", f'berisi tanggal atau waktu "{cell_text(value)}"')


def _stored(report):
    if report.pk is None:
        return {}
    return {realisasi.indikator_id: realisasi for realisasi in report.realisasi.all()}


def _compare(result, stored):
    """Set each row's stored texts and check the cells the upload would change (a cell as
    the report already holds it is never refused)."""
    tw = result.report.tw
    for sheet_row in result.rows:
        if sheet_row.indikator is None:
            continue
        realisasi = stored.get(sheet_row.indikator.pk)
        sheet_row.current = {
            name: clean_text(getattr(realisasi, name, "")) for name in REALISASI_FIELDS
        }
        for name in sheet_row.changed():
            if name == "value_text":
                _check_value(result, sheet_row, tw)
            elif len(sheet_row.cells[name]) > TEXT_LIMIT:
                result.error(
                    sheet_row,
                    name,
                    f"terlalu panjang ({_number(len(sheet_row.cells[name]))} karakter; paling "
                    f"banyak {_number(TEXT_LIMIT)})",
                )
        if not sheet_row.errors:
            _warn_not_computable(result, sheet_row, tw)


def _check_value(result, sheet_row, tw):
    text = sheet_row.cells["value_text"]
    if not text or "value_text" in sheet_row.errors:
        return
    if len(text) > VALUE_LIMIT:
        result.error(
            sheet_row,
            "value_text",
            f"terlalu panjang ({len(text)} karakter; paling banyak {VALUE_LIMIT})",
        )
        return
    indikator = sheet_row.indikator
    problem = capaian.realisasi_problem(text, quarter_target(indikator, tw), indikator.target)
    if problem:
        result.error(sheet_row, "value_text", problem)


def _warn_not_computable(result, sheet_row, tw):
    """A realisasi against a zero or non-numeric target needs a reason before submitting."""
    value = capaian.read_number(sheet_row.cells.get("value_text"))
    if value is None or sheet_row.cells.get("alasan"):
        return
    target = capaian.read_target(quarter_target(sheet_row.indikator, tw))
    reason = capaian.capaian(target, value).reason
    if reason:
        result.warnings.append(
            f"{result.where(sheet_row.row, 'alasan')}: {reason} Isi alasannya sebelum "
            "laporan diajukan."
        )


def _write(result, report, stored):
    """Write the changed rows as ``services.save_realisasi`` writes one; returns how many."""
    written = 0
    for sheet_row in result.changed_rows():
        fields = sheet_row.changed()
        realisasi = stored.get(sheet_row.indikator.pk) or Realisasi(
            report=report, indikator=sheet_row.indikator
        )
        for name in fields:
            setattr(realisasi, name, sheet_row.cells[name])
        realisasi.returned = False
        if realisasi.pk is None:
            realisasi.save()
        else:
            save_fields(realisasi, [*fields, "value", "returned"])
        written += 1
    return written


def _refusal(report, by, allowed, fresh=False):
    """Why ``by`` may not fill ``report`` now, or "" when they may."""
    if fresh:
        report = QuarterReport.objects.select_related("satker").get(pk=report.pk)
    elif allowed(by, report):
        return ""
    quarter = f"{report.quarter_name} {report.year} {report.satker.name}"
    if not report.is_editable:
        return (
            f"Laporan {quarter} berstatus {report.get_status_display()}; laporan yang sudah "
            "diajukan atau diverifikasi tidak dapat diubah lewat unggahan. Tidak ada yang disimpan."
        )
    if not window_open(report):
        closes = InputWindow.closes(report.year, report.tw)
        return (
            f"Batas pengisian laporan {quarter} sudah lewat ({closes:%d-%m-%Y}); minta sekretaris "
            "membuka kembali laporan ini. Tidak ada yang disimpan."
        )
    return f"Anda tidak dapat mengisi laporan {quarter}. Tidak ada yang disimpan."


def _number(value):
    return f"{value:,}".replace(",", ".")
