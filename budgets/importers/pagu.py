"""Import a satker's pagu for a year from a DIPA/POK sheet: everything is checked first, then
the satker-year pagu is replaced in one transaction under its lock - or nothing at all.

Two layouts, one reader. Under a header row naming the columns ``kode``, ``uraian`` and
``jumlah`` (any case, any order), each row's code is either a whole path
(``3358.EBC.954.051.A.521211``: the flat sheet) or one level's own code, read below the rows
above it as the POK prints it (``3358``, ``EBC``, ``954``, ``051``, ``A``, ``521211``; a
3-digit code right after a KRO row is its RO, otherwise a komponen of the RO above, so a new
RO is written with its KRO row or its path ``3358.EBC.955``). Rows with lines below them are
headings: their amount, when given, must equal the sum below. The deepest rows are the pagu
lines. Rows without a code under an akun are its details (their sum is the akun's amount
when the akun row has none), and a row whose uraian reads "Jumlah" or "Total" is checked
against the whole sum.
"""

import re
from dataclasses import dataclass, field

from budgets.akun import LEVELS, AkunCode, AkunError, normalise_akun, parse_akun
from budgets.importers.sheet import SheetRefused, read_sheet
from budgets.models import PaguLine
from budgets.pagu import locked_pagu
from budgets.rupiah import NONE_MARKS, RupiahError, format_rupiah, parse_rupiah

HEADERS = {
    "kode": {"kode", "kode akun", "kode mak", "mak", "akun", "kode rekening"},
    "uraian": {"uraian", "uraian kegiatan", "uraian akun", "keterangan", "nama"},
    "jumlah": {"jumlah", "jumlah biaya", "jumlah rp", "jumlah pagu", "pagu", "nilai", "biaya"},
}
HEADER_ROWS = 30  # the header row is looked for among the first rows with values
TOTAL_WORDS = {"jumlah", "total", "jumlah total", "total pagu", "jumlah pagu", "jumlah seluruhnya"}
URAIAN_LENGTH = PaguLine._meta.get_field("uraian").max_length
PROBLEM_ROWS = 50
NO_HEADER = (
    'Tidak ditemukan baris judul kolom "kode", "uraian" dan "jumlah" di {rows} baris pertama '
    "sheet mana pun; yang diharapkan satu baris judul kolom, lalu satu baris per kode "
    "(misalnya 3358.EBC.954.051.A.521211 | Belanja Bahan | 8.378.000)."
)
ONE_LEVEL = (
    "yang diharapkan jalur kode lengkap (misalnya 3358.EBC.954.051.A.521211) atau kode satu "
    "tingkat: kegiatan 4 angka, KRO 3 huruf, RO atau komponen 3 angka, subkomponen 1-2 huruf, "
    "akun 6 angka"
)
_SEGMENT = {
    "kegiatan": re.compile(r"^\d{4}$"),
    "kro": re.compile(r"^[A-Z]{3}$"),
    "three_digits": re.compile(r"^\d{3}$"),
    "subkomponen": re.compile(r"^[A-Z]{1,2}$"),
    "akun": re.compile(r"^\d{6}$"),
}


@dataclass
class Entry:
    """One row with a code: where it stands, its full code and what it says."""

    row: int
    code: AkunCode
    uraian: str
    amount: int | None  # None: not given
    details: int = 0
    has_details: bool = False
    unreadable: bool = False  # its amount was refused (already an error)

    @property
    def path(self):
        return self.code.path()


@dataclass
class ProblemRow:
    """A row of the sheet with errors: its kode, uraian and jumlah cells as written
    (``(text, has an error)``) and the messages after the row's name."""

    row: int
    cells: list
    messages: list


