"""What the PDF and the Excel file of a quarterly report print the same way: title, columns,
one row per indicator with its sasaran merged over its indicators, the notes that say why a
capaian cannot be computed, the signatory and the verification."""

import itertools
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from types import SimpleNamespace

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from budgets.rupiah import format_rupiah
from monitoring.models import QuarterReport
from monitoring.summary import summarize
from plans.exports.common import format_tanggal, signatory
from plans.exports.measure import Needs
from plans.services import signatory_defaults

NOT_COMPUTABLE = "tidak dapat dihitung"
# An amount (``Rp 8.378.000``) never breaks, not even at its space.
UNBROKEN = {"anggaran"}
NO_VALUE = "-"
SIGNATORY_FIELDS = ["signatory_place", "signatory_title", "signatory_name", "signatory_nip"]


@dataclass(frozen=True)
class TableColumn:
    """A column of a table the report is written out as: the printed one or the offline sheet."""

    key: str
    label: str
    width: float


@dataclass(frozen=True)
class Column(TableColumn):
    """A printed column; ``width`` is relative, on the scale of ``plans.matrix.WIDTHS``."""

    centered: bool = False


COLUMNS = [
    Column("no", "NO", 5, centered=True),
    Column("sasaran", "SASARAN", 26),
    Column("indikator", "INDIKATOR", 40),
    Column("satuan", "SATUAN", 8, centered=True),
    Column("target", "TARGET TAHUNAN", 10, centered=True),
    Column("target_tw", "TARGET TW", 10, centered=True),
    Column("realisasi_tw", "REALISASI TW", 10, centered=True),
    Column("capaian_tw", "CAPAIAN TW (%)", 10, centered=True),
    Column("realisasi_kumulatif", "REALISASI KUMULATIF", 10, centered=True),
    Column("capaian_kumulatif", "CAPAIAN KUMULATIF (%)", 10, centered=True),
    Column("kegiatan", "KEGIATAN TERLAKSANA", 10, centered=True),
    Column("anggaran", "REALISASI ANGGARAN", 14),
    Column("faktor", "FAKTOR PENDUKUNG / PENGHAMBAT", 40),
    Column("tindak_lanjut", "TINDAK LANJUT", 30),
]
COLUMN = {column.key: column for column in COLUMNS}
PERCENT_KEYS = {"capaian_tw", "capaian_kumulatif"}  # numbers kept with two decimals


@dataclass
class Cell:
    """A cell that starts in its row: the ``text`` both files print, and the ``number`` a
    spreadsheet stores instead where there is one (a capaian, an amount)."""

    column: Column
    text: str
    number: Decimal | int | None = None
    rowspan: int = 1


@dataclass
class Table:
    """The whole printed report: title lines, rows of cells, notes under the table."""

    report: QuarterReport
    title_lines: list
    rows: list
    notes: list = field(default_factory=list)

    @property
    def paper(self):
        return self.report.plan.paper

    @property
    def texts(self):
        """Every text printed in a cell, header labels first."""
        return [column.label for column in COLUMNS] + [
            cell.text for row in self.rows for cell in row
        ]


def report_table(report):
    """The printed table of ``report`` (a ``QuarterReport`` with its satker and plan), read
    in the fixed queries of ``summarize``."""
    notes = {}  # note text -> its number, in order of first use
    rows = []
    summary = summarize(report)
    numbers = itertools.count(1)
    for _sasaran, group in itertools.groupby(summary, key=lambda row: row.sasaran):
        group = list(group)
        for index, row in enumerate(group):
            cells = [Cell(COLUMN["no"], str(next(numbers)))]
            if index == 0:
                text = str(row.sasaran) if row.sasaran is not None else ""
                cells.append(Cell(COLUMN["sasaran"], text, rowspan=len(group)))
            cells += _indicator_cells(row, notes)
            rows.append(cells)
    return Table(
        report,
        title_lines(report),
        rows,
        [f"({number}) {text}" for text, number in notes.items()],
    )


def column_needs(table, size):
    """(hard, word) per column in points at font ``size``, as ``plans.exports.measure``
    measures the matrix: header words and figures must not break, plain words should not."""
    position = {column.key: index for index, column in enumerate(COLUMNS)}
    needs = Needs(len(COLUMNS), size)
    for index, column in enumerate(COLUMNS):
        needs.label(index, column.label)
    for row in table.rows:
        for cell in row:
            index = position[cell.column.key]
            if cell.column.key in UNBROKEN:
                needs.unbreakable(index, cell.text, bold=False)
            else:
                needs.text(index, cell.text)
    return needs.pairs()


