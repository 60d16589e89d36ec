"""The RPD page of a plan and its PDF and Excel downloads: who may see them, that they show
the figures of ``budgets.rpd``, print in the house style, never start a formula and read
the plan in a fixed number of queries."""

import re
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from budgets.exports.xlsx import build_rpd_workbook
from budgets.rpd import rpd_table
from plans.building import build_tree
from tests.factories import LineFactory, PlanFactory, large_tree
from tests.queries import queries_of
from tests.rpd_fixtures import barang_over_three_months

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NAMES = ["rpd_plan", "rpd_plan_pdf", "rpd_plan_xlsx"]
COLUMN_KEYS = ["51", "52", "53", "57", "belum_diketahui", "total"]


@pytest.fixture
def costed(plan):
    """Two lines of the plan: an even spread of barang and fixed amounts of modal."""
    kegiatan = barang_over_three_months(plan)
    LineFactory(
        kegiatan=kegiatan,
        biaya=90_000_000,
        akun="3358.EBC.954.051.A.532111",
        b3=True,
        month_amounts={"1": 10_000_000, "3": 80_000_000},
    )
    return plan


def page_figures(html):
    """``{"1": {"51": n, ...}, ..., "tanpa_jadwal": {...}, "total": {...}}`` read back from
    the page's table: each row's amounts as printed (``-`` is 0)."""
    figures = {}
    rows = re.findall(r'<tr class="rpd-\w+" data-row="(\w+)">(.*?)</tr>', html, re.S)
    for key, cells in rows:
        texts = re.findall(r'<td class="num">([^<]*)</td>', cells)
        amounts = [int(text.replace(".", "")) if text not in ("-", "") else 0 for text in texts]
        figures[key] = dict(zip([*COLUMN_KEYS, "kumulatif"], amounts, strict=True))
    return figures


def test_it_works(client, planner, costed):
    client.force_login(planner)
    response = client.get(reverse("rpd_plan", args=[costed.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Rencana Penarikan Dana (Halaman III DIPA)" in html
    assert "dibagi rata ke bulan terjadwalnya" in html
    assert reverse("rpd_plan_pdf", args=[costed.pk]) in html
    assert reverse("rpd_plan_xlsx", args=[costed.pk]) in html
    figures = page_figures(html)
    data = rpd_table(costed).as_json()
    for month in range(1, 13):
        row = figures[str(month)]
        assert {key: row[key] for key in COLUMN_KEYS} == data["bulan"][str(month)]
    assert figures["2"]["52"] == 333_333 and figures["9"]["52"] == 333_334
    assert figures["3"] == {
        **dict.fromkeys(COLUMN_KEYS, 0),
        "53": 80_000_000,
        "total": 80_000_000,
        "kumulatif": 90_333_333,
    }
    assert figures["total"]["total"] == data["total"] == 91_000_000
    assert figures["unscheduled"]["total"] == data["tanpa_jadwal"] == 0


def test_the_secretary_reads_it_too(client, secretary, costed):
    client.force_login(secretary)
    for name in NAMES:
        assert client.get(reverse(name, args=[costed.pk])).status_code == 200


@pytest.mark.parametrize("name", NAMES)
def test_it_checks_ownership(client, outsider, costed, name):
    client.force_login(outsider)
    assert client.get(reverse(name, args=[costed.pk])).status_code == 404


@pytest.mark.parametrize("name", NAMES)
def test_it_requires_login(client, costed, name):
    assert client.get(reverse(name, args=[costed.pk])).status_code == 302


def test_a_plan_without_costs_says_nothing_is_drawn(client, planner, plan):
    client.force_login(planner)
    html = client.get(reverse("rpd_plan", args=[plan.pk])).content.decode()
    assert "belum punya baris dengan biaya" in html


def test_it_warns_of_amounts_that_no_longer_fit(client, planner, costed):
    line = costed.lines.get(biaya=90_000_000)
    line.b3 = False  # saved past the editor, which refuses it
    line.save()
    client.force_login(planner)
    html = client.get(reverse("rpd_plan", args=[costed.pk])).content.decode()
    assert "1 baris punya rincian per bulan yang tidak lagi cocok" in html


def test_the_pdf_prints_title_figures_and_signatory_with_local_files_only(
    client, planner, costed, fetched
):
    costed.signatory_name = "Nama Penanda Tangan"
    costed.save()
    client.force_login(planner)
    response = client.get(reverse("rpd_plan_pdf", args=[costed.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="rpd-kpu-kabupaten-satu-2024-v1.pdf"'
    )
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert "RENCANA PENARIKAN DANA (HALAMAN III DIPA)" in text
    assert "KPU KABUPATEN SATU" in text and "TAHUN ANGGARAN 2024" in text
    assert "80.000.000" in text and "333.334" in text and "91.000.000" in text
    assert "Nama Penanda Tangan" in text and "DRAF" in text
    assert fetched and all(url.startswith(("file://", "data:")) for url in fetched)


def test_the_workbook_holds_the_figures_as_numbers(client, planner, costed):
    client.force_login(planner)
    response = client.get(reverse("rpd_plan_xlsx", args=[costed.pk]))
    assert response["Content-Type"] == XLSX
    sheet = load_workbook(BytesIO(response.content)).active
    assert [sheet.cell(row, 1).value for row in (1, 2, 3)] == [
        "RENCANA PENARIKAN DANA (HALAMAN III DIPA)",
        "KPU KABUPATEN SATU",
        "TAHUN ANGGARAN 2024",
    ]
    header = 5
    assert sheet.cell(header, 2).value == "Belanja Pegawai (51)"
    march = [sheet.cell(header + 3, col).value for col in range(1, 9)]
    assert march == ["Maret", 0, 0, 80_000_000, 0, 0, 80_000_000, 90_333_333]
    total = [sheet.cell(header + 14, col).value for col in range(1, 8)]
    assert total == ["JUMLAH", 0, 1_000_000, 90_000_000, 0, 0, 91_000_000]


def test_no_cell_starts_a_formula(plan, costed):
    plan.satker.name = '=HYPERLINK("http://example.com","klik")'
    plan.signatory_name = "=1+1"
    sheet = build_rpd_workbook(plan).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert all(cell.data_type != "f" for cell in cells)
    assert sheet["A2"].value == '=HYPERLINK("HTTP://EXAMPLE.COM","KLIK")'


@pytest.fixture
def large(satker):
    plan = PlanFactory(satker=satker, year=2025)
    build_tree(plan, large_tree(400))
    return plan


@pytest.mark.parametrize("name", NAMES)
def test_page_and_downloads_take_the_same_queries_whatever_the_size(
    client, planner, costed, large, name
):
    client.force_login(planner)
    small = queries_of(client, reverse(name, args=[costed.pk]))
    assert queries_of(client, reverse(name, args=[large.pk])) == small
