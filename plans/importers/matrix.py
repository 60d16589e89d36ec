"""Read a Rencana Aksi matrix from a sheet grid into the nested form ``build_tree`` takes, the
plan's fields (title, layout, signatory) and every problem found, each naming its cell.

How the rows become a tree:

- A merged cell covers all its rows. A blank, unmerged hierarchy cell under a filled one of
  the same parent continues it ("fill down"), as some offices leave blanks instead of merging.
- A line whose cells are merged over several indicators is one line on the kegiatan of its
  first indicator; ``indikator_span`` counts the indicators it covers, its cost counts once.
- The same kegiatan text repeated row after row under one indicator is one kegiatan with a
  line per row. Without a Rencana Kegiatan column each kegiatan row is one line, text empty.
- Title rows, the column-number row, header rows repeated at page breaks and JUMLAH/TOTAL
  rows are not data; a total that does not match the costs above it is a warning.
"""

import datetime
import re
from dataclasses import dataclass, field

from budgets.akun import AkunError, parse_akun
from budgets.rupiah import NONE_MARKS, RupiahError, format_rupiah, parse_rupiah
from plans.importers.grid import cell_text, column_letter
from plans.importers.header import TW_KEYS, column_key, find_header, month_of
from plans.vocabulary import MARKS_EXPECTED, read_month_mark

TOTAL_LABELS = {
    "JUMLAH",
    "TOTAL",
    "JUMLAH TOTAL",
    "TOTAL BIAYA",
    "JUMLAH BIAYA",
    "GRAND TOTAL",
    "TOTAL KESELURUHAN",
    "JUMLAH KESELURUHAN",
}
HIERARCHY_KEYS = [
    "no",
    "program",
    "sasaran_strategis",
    "sasaran_program",
    "indikator",
    "target",
    "kegiatan",
    "rencana_kegiatan",
]
PAPER_SIZES = {9: "A4", 14: "F4"}  # Excel's paperSize codes: 9 A4, 14 Folio 8.5 x 13 in.
MAX_LENGTHS = {"number": 10, "target": 200}

INDONESIAN_MONTHS = {
    "JANUARI": 1,
    "FEBRUARI": 2,
    "PEBRUARI": 2,
    "MARET": 3,
    "APRIL": 4,
    "MEI": 5,
    "JUNI": 6,
    "JULI": 7,
    "AGUSTUS": 8,
    "SEPTEMBER": 9,
    "OKTOBER": 10,
    "NOVEMBER": 11,
    "NOPEMBER": 11,
    "DESEMBER": 12,
}
_DATE_LINE = re.compile(r"^(?P<place>[A-Za-z][A-Za-z .'-]*?)\s*,\s*(?P<date>.*)$")
_DATE = re.compile(r"^(?P<day>[0-9]{1,2})\s+(?P<month>[A-Za-z]+)\s+(?P<year>[0-9]{4})$")
# ASCII digits only: str.isdigit() also accepts ² and other scripts' digits.
_ASCII_NUMBER = re.compile(r"[0-9]+")
_NIP = re.compile(r"^NIP\b[\s.:]*(?P<nip>.*)$", re.IGNORECASE)
_ACKNOWLEDGE = re.compile(r"^(MENGETAHUI|MENYETUJUI|DISETUJUI)\b", re.IGNORECASE)


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
    reading = _SheetReader(grid, header).read()
    if len(found) > 1:
        others = ", ".join(f'"{other.name}"' for other, _ in found[1:])
        reading.warnings.append(
            f'Hanya sheet "{grid.name}" yang diimpor; sheet lain yang mirip matriks diabaikan: '
            f"{others}."
        )
    return reading


@dataclass
class _Cell:
    kind: str  # "new", "cont" (inside a merge started above) or "blank"
    text: str = ""
    row: int = 0