@dataclass
class PaguImportResult:
    """What the import found and, unless a dry run or failed, saved."""

    satker: object = None
    year: int | None = None
    file_name: str = ""
    sheet: str = ""
    layout: str = ""  # "datar" or "POK"
    lines: list = field(default_factory=list)  # dicts: row, kode, uraian, jumlah
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    dry_run: bool = False
    problem_rows: list = field(default_factory=list)
    pagu: object = None
    replaced_lines: int = 0

    @property
    def saved(self):
        return self.pagu is not None

    @property
    def total(self):
        return sum(line["jumlah"] for line in self.lines)

    def per_kegiatan(self):
        """``[{"kegiatan": "3358", "jumlah": n}]`` in code order ("" for lines without a path)."""
        sums = {}
        for line in self.lines:
            kegiatan = line["code"].kegiatan
            sums[kegiatan] = sums.get(kegiatan, 0) + line["jumlah"]
        return [{"kegiatan": key, "jumlah": sums[key]} for key in sorted(sums)]

    def general_errors(self):
        """The errors not shown at a row (``problem_rows``)."""
        at_rows = {error for problem in self.problem_rows for error, _text in problem.messages}
        return [error for error in self.errors if error not in at_rows]

    def as_dict(self):
        """What ``import_pagu --json`` prints."""
        return {
            "satker": self.satker.code if self.satker else None,
            "year": self.year,
            "sheet": self.sheet,
            "layout": self.layout,
            "lines": len(self.lines),
            "total": self.total,
            "per_kegiatan": self.per_kegiatan(),
            "dry_run": self.dry_run,
            "saved": self.saved,
            "replaced_lines": self.replaced_lines,
            "warnings": list(self.warnings),
            "errors": list(self.errors),
        }


def import_pagu(file, satker, year, *, name=None, dry_run=False, user=None):
    """Read ``file`` (a path, bytes or an uploaded file; ``name`` tells CSV from Excel) and
    replace the pagu of ``satker`` for ``year`` with its lines. With ``dry_run`` nothing is
    written; with errors nothing is written either. ``user`` is checked again under the lock
    (the browser); the command passes none."""
    name = str(name or getattr(file, "name", None) or file)
    result = PaguImportResult(satker=satker, year=year, file_name=name, dry_run=dry_run)
    try:
        sheet = read_sheet(file, name, accept=lambda sheet: find_header(sheet) is not None)
    except SheetRefused as error:
        result.errors.append(str(error))
        return result
    result.sheet = sheet.name
    header = find_header(sheet)
    if header is None:
        result.errors.append(NO_HEADER.format(rows=HEADER_ROWS))
        return result
    reader = _Reader(sheet, header, result)
    reader.read()
    if result.errors:
        result.problem_rows = reader.problem_rows()
    if result.errors or dry_run:
        return result
    with locked_pagu(satker, year, user) as pagu:
        result.replaced_lines = pagu.lines.count()
        pagu.lines.all().delete()
        PaguLine.objects.bulk_create(
            PaguLine(
                pagu=pagu, kode=line["kode"], uraian=line["uraian"], jumlah=line["jumlah"]
            ).prepare()
            for line in result.lines
        )
        pagu.source = f"Impor {name.rsplit('/', 1)[-1]}"[:200]
    result.pagu = pagu
    return result


def find_header(sheet):
    """``{"kode": (col, label), "uraian": ..., "jumlah": ..., "row": n}`` of the first row among
    the first ``HEADER_ROWS`` naming at least kode and jumlah; None without one."""
    for row in sheet.rows[:HEADER_ROWS]:
        found = {}
        for col in sorted(row.cells):
            label = row.text(col)
            key = " ".join(re.sub(r"[^a-z0-9]+", " ", label.lower()).split())
            for name, labels in HEADERS.items():
                if key in labels and name not in found:
                    found[name] = (col, label)
        if "kode" in found and "jumlah" in found:
            found.setdefault("uraian", (None, "uraian"))
            return {**found, "row": row.number}
    return None


