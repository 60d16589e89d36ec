"""Read the rows of a matrix, from below its header to the signatory block, into the nested
form ``build_tree`` takes, with every problem found naming its cell.

How the rows become a tree:

- A merged cell covers all its rows. A blank, unmerged hierarchy cell under a filled one of
  the same parent continues it ("fill down"), as some offices leave blanks instead of merging.
- A line whose cells are merged over several indicators is one line on the kegiatan of its
  first indicator; ``indikator_span`` counts the indicators it covers, its cost counts once.
- The same kegiatan text repeated row after row under one indicator is one kegiatan with a
  line per row. Without a Rencana Kegiatan column each kegiatan row is one line, text empty.
- The column-number row, header rows repeated at page breaks and JUMLAH/TOTAL rows are not
  data; a total that does not match the costs above it is a warning.
"""

from dataclasses import dataclass

from budgets.akun import AkunError
from budgets.rupiah import format_rupiah
from plans.importers.grid import column_letter
from plans.importers.header import TW_KEYS
from plans.importers.line_cells import CostError, LineCells
from plans.importers.signatory import is_signatory_row
from plans.importers.terms import ASCII_NUMBER, HIERARCHY_KEYS, MAX_LENGTHS, is_total_label


@dataclass
class Body:
    """What the rows below the header hold: the tree, the problems found (errors in the order
    of their cells) and where the signatory block starts (past the last row when none)."""

    tree: list
    errors: list
    warnings: list
    show_column_numbers: bool
    end: int


def read_rows(grid, header):
    """The tree and problems of the rows below ``header`` in ``grid``."""
    return _RowReader(grid, header).read()


@dataclass
class _Cell:
    kind: str  # "new", "cont" (inside a merge started above) or "blank"
    text: str = ""
    row: int = 0


