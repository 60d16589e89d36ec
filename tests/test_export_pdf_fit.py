"""The printed matrix fits its cells: read back from the PDF with pdfplumber
(``tests.pdf_fit``), no header label, number, amount, akun code or word crosses a cell border,
hangs out of the table or is broken over two lines while its column is wide enough for it."""

from io import BytesIO

import pytest
from pypdf import PdfReader

from budgets.rupiah import format_rupiah
from plans import layouts
from plans.building import build_tree
from plans.exports import pdf as pdf_export
from plans.exports.common import cell_text
from plans.exports.pdf import render_pdf
from plans.matrix import build_matrix
from plans.models import RencanaAksi
from tests.export_samples import large_plan
from tests.pdf_fit import misfits

LONG_WORD = "Pertanggungjawabannya"


def printed_texts(plan):
    """(texts, labels): every text the matrix prints in a cell - header labels, month labels,
    column numbers, the cells and the total - and of them the header labels."""
    matrix = build_matrix(plan)
    labels = [label for label, _colspan, _rowspan in matrix.header.top] + matrix.header.months
    texts = [str(number) for number in matrix.column_numbers]
    texts += [cell_text(cell) for row in matrix.rows for cell in row.cells]
    if matrix.shows_costs:
        texts += ["JUMLAH", format_rupiah(matrix.total_biaya)]
    return texts, labels


def pages_text(content):
    return [page.extract_text() for page in PdfReader(BytesIO(content)).pages]


def misfits_of(plan):
    texts, labels = printed_texts(plan)
    content = render_pdf(plan)
    return content, [str(misfit) for misfit in misfits(content, texts, labels)]


def assert_fits(plan):
    content, found = misfits_of(plan)
    assert found == []
    return content


def b_month_plan(satker, paper, **fields):
    """A plan in the full layout with ``B n`` month labels, column numbers and the texts that
    broke before: ``1 Rancangan``, ``Swakelola``, a long akun code, a billion-Rupiah cost."""
    plan = RencanaAksi.objects.create(
        satker=satker,
        year=2030,
        title="RENCANA AKSI TAHUN 2030\nSEKRETARIS",
        columns=list(layouts.LENGKAP),
        month_style="b",
        show_column_numbers=True,
        paper=paper,
        **fields,
    )
    line = {
        "text": "Penyusunan Rancangan",
        "months": [1, 10, 11, 12],
        "biaya": 4_698_681_000,
        "akun": "3358.EBC.954.A.521211",
        "ket": "Swakelola",
    }
    indikator = {
        "text": "Jumlah Rancangan Keputusan Bidang Kepegawaian",
        "target": "1 Rancangan",
        "kegiatan": [{"text": "Pelaksanaan Keputusan", "lines": [line, line | {"ket": ""}]}],
    }
    program = {"text": "Tersedianya Pedoman Bidang Kepegawaian", "indikator": [indikator]}
    build_tree(plan, [{"number": "1.", "text": "Sasaran", "sasaran_program": [program]}])
    return plan


def test_both_demo_plans_fit_their_cells(demo):
    for plan in demo.values():
        assert_fits(plan)


@pytest.mark.parametrize("paper", ["A4", "F4"])
def test_b_month_labels_numbers_amounts_and_codes_fit_the_full_layout(satker, paper):
    plan = b_month_plan(satker, paper)
    text = " ".join(" ".join(p.split()) for p in pages_text(assert_fits(plan)))
    for expected in ["B 10", "B 11", "B 12", "21", "22", "1 Rancangan", "Swakelola"]:
        assert expected in text
    assert "3358.EBC.954.A.521211" in text
    assert "Rp 9.397.362.000" in text  # the total, beside the AKUN column


def test_a_long_plan_keeps_merged_cells_whole_across_pages(satker):
    # Before, a merged sasaran program cell cut by a page break hung below the table.
    plan = large_plan(satker, 150)
    assert len(pages_text(assert_fits(plan))) > 4


def test_a_word_longer_than_its_column_is_hyphenated_not_cut_anywhere(satker):
    plan = b_month_plan(satker, "A4")
    plan.lines.update(ket=LONG_WORD)  # KET is the narrowest text column
    content = assert_fits(plan)
    assert "\u2010" in "".join(pages_text(content))  # the hyphen WeasyPrint adds


@pytest.mark.parametrize(
    ("key", "faults"),
    [
        ("akun", ["'3358.EB|C.954.A.' is broken over two lines"]),
        ("biaya", ["'9.397.362.000' crosses a cell border", "'PERKI|RAAN' is broken"]),
    ],
)
def test_the_checker_catches_a_column_too_narrow(satker, monkeypatch, key, faults):
    plan = b_month_plan(satker, "F4")
    original = pdf_export.column_widths
    keys = [column.key for column in build_matrix(plan).columns]

    def narrow(matrix, relative, paper, size):
        widths = original(matrix, relative, paper, size)
        taken = widths[keys.index(key)] * 0.6
        widths[keys.index(key)] -= taken
        widths[keys.index("ket")] += taken
        return widths

    monkeypatch.setattr(pdf_export, "column_widths", narrow)
    _content, found = misfits_of(plan)
    for fault in faults:
        assert any(fault in misfit for misfit in found), (fault, found)


def test_the_checker_catches_month_labels_running_together(satker, monkeypatch):
    plan = b_month_plan(satker, "A4")
    monkeypatch.setattr(
        pdf_export, "column_widths", lambda matrix, relative, paper, size: list(relative)
    )
    _content, found = misfits_of(plan)
    assert any("'10B" in misfit and "crosses a cell border" in misfit for misfit in found)