class _Reader:
    """Walks the rows below the header once, keeping the code of the row above as context."""

    def __init__(self, sheet, header, result):
        self.sheet, self.header, self.result = sheet, header, result
        self.entries, self.totals = [], []
        self.errors_at = {}  # row -> [(error, text after the row's name, column key)]
        self.bad_codes = False  # rows were left out: which rows are deepest is uncertain

    def error(self, row, key, message):
        col, label = self.header[key] if key else (None, "")
        place = self.sheet.place(row, col, label)
        error = f"{place}: {message}"
        self.result.errors.append(error)
        self.errors_at.setdefault(row, []).append(
            (error, error[len(self.sheet.place(row)) + 2 :], key)
        )

    def read(self):
        context = None
        dotted = single = 0
        for row in self.sheet.rows:
            if row.number <= self.header["row"]:
                continue
            kode = row.text(self.header["kode"][0])
            uraian = row.text(self.header["uraian"][0])
            amount, ok = self.amount(row)
            if not kode:
                self.without_code(row, uraian, amount, ok, context)
                continue
            try:
                code = resolve(kode, context)
            except AkunError as error:
                self.error(row.number, "kode", str(error))
                self.bad_codes = True
                continue
            dotted, single = dotted + ("." in kode), single + ("." not in kode)
            context = code
            if len(uraian) > URAIAN_LENGTH:
                self.error(
                    row.number,
                    "uraian",
                    f"uraian {len(uraian)} karakter; yang diharapkan paling banyak "
                    f"{URAIAN_LENGTH} karakter",
                )
            self.entries.append(Entry(row.number, code, uraian, amount, unreadable=not ok))
        self.result.layout = "POK" if single else "datar"
        self.check()

    def amount(self, row):
        """(amount or None when not given, whether it could be read)."""
        col = self.header["jumlah"][0]
        if (row.number, col) in self.sheet.uncached:
            self.error(
                row.number,
                "jumlah",
                "berisi rumus tanpa nilai tersimpan (belum pernah dihitung); buka berkas di "
                "Excel, biarkan rumus dihitung, simpan, lalu unggah lagi",
            )
            return None, False
        value = row.value(col)
        text = row.text(col)
        if text == "":
            return None, True
        if isinstance(value, str) and value.strip() in NONE_MARKS:
            return 0, True  # "-": a pagu of nil, written on purpose
        try:
            amount = parse_rupiah(value)
        except RupiahError as error:
            self.error(row.number, "jumlah", str(error))
            return None, False
        return (0 if amount is None else amount), True

    def without_code(self, row, uraian, amount, ok, context):
        words = " ".join(re.sub(r"[^a-z ]+", " ", uraian.lower()).split())
        if words in TOTAL_WORDS:
            if amount is not None:
                self.totals.append((row.number, amount))
        elif context is not None and context.level == "akun" and self.entries:
            last = self.entries[-1]
            if amount is not None:
                last.details += amount
                last.has_details = True
        elif amount is not None and ok:
            self.error(
                row.number,
                "kode",
                "kode kosong padahal ada jumlah; yang diharapkan kode akun baris ini "
                "(misalnya 3358.EBC.954.051.A.521211), atau uraian Jumlah untuk baris total",
            )

    def check(self):
        """Headings against the sums below them, duplicate lines, empty amounts, totals."""
        above = set()
        for entry in self.entries:
            path = entry.path
            above.update(path[:cut] for cut in range(1, _depth(path)))
        sums, seen, unknown = {}, {}, set()
        for entry in self.entries:
            path = entry.path[: _depth(entry.path)]
            if path in above:
                continue
            if path in seen:
                self.error(
                    entry.row,
                    "kode",
                    f"kode {entry.code} sudah ada di baris {seen[path]}; yang diharapkan setiap "
                    "kode satu kali",
                )
                continue
            seen[path] = entry.row
            amount = self.leaf_amount(entry)
            if amount is None:  # refused or missing: the sums above it are not checked
                unknown.update(path[:cut] for cut in range(len(path) + 1))
                continue
            for cut in range(1, len(path)):
                sums[path[:cut]] = sums.get(path[:cut], 0) + amount
            self.result.lines.append(
                {
                    "row": entry.row,
                    "code": entry.code,
                    "kode": str(entry.code),
                    "uraian": entry.uraian[:URAIAN_LENGTH],
                    "jumlah": amount,
                }
            )
        for entry in self.entries:
            path = entry.path[: _depth(entry.path)]
            if path in above - unknown and entry.amount is not None and not entry.unreadable:
                below = sums.get(path, 0)
                if entry.amount != below:
                    self.error(
                        entry.row, "jumlah", _differs(entry.amount, below, "baris di bawahnya")
                    )
        total = self.result.total
        for row, amount in self.totals:
            if amount != total and () not in unknown:
                self.error(row, "jumlah", _differs(amount, total, "semua baris pagu"))
        if not self.entries and not self.result.errors:
            self.result.errors.append(
                f"{self.sheet.place(self.header['row'])}: tidak ada baris berkode di bawah baris "
                "judul kolom; yang diharapkan satu baris per kode pagu."
            )

    def leaf_amount(self, entry):
        if entry.unreadable:
            return None
        if entry.amount is None:
            if entry.has_details:
                return entry.details
            if self.bad_codes:
                return None
            self.error(
                entry.row,
                "jumlah",
                f"jumlah kosong untuk {entry.code}, baris terdalam yang menjadi baris pagu; yang "
                "diharapkan bilangan rupiah bulat, misalnya 8.378.000 (tulis - untuk pagu nol)",
            )
            return None
        if entry.has_details and entry.details != entry.amount:
            self.error(entry.row, "jumlah", _differs(entry.amount, entry.details, "rinciannya"))
        return entry.amount

    def problem_rows(self):
        """The rows named by errors, each with its three cells as written."""
        rows = []
        by_number = {row.number: row for row in self.sheet.rows}
        for number in sorted(self.errors_at)[:PROBLEM_ROWS]:
            found = self.errors_at[number]
            keys = {key for _error, _text, key in found}
            row = by_number.get(number)
            cells = [
                (row.text(self.header[key][0]) if row else "", key in keys)
                for key in ("kode", "uraian", "jumlah")
            ]
            rows.append(ProblemRow(number, cells, [(error, text) for error, text, _key in found]))
        return rows


