"""Write matrix workbooks the way offices lay them out, from the nested plan form, so the import
tests (and ``benchmarks/import.py``) can check every variation against known figures.

``write_matrix(tree, path, **options)`` draws the Gorontalo layout - NO, SASARAN STRATEGIS,
SASARAN PROGRAM, INDIKATOR KINERJA, TARGET, KEGIATAN, Rencana Kegiatan, 12 months, PERKIRAAN
BIAYA (Rp | amount), AKUN, KET - with the variations passed as options.
"""

from openpyxl import Workbook
from openpyxl.styles import PatternFill

SHADE = PatternFill("solid", fgColor="FF92D050")
MARKS = ["v", "V", "√", "✓", "x", "X", 1, "*"]
MONTH_LABELS = {
    "angka": [str(m) for m in range(1, 13)],
    "b": [f"B {m}" for m in range(1, 13)],
    "b_compact": [f"B{m}" for m in range(1, 13)],
    "names": ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agt", "Sep", "Okt", "Nov", "Des"],
    # Spelled out here, not read from plans.vocabulary: these workbooks test the importer.
    "full_names": [
        *("Januari", "Februari", "Maret", "April", "Mei", "Juni"),
        *("Juli", "Agustus", "September", "Oktober", "November", "Desember"),
    ],
}
TITLE = ["RENCANA AKSI TAHUN 2023", "SEKRETARIS", "KOMISI PEMILIHAN UMUM PROVINSI GORONTALO"]


def write_matrix(
    tree,
    path=None,
    *,
    title=TITLE,
    months="angka",
    marks=False,
    costs="split",
    merges=True,
    lower_case=False,
    repeat_header=False,
    total=None,
    notes_sheet=False,
    signatory=None,
    column_numbers=False,
):
    """Write ``tree`` as a matrix; returns the Workbook (saved to ``path`` when given).

    ``costs``: "split" (``Rp`` | ``8,378,000``), "number" (one column, numbers) or "text"
    (one column, ``Rp 8.378.000``). ``total``: None, True (the right sum) or an amount.
    ``repeat_header``: repeat the header rows before every sasaran program but the first, as
    page breaks do, with the sasaran strategis written again below them.
    """
    book = Workbook()
    sheet = book.active
    sheet.title = "Renaksi"
    if notes_sheet:
        notes = book.create_sheet("Catatan", 0)
        notes["A1"] = "Catatan penyusunan rencana aksi"
        notes["A2"] = "Kolom biaya diisi sesuai DIPA."
        book.active = 1
    writer = _Writer(sheet, months, marks, costs, merges, lower_case)
    for text in title:
        writer.title_line(text)
    writer.blank()
    writer.header()
    if column_numbers:
        writer.column_numbers()
    for ss in tree:
        writer.sasaran(ss, repeat_header)
    if total is not None:
        amount = writer.total_cost if total is True else total
        writer.total(amount)
    if signatory:
        writer.blank()
        writer.signatory(signatory)
    if path:
        book.save(path)
    return book