def _indicator_cells(row, notes):
    realisasi = row.realisasi
    narrative = [
        (label, getattr(realisasi, name, "").strip())
        for label, name in [("Pendukung", "faktor_pendukung"), ("Penghambat", "faktor_penghambat")]
    ]
    values = {
        "indikator": row.indikator.text,
        "satuan": row.satuan or NO_VALUE,
        "target": row.target or NO_VALUE,
        "target_tw": row.target_tw or NO_VALUE,
        "realisasi_tw": (realisasi.value_text if realisasi else "") or NO_VALUE,
        "capaian_tw": _capaian("capaian_tw", row.capaian_tw, realisasi, notes),
        "realisasi_kumulatif": _figure(row.realisasi_kumulatif),
        "capaian_kumulatif": _capaian("capaian_kumulatif", row.capaian_kumulatif, realisasi, notes),
        "kegiatan": Cell(
            COLUMN["kegiatan"], f"{row.done} dari {row.scheduled}" if row.scheduled else NO_VALUE
        ),
        "anggaran": Cell(COLUMN["anggaran"], format_rupiah(row.anggaran), row.anggaran),
        "faktor": "\n".join(f"{label}: {text}" for label, text in narrative if text),
        "tindak_lanjut": realisasi.tindak_lanjut.strip() if realisasi else "",
    }
    return [
        value if isinstance(value, Cell) else Cell(COLUMN[key], value)
        for key, value in values.items()
    ]


def _capaian(key, capaian, realisasi, notes):
    """``97,44``, or ``tidak dapat dihitung (n)`` with note n saying why (and the planner's
    own reason, when they gave one)."""
    if capaian.value is not None:
        return Cell(COLUMN[key], format_decimal(capaian.value), capaian.value)
    reason = capaian.reason
    if realisasi is not None and realisasi.alasan.strip():
        reason = f"{reason} Alasan: {realisasi.alasan.strip()}"
    number = notes.setdefault(reason, len(notes) + 1)
    return Cell(COLUMN[key], f"{NOT_COMPUTABLE} ({number})")


def _figure(value):
    """A realisasi figure to two decimals at most: ``1.250``, ``97,5``; ``-`` without one."""
    if value is None:
        return Cell(COLUMN["realisasi_kumulatif"], NO_VALUE)
    rounded = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = format_decimal(rounded)
    if text.endswith(",00"):
        text = text[:-3]
    elif text.endswith("0") and "," in text:
        text = text[:-1]
    return Cell(COLUMN["realisasi_kumulatif"], text, rounded)


def format_decimal(value, places=2):
    """``Decimal("1234.5")`` -> ``1.234,50``: the Indonesian thousands dot and decimal comma,
    ``places`` decimals rounded half up, whatever the server's locale."""
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{rounded:,.{places}f}".translate(str.maketrans(",.", ".,"))


def quarter_numeral(report):
    """``I``...``IV``."""
    return report.quarter_name.removeprefix("TW ")


def title_lines(report):
    """The plan's title with its lines naming the plan (``RENCANA AKSI``, the year) replaced
    by the report's own: the satker's heading stays as its office writes it."""
    heading = f"LAPORAN CAPAIAN RENCANA AKSI TRIWULAN {quarter_numeral(report)} TAHUN {report.year}"
    lines, placed = [], False
    for line in report.plan.title_lines:
        if "RENCANA AKSI" in line.upper() or str(report.year) in line:
            if not placed:
                lines.append(heading)
                placed = True
            continue
        lines.append(line.strip())
    if not placed:
        lines.insert(0, heading)
    if len(lines) == 1:
        lines.append(report.satker.name.upper())
    return lines


def is_draft(report):
    """Anything not verified prints with a DRAF mark."""
    return report.status != QuarterReport.Status.VERIFIED


def signatory_block(report):
    """The signatory block (``plans.exports.common.signatory``): as fixed at verification,
    dated that day; before it, the plan's or the satker's signatory, undated."""
    defaults = signatory_defaults(report.satker, report.plan)
    verified = not is_draft(report)
    fields = {
        name: getattr(report, name) if verified else defaults[name] for name in SIGNATORY_FIELDS
    }
    date = timezone.localdate(report.verified_at) if verified and report.verified_at else None
    return signatory(
        SimpleNamespace(
            **fields,
            signatory_acknowledge=defaults["signatory_acknowledge"],
            signatory_date=date,
        )
    )


def verification_url(report, site_url=None):
    """The public page that confirms a printed report, on ``site_url`` (``SITE_URL`` unless
    a view says otherwise); empty without a code."""
    if not report.verification_code:
        return ""
    site = site_url or settings.SITE_URL
    return site.rstrip("/") + reverse("report_verification", args=[report.verification_code])


def verification(report, site_url=None):
    """What a verified report says about itself in its footer, in the shape of
    ``plans.exports.common.approval`` (so the matrix's footer and Excel note print it);
    ``None`` before verification."""
    if is_draft(report):
        return None
    date = timezone.localdate(report.verified_at) if report.verified_at else None
    return {
        "version": f"Laporan {report.quarter_name} {report.year}",
        "verb": "Diverifikasi",
        "date": format_tanggal(date) if date else "",
        "code": report.verification_code,
        "url": verification_url(report, site_url),
        "superseded": False,
    }


def report_filename(report, extension):
    """``laporan-capaian-kpu-provinsi-gorontalo-2023-tw-1.pdf``."""
    stem = slugify(f"laporan capaian {report.satker.name} {report.year} tw {report.tw}")
    return f"{stem}.{extension}"