def resolve(text, context):
    """The full code of a row: a dotted code as written, one level's code under ``context``
    (the code of the row above). Raises AkunError naming what was expected."""
    segment = normalise_akun(text)
    if "." in segment or "…" in segment:
        return parse_akun(text)
    path = context.path() if context else ("",) * 6
    kegiatan, kro, ro, komponen = path[:4]
    if _SEGMENT["akun"].match(segment):
        parent = dict(zip(LEVELS[:5], path[:5], strict=True))
        return AkunCode(**parent, akun=segment)
    if _SEGMENT["kegiatan"].match(segment):
        return AkunCode(kegiatan=segment)
    if _SEGMENT["kro"].match(segment):
        _require(kegiatan, segment, "KRO", "kegiatan")
        return AkunCode(kegiatan, segment)
    if _SEGMENT["three_digits"].match(segment):
        if context is not None and context.level == "kro":
            return AkunCode(kegiatan, kro, segment)
        _require(ro, segment, "komponen", "RO")
        return AkunCode(kegiatan, kro, ro, segment)
    if _SEGMENT["subkomponen"].match(segment):
        _require(ro, segment, "subkomponen", "RO")
        return AkunCode(kegiatan, kro, ro, komponen, segment)
    raise AkunError(f'Kode "{str(text).strip()[:60]}" tidak sah; {ONE_LEVEL}')


def _require(part, segment, level, parent):
    if not part:
        raise AkunError(
            f'kode {level} "{segment}" tanpa baris {parent} di atasnya; yang diharapkan baris '
            f"{parent} lebih dulu, atau jalur kode lengkap (misalnya 3358.EBC.954.051.A)"
        )


def _depth(path):
    return max((index + 1 for index, part in enumerate(path) if part), default=0)


def _differs(written, computed, what):
    gap = written - computed
    sign = "lebih" if gap > 0 else "kurang"
    return (
        f"jumlah {format_rupiah(written)} tidak sama dengan jumlah {what} "
        f"{format_rupiah(computed)} ({sign} {format_rupiah(abs(gap))}); yang diharapkan "
        "jumlah yang sama, atau sel jumlah dikosongkan"
    )