class _SheetReader:
    def __init__(self, grid, header):
        self.grid = grid
        self.header = header
        self.reading = Reading(sheet=grid.name)
        self.body_start = header.last_row + 1
        self.table_columns = header.table_columns
        self.hierarchy_columns = [
            header.col(key) for key in HIERARCHY_KEYS if header.col(key) is not None
        ]
        self.data_rows = set()
        self.costs_since_total = 0
        self.total_cost = 0
        self.totals = []
        self.cell_errors = []

    # entry -----------------------------------------------------------------------------------

    def read(self):
        reading, header = self.reading, self.header
        reading.title_lines = self._title_lines()
        missing = [
            label
            for key, label in [
                ("sasaran_strategis", "SASARAN STRATEGIS"),
                ("indikator", "INDIKATOR KINERJA"),
                ("kegiatan", "KEGIATAN"),
            ]
            if key not in header.columns
        ]
        if len(header.months) != 12:
            missing.append("bulan 1-12 (atau B 1-B 12, Jan-Des)")
        if missing:
            reading.errors.append(
                f"Sheet {self.grid.name}, baris {header.row}: kolom {', '.join(missing)} tidak "
                "ditemukan di baris judul kolom."
            )
            return reading
        for col, text in header.unknown:
            reading.warnings.append(
                f'Sheet {self.grid.name}, kolom {column_letter(col)}: judul "{text}" tidak '
                "dikenal; isi kolom ini tidak diimpor."
            )
        self.show_column_numbers = False
        end = self._read_body()
        self._check_totals()
        self._check_formulas()
        reading.errors += [message for _row, _col, message in sorted(self.cell_errors)]
        reading.plan_fields = {
            "columns": header.layout,
            "column_labels": header.column_labels(),
            "month_style": header.month_style,
            "show_column_numbers": self.show_column_numbers,
        }
        paper = PAPER_SIZES.get(self.grid.paper_size)
        if paper:
            reading.plan_fields["paper"] = paper
        self._read_signatory(end)
        return reading

    def where(self, row, col, key=None):
        label = self.header.labels.get(key) if key else None
        if col in self.header.month_labels:
            text = self.header.month_labels[col]
            label = f"bulan {text}" if _ASCII_NUMBER.fullmatch(text) else text
        column = f"kolom {label} ({column_letter(col)})" if label else f"kolom {column_letter(col)}"
        return f"Sheet {self.grid.name}, baris {row}, {column}"

    def error(self, row, col, key, message):
        self.cell_errors.append((row, col, f"{self.where(row, col, key)}: {message}"))

    # title and signatory ---------------------------------------------------------------------

    def _title_lines(self):
        lines = []
        for row in range(1, self.header.row):
            texts = [
                self.grid.text(row, col)
                for col in range(1, self.grid.max_col + 1)
                if self.grid.owner(row, col) == (row, col) and self.grid.text(row, col)
            ]
            if texts:
                lines.append(" ".join(texts))
        return lines

    def _read_signatory(self, start):
        """``Mengetahui,``, title lines, (gap), name, ``NIP. ...`` and an optional "Place,
        date" line below the table; missing parts stay empty."""
        grid = self.grid
        cells = [
            (row, col, grid.value(row, col))
            for row in grid.rows_with_values(start)
            # A name cell of spaces (left blank to be filled by hand) still marks the name line.
            for col in grid.columns_with_values(row)
            if grid.owner(row, col) == (row, col)
        ]
        acknowledge = next((cell for cell in cells if _ACKNOWLEDGE.match(cell_text(cell[2]))), None)
        fields = {
            "signatory_place": "",
            "signatory_date": None,
            "signatory_acknowledge": "",
            "signatory_nip": "",
        }
        place_date = [cell for cell in cells if _date_line(cell_text(cell[2]))]
        if place_date:
            place, date = _date_line(cell_text(place_date[0][2]))
            fields["signatory_place"] = place
            fields["signatory_date"] = date
        if acknowledge is None and not place_date:
            return
        anchor = acknowledge or place_date[0]
        if acknowledge:
            fields["signatory_acknowledge"] = cell_text(acknowledge[2])
        texts = [
            (row, cell_text(value))
            for row, col, value in cells
            if col == anchor[1] and row > anchor[0] and not _date_line(cell_text(value))
        ]
        nip = next((text for _row, text in texts if _NIP.match(text)), None)
        if nip is not None:
            fields["signatory_nip"] = _NIP.match(nip)["nip"].strip()
        lines = [(row, text) for row, text in texts if not _NIP.match(text)]
        gaps = [i for i in range(1, len(lines)) if lines[i][0] - lines[i - 1][0] > 1]
        # The name follows the room left to sign; without it, the line just above the NIP.
        split = gaps[-1] if gaps else (len(lines) - 1 if nip is not None else len(lines))
        fields["signatory_title"] = "\n".join(text for _row, text in lines[:split])
        fields["signatory_name"] = " ".join(text for _row, text in lines[split:])
        self.reading.plan_fields.update(fields)
        self.reading.signatory_found = True

    def _is_signatory_row(self, row):
        if any(self.grid.text(row, col) for col in self.hierarchy_columns):
            return False
        for col in self.grid.columns_with_values(row):
            text = self.grid.text(row, col)
            if text and (_ACKNOWLEDGE.match(text) or _date_line(text) or _NIP.match(text)):
                return True
        return False

    # body ------------------------------------------------------------------------------------

    def _read_body(self):
        """Read data rows until the signatory block; returns the row where the block starts."""
        self.ss = self.sp = self.ind = self.keg = self.line = None
        self._line_row = self._keg_indikator = None
        seen_data = False
        # Rows without a value or shading are neither data nor anything the checks look for.
        for row in self.grid.rows_with_content(self.body_start):
            if self._is_signatory_row(row):
                return row
            if self._is_column_number_row(row):
                if not seen_data:
                    self.show_column_numbers = True
                continue
            if self._is_header_row(row):
                continue
            if self._is_total_row(row):
                continue
            if not self._has_content(row):
                continue
            seen_data = True
            self.data_rows.add(row)
            self._read_row(row)
        return self.grid.max_row + 1

    def _has_content(self, row):
        grid = self.grid
        return any(
            grid.owner(row, col)[0] == row
            and ((row, col) in grid.values or grid.is_shaded(row, col))
            for col in self.table_columns
        )

    def _is_header_row(self, row):
        """A header repeated at a page break: three column names in their own columns, or the
        month headings over the months."""
        text = self.grid.text
        named = sum(
            1 for key, cols in self.header.columns.items() if column_key(text(row, cols[0])) == key
        )
        if named >= 3:
            return True
        months = self.header.months
        if month_of(text(row, months[1])) is None:
            return False
        matching = sum(
            1
            for month, col in months.items()
            if (found := month_of(text(row, col))) and found[0] == month
        )
        return matching >= 10

    def _is_column_number_row(self, row):
        if self.grid.text(row, self.table_columns[0]) != "1":
            return False
        values = [self.grid.text(row, col) for col in self.table_columns]
        numbers = [value for value in values if value]
        if len(numbers) < min(5, len(values)):
            return False
        return all(value == str(i) for i, value in enumerate(numbers, start=1))

    def _is_total_row(self, row):
        cost_cols = self.header.columns.get("biaya", [])
        texts = []
        for col in self.table_columns:
            if col in cost_cols or self.grid.owner(row, col)[0] != row:
                continue
            text = self.grid.text(row, col)
            if text and _total_name(text) not in TOTAL_LABELS:
                return False
            if text:
                texts.append(text)
        if not texts:
            return False
        amount = None
        if cost_cols:
            try:
                amount = self._cost_at(row, strict=True)
            except RupiahError as error:
                self.reading.warnings.append(
                    f"{self.where(row, cost_cols[-1], 'biaya')}: jumlah tidak dapat dibaca "
                    f"({error}); tidak diperiksa."
                )
        self.totals.append((row, amount, self.costs_since_total))
        self.costs_since_total = 0
        return True

    def _check_totals(self):
        for row, amount, subtotal in self.totals:
            if amount is None or amount in (subtotal, self.total_cost):
                continue
            col = self.header.columns["biaya"][-1]
            self.reading.warnings.append(
                f"{self.where(row, col, 'biaya')}: jumlah tertulis {format_rupiah(amount)} "
                f"berbeda dengan jumlah biaya baris di atasnya {format_rupiah(subtotal)}; yang "
                "diimpor adalah biaya per baris."
            )

    def _check_formulas(self):
        columns = set(self.table_columns)
        for row, col in sorted(self.grid.uncached_formulas):
            if row in self.data_rows and col in columns:
                key = next(
                    (k for k, cols in self.header.columns.items() if col in cols),
                    "bulan" if col in self.header.months.values() else None,
                )
                self.error(
                    row,
                    col,
                    key,
                    "berisi rumus tanpa nilai tersimpan (belum pernah dihitung); buka berkas di "
                    "Excel, biarkan rumus dihitung, simpan, lalu unggah lagi",
                )

    def _cell(self, row, key):
        col = self.header.col(key)
        if col is None:
            return _Cell("blank", row=row)
        owner_row, owner_col = self.grid.owner(row, col)
        text = self.grid.text(owner_row, owner_col)
        if not text or owner_row < self.body_start:
            return _Cell("blank", row=row)
        return _Cell("cont" if owner_row < row else "new", text, owner_row)

    def _read_row(self, row):
        self._read_sasaran(row)
        if self.ss is None:
            self.error(
                row,
                self.header.col("sasaran_strategis"),
                "sasaran_strategis",
                "baris berisi data tetapi belum ada sasaran strategis di atasnya",
            )
            return
        sp_changed = self._read_sasaran_program(row)
        ind_changed = self._read_indikator(row, sp_changed)
        keg_cell = self._read_kegiatan(row, ind_changed)
        self._read_line(row, ind_changed, sp_changed, keg_cell)

    def _read_sasaran(self, row):
        ss_cell, no_cell = self._cell(row, "sasaran_strategis"), self._cell(row, "no")
        number = no_cell.text if no_cell.kind == "new" else None
        current = self.ss
        if ss_cell.kind == "new":
            is_new = (
                current is None
                or ss_cell.text != current["text"]
                or (number is not None and number != current["number"])
            )
        elif (
            ss_cell.kind == "blank"
            and number is not None
            and (current is None or number != current["number"])
        ):
            self.error(
                row,
                self.header.col("sasaran_strategis"),
                "sasaran_strategis",
                f"sasaran strategis kosong padahal kolom NO berisi {number}",
            )
            is_new = True
        else:
            return
        if not is_new:
            return
        if number is None and no_cell.kind == "cont":
            number = no_cell.text
        if number and len(number) > MAX_LENGTHS["number"]:
            self.error(row, self.header.col("no"), "no", f'nomor "{number}" terlalu panjang')
        program = self._cell(row, "program")
        self.ss = {
            "number": number or "",
            "program": program.text if program.kind == "new" else "",
            "text": ss_cell.text,
            "sasaran_program": [],
        }
        self.reading.tree.append(self.ss)
        self.sp = self.ind = self.keg = self.line = None

    def _read_sasaran_program(self, row):
        cell = self._cell(row, "sasaran_program")
        new_ss = self.sp is None
        if not new_ss and not (cell.kind == "new" and cell.text != self.sp["text"]):
            return False
        self.sp = {"text": cell.text if cell.kind != "blank" else "", "indikator": []}
        self.ss["sasaran_program"].append(self.sp)
        self.ind = self.keg = None
        return True

    def _read_indikator(self, row, sp_changed):
        cell = self._cell(row, "indikator")
        if cell.kind == "blank":
            if sp_changed:
                self.ind = None
            return False
        same = self.ind is not None and (cell.kind == "cont" or cell.text == self.ind["text"])
        if same and not sp_changed:
            return False
        target = self._cell(row, "target")
        if len(target.text) > MAX_LENGTHS["target"]:
            self.error(row, self.header.col("target"), "target", "target lebih dari 200 huruf")
        self.ind = {
            "text": cell.text,
            "target": target.text,
            "kegiatan": [],
            **{key: self._cell(row, key).text for key in TW_KEYS if key in self.header.columns},
        }
        self.sp["indikator"].append(self.ind)
        self.keg = None
        return True

    def _read_kegiatan(self, row, ind_changed):
        cell = self._cell(row, "kegiatan")
        if self.ind is None:
            if cell.kind != "blank" or self._line_data_cells(row):
                self.error(
                    row,
                    self.header.col("indikator"),
                    "indikator",
                    "indikator kinerja kosong padahal baris ini berisi kegiatan",
                )
            self.keg = None
            return cell
        if cell.kind == "new":
            if ind_changed or self.keg is None or cell.text != self.keg["text"]:
                self._new_kegiatan(cell.text)
        elif cell.kind == "blank" and ind_changed:
            self.keg = None
        return cell

    def _new_kegiatan(self, text):
        self.keg = {"text": text, "lines": []}
        self.ind["kegiatan"].append(self.keg)
        self._keg_indikator = self.ind

    def _read_line(self, row, ind_changed, sp_changed, keg_cell):
        if self.ind is None:
            return
        has_text_column = "rencana_kegiatan" in self.header.columns
        cell = self._cell(row, "rencana_kegiatan") if has_text_column else keg_cell
        own_line = (
            self.line is not None
            and self.keg is not None
            and bool(self.keg["lines"])
            and self.keg["lines"][-1] is self.line
        )
        if cell.kind == "cont":
            continues = self.line is not None and self._line_row == cell.row
        elif cell.kind == "new":
            continues = False
        elif keg_cell.kind == "cont" and ind_changed and own_line:
            # The kegiatan is merged over the next indicator, the line cell left blank.
            continues = True
        elif not self._line_data_cells(row):
            return
        else:
            continues = own_line and not ind_changed and keg_cell.kind != "new"
        if continues:
            if ind_changed:
                if sp_changed:
                    self.error(
                        row,
                        self.header.col("kegiatan"),
                        "kegiatan",
                        "sel yang digabung melewati batas sasaran program; pisahkan gabungan "
                        "selnya",
                    )
                self.line["indikator_span"] += 1
            self._add_line_data(row, self.line)
            return
        if self.keg is None:
            self.error(
                row,
                self.header.col("kegiatan"),
                "kegiatan",
                "kegiatan kosong padahal baris ini berisi rencana kegiatan",
            )
            return
        if self._keg_indikator is not self.ind:
            # The kegiatan cell spans from an earlier indicator but this line is the new
            # indicator's own: it gets its own copy of the kegiatan.
            self._new_kegiatan(self.keg["text"])
        self.line = {
            "text": cell.text if has_text_column and cell.kind != "blank" else "",
            "months": [],
            "biaya": None,
            "akun": "",
            "ket": "",
            "indikator_span": 1,
        }
        self._line_row = row
        self.keg["lines"].append(self.line)
        self._add_line_data(row, self.line)

    # line cells ------------------------------------------------------------------------------

    def _own(self, row, col):
        """The cell's value when it starts in ``row`` (a merged cell is read once, on top)."""
        if self.grid.owner(row, col)[0] != row:
            return None
        return self.grid.value(row, col)

    def _line_data_cells(self, row):
        cols = list(self.header.months.values())
        for key in ("biaya", "akun", "ket"):
            cols += self.header.columns.get(key, [])
        return [
            col
            for col in cols
            if self.grid.owner(row, col)[0] == row
            and (cell_text(self.grid.value(row, col)) or self.grid.is_shaded(row, col))
            and not (
                col in self.header.columns.get("biaya", [])
                and cell_text(self.grid.value(row, col)) in NONE_MARKS
            )
        ]

    def _add_line_data(self, row, line):
        months = set(line["months"])
        for month, col in self.header.months.items():
            if self.grid.owner(row, col)[0] != row:
                continue
            if self._month_scheduled(row, col):
                months.add(month)
        line["months"] = sorted(months)
        try:
            cost = self._cost_at(row)
        except RupiahError as error:
            self.error(row, self._cost_col, "biaya", str(error))
            cost = None
        if cost is not None:
            if line["biaya"] is not None and line["biaya"] != cost:
                self.error(
                    row,
                    self._cost_col,
                    "biaya",
                    f"biaya kedua untuk rencana kegiatan yang sama ({format_rupiah(line['biaya'])}"
                    f" dan {format_rupiah(cost)}); satu rencana kegiatan hanya punya satu biaya",
                )
            elif line["biaya"] is None:
                line["biaya"] = cost
                self.total_cost += cost
                self.costs_since_total += cost
        akun_col = self.header.col("akun")
        if akun_col is not None:
            akun = cell_text(self._own(row, akun_col))
            if akun and akun not in NONE_MARKS:
                try:
                    line["akun"] = str(parse_akun(akun))
                except AkunError as error:
                    self.error(row, akun_col, "akun", str(error))
        ket_col = self.header.col("ket")
        if ket_col is not None:
            ket = cell_text(self._own(row, ket_col))
            if ket and ket not in NONE_MARKS:
                line["ket"] = f"{line['ket']}\n{ket}".strip()

    def _month_scheduled(self, row, col):
        value = self.grid.value(row, col)
        scheduled = read_month_mark(cell_text(value))
        if scheduled is None:
            self.error(row, col, None, f'"{cell_text(value)}" bukan tanda jadwal; {MARKS_EXPECTED}')
            return False
        # An empty or "0" cell is scheduled when shaded: the seeds mark months by shading.
        return scheduled or self.grid.is_shaded(row, col)

    def _cost_at(self, row, strict=False):
        """The cost in a row: one column, or ``Rp`` | amount under one merged label."""
        values = []
        self._cost_col = None
        for col in self.header.columns.get("biaya", []):
            value = self._own(row, col)
            text = cell_text(value)
            if text.upper().rstrip(".") in {"RP", ""} or text in NONE_MARKS:
                continue
            values.append((col, value))
        if not values:
            self._cost_col = (self.header.columns.get("biaya") or [None])[-1]
            return None
        self._cost_col = values[-1][0]
        if len(values) > 1:
            shown = " | ".join(cell_text(value) for _col, value in values)
            raise RupiahError(f'"{shown}" berisi dua nilai; yang diharapkan satu nilai rupiah')
        return parse_rupiah(values[0][1])


def _total_name(text):
    return " ".join(text.upper().replace(":", " ").split())


def _date_line(text):
    """(place, date or None) for ``Gorontalo, 2 Januari 2023``, ``Gorontalo,`` (the date left
    to be written by hand) or ``2 Januari 2023``; None for any other text."""
    date = _parse_date(text)
    if date:
        return "", date
    match = _DATE_LINE.match(text)
    if not match or _ACKNOWLEDGE.match(text):
        return None
    place, rest = match["place"].strip(), match["date"].strip()
    date = _parse_date(rest)
    if date or not rest or re.fullmatch(r"[\w .]*[0-9]{4}", rest):
        return place, date
    return None


def _parse_date(text):
    match = _DATE.match(text.strip())
    month = INDONESIAN_MONTHS.get(match["month"].upper()) if match else None
    if not month:
        return None
    try:
        return datetime.date(int(match["year"]), month, int(match["day"]))
    except ValueError:
        return None