class _Writer:
    def __init__(self, sheet, months, marks, costs, merges, lower_case):
        self.sheet = sheet
        self.row = 1
        self.months = MONTH_LABELS[months]
        self.marks = marks
        self.mark_index = 0
        self.costs = costs
        self.merges = merges
        self.lower_case = lower_case
        self.total_cost = 0
        names = ["no", "ss", "sp", "ind", "target", "keg", "line"]
        self.col = {name: i for i, name in enumerate(names, start=1)}
        self.first_month = 8
        cost_cols = 2 if costs == "split" else 1
        self.cost = 20
        self.akun = self.cost + cost_cols
        self.ket = self.akun + 1
        self.last = self.ket

    def label(self, text):
        return text.lower() if self.lower_case else text

    def title_line(self, text):
        self.sheet.cell(self.row, 1, text)
        self.sheet.merge_cells(
            start_row=self.row, start_column=1, end_row=self.row, end_column=self.last
        )
        self.row += 1

    def blank(self):
        self.row += 1

    def header(self):
        top, sheet = self.row, self.sheet
        labels = [
            "NO",
            "SASARAN STRATEGIS",
            "SASARAN PROGRAM",
            "INDIKATOR KINERJA",
            "TARGET",
            "KEGIATAN",
            "Rencana Kegiatan",
        ]
        for col, text in enumerate(labels, start=1):
            sheet.cell(top, col, self.label(text))
            sheet.merge_cells(start_row=top, start_column=col, end_row=top + 1, end_column=col)
        sheet.cell(top, self.first_month, self.label("RENCANA PELAKSANAAN KEGIATAN"))
        sheet.merge_cells(
            start_row=top,
            start_column=self.first_month,
            end_row=top,
            end_column=self.first_month + 11,
        )
        for i, text in enumerate(self.months):
            sheet.cell(top + 1, self.first_month + i, self.label(text))
        sheet.cell(top, self.cost, self.label("PERKIRAAN BIAYA"))
        sheet.merge_cells(
            start_row=top, start_column=self.cost, end_row=top + 1, end_column=self.akun - 1
        )
        for col, text in [(self.akun, "AKUN"), (self.ket, "KET")]:
            sheet.cell(top, col, self.label(text))
            sheet.merge_cells(start_row=top, start_column=col, end_row=top + 1, end_column=col)
        self.row += 2

    def column_numbers(self):
        for col in range(1, self.last + 1):
            self.sheet.cell(self.row, col, col)
        self.row += 1

    def span(self, col, first, last, value):
        """Write ``value`` on ``first`` and merge (or leave blanks) down to ``last``."""
        self.sheet.cell(first, col, value)
        if last > first and self.merges:
            self.sheet.merge_cells(start_row=first, start_column=col, end_row=last, end_column=col)

    def sasaran(self, ss, repeat_header):
        segments, start = [], self.row
        for i, sp in enumerate(ss["sasaran_program"]):
            if i and repeat_header:
                segments.append((start, self.row - 1))
                self.header()
                start = self.row
            self.program(sp)
        segments.append((start, self.row - 1))
        for first, last in segments:
            self.span(self.col["no"], first, last, ss["number"])
            self.span(self.col["ss"], first, last, ss["text"])

    def program(self, sp):
        start = self.row
        indicators = sp["indikator"]
        rows = []  # first row of each indicator
        for ind in indicators:
            lines = [(keg, line) for keg in ind["kegiatan"] for line in keg["lines"]]
            rows.append(self.row)
            self.row += max(1, len(lines))
        ends = [*rows[1:], self.row]
        for i, ind in enumerate(indicators):
            first, last = rows[i], ends[i] - 1
            self.span(self.col["ind"], first, last, ind["text"])
            self.span(self.col["target"], first, last, ind["target"] or None)
            row = first
            for keg in ind["kegiatan"]:
                for line in keg["lines"]:
                    line_last = row
                    if line["indikator_span"] > 1:
                        line_last = ends[i + line["indikator_span"] - 1] - 1
                    self.line(row, line_last, keg, line)
                    row += 1
        self.span(self.col["sp"], start, self.row - 1, sp["text"] or None)

    def line(self, first, last, keg, line):
        self.span(self.col["keg"], first, last, keg["text"])
        self.span(self.col["line"], first, last, line["text"] or None)
        for month in range(1, 13):
            col = self.first_month + month - 1
            scheduled = month in line["months"]
            value = None
            if scheduled and self.marks:
                value = MARKS[self.mark_index % len(MARKS)]
                self.mark_index += 1
            self.span(col, first, last, value)
            if scheduled and not self.marks:
                self.sheet.cell(first, col).fill = SHADE
        biaya = line["biaya"]
        self.total_cost += biaya or 0
        if self.costs == "split":
            self.span(self.cost, first, last, "Rp" if biaya is not None else "-")
            self.span(self.cost + 1, first, last, f"{biaya:,}" if biaya is not None else "-")
        elif self.costs == "number":
            self.span(self.cost, first, last, biaya if biaya is not None else "-")
        else:
            shown = f"Rp {biaya:,}".replace(",", ".") if biaya is not None else "-"
            self.span(self.cost, first, last, shown)
        self.span(self.akun, first, last, line["akun"] or "-")
        self.span(self.ket, first, last, line["ket"] or None)

    def total(self, amount):
        self.sheet.cell(self.row, 1, "JUMLAH")
        self.sheet.merge_cells(
            start_row=self.row, start_column=1, end_row=self.row, end_column=self.cost - 1
        )
        if self.costs == "split":
            self.sheet.cell(self.row, self.cost, "Rp")
            self.sheet.cell(self.row, self.cost + 1, amount)
        else:
            self.sheet.cell(self.row, self.cost, amount)
        self.row += 1

    def signatory(self, lines):
        col = self.first_month + 6
        for text in lines:
            if text is not None:
                self.sheet.cell(self.row, col, text)
            self.row += 1


def load_satkers():
    """The demo satkers (KPU RI, both provinces, Tomohon) without the demo plans."""
    from plans.demo import load_satkers

    return load_satkers()