class _RowReader:
    """One pass down the rows. It keeps the sasaran, program, indicator, kegiatan and line
    being filled, because a row only says which of them it continues (a merged or blank cell)
    and which it starts (a new text)."""

    def __init__(self, grid, header):
        self.grid = grid
        self.header = header
        self.body_start = header.last_row + 1
        self.table_columns = header.table_columns
        self.hierarchy_columns = [
            header.col(key) for key in HIERARCHY_KEYS if header.col(key) is not None
        ]
        self.cells = LineCells(grid, header)
        self.tree = []
        self.warnings = []
        self.cell_errors = []
        self.data_rows = set()
        self.show_column_numbers = False
        self.costs_since_total = 0
        self.total_cost = 0
        self.totals = []
        # The nodes being filled, the row the line started on and the kegiatan's indicator.
        self.ss = self.sp = self.ind = self.keg = self.line = None
        self._line_row = None
        self._keg_indikator = None

    def read(self):
        end = self._read_body()
        self._check_totals()
        self._check_formulas()
        return Body(
            tree=self.tree,
            errors=[message for _row, _col, message in sorted(self.cell_errors)],
            warnings=self.warnings,
            show_column_numbers=self.show_column_numbers,
            end=end,
        )

    def where(self, row, col, key=None):
        """A cell as a message names it: the column by the label its office wrote."""
        label = self.header.labels.get(key) if key else None
        if col in self.header.month_labels:
            text = self.header.month_labels[col]
            label = f"bulan {text}" if ASCII_NUMBER.fullmatch(text) else text
        column = f"kolom {label} ({column_letter(col)})" if label else f"kolom {column_letter(col)}"
        return f"Sheet {self.grid.name}, baris {row}, {column}"

    def error(self, row, col, key, message):
        self.cell_errors.append((row, col, f"{self.where(row, col, key)}: {message}"))

    def error_in(self, row, key, message):
        """An error in the row's cell of the column ``key``."""
        self.error(row, self.header.col(key), key, message)

    # the walk down the rows ------------------------------------------------------------------

    def _read_body(self):
        """Read data rows until the signatory block; returns the row where the block starts."""
        seen_data = False
        # Rows without a value or shading are neither data nor anything the checks look for.
        for row in self.grid.rows_with_content(self.body_start):
            if is_signatory_row(self.grid, row, self.hierarchy_columns):
                return row
            if self._is_column_number_row(row):
                if not seen_data:
                    self.show_column_numbers = True
                continue
            if self.header.is_repeated_at(self.grid, row):
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

    def _is_column_number_row(self, row):
        """The row numbering the table's columns 1, 2, 3 ... (blank ones skipped)."""
        if self.grid.text(row, self.table_columns[0]) != "1":
            return False
        values = [self.grid.text(row, col) for col in self.table_columns]
        numbers = [value for value in values if value]
        if len(numbers) < min(5, len(values)):
            return False
        return all(value == str(i) for i, value in enumerate(numbers, start=1))

    def _is_total_row(self, row):
        """A JUMLAH/TOTAL row; its amount is kept to be checked against the costs above it."""
        cost_cols = self.cells.cost_columns
        texts = []
        for col in self.table_columns:
            if col in cost_cols or self.grid.owner(row, col)[0] != row:
                continue
            text = self.grid.text(row, col)
            if text and not is_total_label(text):
                return False
            if text:
                texts.append(text)
        if not texts:
            return False
        amount = None
        if cost_cols:
            try:
                amount, _col = self.cells.cost(row)
            except CostError as error:
                self.warnings.append(
                    f"{self.where(row, cost_cols[-1], 'biaya')}: jumlah tidak dapat dibaca "
                    f"({error}); tidak diperiksa."
                )
        self.totals.append((row, amount, self.costs_since_total))
        self.costs_since_total = 0
        return True

    # checks after the last row ---------------------------------------------------------------

    def _check_totals(self):
        """A written total may sum the rows since the previous total or the whole sheet."""
        for row, amount, subtotal in self.totals:
            if amount is None or amount in (subtotal, self.total_cost):
                continue
            col = self.header.columns["biaya"][-1]
            self.warnings.append(
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

    # the tree --------------------------------------------------------------------------------

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
            self.error_in(
                row,
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
            self.error_in(
                row,
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
            self.error_in(row, "no", f'nomor "{number}" terlalu panjang')
        program = self._cell(row, "program")
        self.ss = {
            "number": number or "",
            "program": program.text if program.kind == "new" else "",
            "text": ss_cell.text,
            "sasaran_program": [],
        }
        self.tree.append(self.ss)
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
            self.error_in(row, "target", "target lebih dari 200 huruf")
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
            if cell.kind != "blank" or self.cells.filled(row):
                self.error_in(
                    row,
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
        elif not self.cells.filled(row):
            return
        else:
            continues = own_line and not ind_changed and keg_cell.kind != "new"
        if continues:
            if ind_changed:
                if sp_changed:
                    self.error_in(
                        row,
                        "kegiatan",
                        "sel yang digabung melewati batas sasaran program; pisahkan gabungan "
                        "selnya",
                    )
                self.line["indikator_span"] += 1
            self._add_line_data(row, self.line)
            return
        if self.keg is None:
            self.error_in(
                row,
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

    def _add_line_data(self, row, line):
        """Add the row's months, cost, akun and ket to ``line``: a line merged over several
        rows gathers them from each, and its one cost counts once in the totals."""
        cells = self.cells
        months, problems = cells.months(row)
        for col, message in problems:
            self.error(row, col, None, message)
        line["months"] = sorted(set(line["months"]) | months)
        try:
            cost, cost_col = cells.cost(row)
        except CostError as error:
            self.error(row, error.column, "biaya", str(error))
            cost = None
        if cost is not None:
            if line["biaya"] is not None and line["biaya"] != cost:
                self.error(
                    row,
                    cost_col,
                    "biaya",
                    f"biaya kedua untuk rencana kegiatan yang sama ({format_rupiah(line['biaya'])}"
                    f" dan {format_rupiah(cost)}); satu rencana kegiatan hanya punya satu biaya",
                )
            elif line["biaya"] is None:
                line["biaya"] = cost
                self.total_cost += cost
                self.costs_since_total += cost
        try:
            akun = cells.akun(row)
        except AkunError as error:
            self.error(row, cells.akun_column, "akun", str(error))
        else:
            if akun:
                line["akun"] = akun
        ket = cells.ket(row)
        if ket:
            line["ket"] = f"{line['ket']}\n{ket}".strip()
