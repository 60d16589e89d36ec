"""A planner reads the RPD of the Tomohon demo plan (fixed amounts per month on two lines)
in the browser and downloads its Excel file: both show what ``rpd --json`` prints. Another
fixes a line's amounts per month in the cost editor."""

import json
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from playwright.sync_api import expect

from plans.models import RencanaAksi, RencanaKegiatan
from tests.browser.conftest import ARTIFACTS, sign_in

pytestmark = [pytest.mark.slow, pytest.mark.browser]
KEYS = ["51", "52", "53", "57", "belum_diketahui", "total"]


def rpd_json(satker, year):
    out = StringIO()
    call_command("rpd", "--satker", satker, "--year", str(year), "--json", stdout=out)
    return json.loads(out.getvalue())


def amount(text):
    text = (text or "").strip()
    return 0 if text in ("", "-") else int(text.replace(".", ""))


def test_rpd_page_and_excel_match_the_command(demo_site, page):
    expected = rpd_json("KPU-KOTA-TOMOHON", 2023)
    assert expected["total"] == 351_000_000  # the demo's costs, two lines by fixed amounts
    plan = RencanaAksi.objects.get(satker__code="KPU-KOTA-TOMOHON", year=2023)

    sign_in(page, demo_site, "perencana.tomohon")
    page.goto(f"{demo_site}/anggaran/rencana/{plan.pk}/rpd/")
    table = page.locator("table#rpd")
    shown = {}
    for row in table.locator("tbody tr").all():
        cells = [amount(text) for text in row.locator("td").all_inner_texts()]
        shown[row.get_attribute("data-row")] = dict(zip(KEYS, cells[:6], strict=True))
    assert {month: shown[month] for month in map(str, range(1, 13))} == expected["bulan"]
    assert shown["unscheduled"]["total"] == expected["tanpa_jadwal"]
    assert shown["total"]["total"] == expected["total"]

    ARTIFACTS.mkdir(exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(ARTIFACTS / f"rpd-{width}.png"), full_page=True)

    with page.expect_download() as download:
        page.click("a:has-text('Unduh Excel')")
    assert download.value.suggested_filename == "rpd-kpu-kota-tomohon-2023-v1.xlsx"
    sheet = load_workbook(BytesIO(Path(download.value.path()).read_bytes())).active
    months = {}
    for row in sheet.iter_rows(min_row=6, max_row=19, values_only=True):
        months[row[0]] = dict(zip(KEYS, row[1:7], strict=True))
    assert [months[name] for name in list(months)[:12]] == [
        expected["bulan"][str(month)] for month in range(1, 13)
    ]
    assert months["Tanpa jadwal"]["total"] == expected["tanpa_jadwal"]
    assert months["JUMLAH"]["total"] == expected["total"]


def test_planner_fixes_amounts_per_month_in_the_cost_editor(demo_site, page):
    line = RencanaKegiatan.objects.get(text="ATK Administrasi Kepegawaian")  # 12 × 698.166…
    sign_in(page, demo_site, "perencana.gorontalo")
    page.goto(f"{demo_site}{line.plan.get_absolute_url()}")
    page.locator(f"#baris-{line.pk} a.ed", has_text="ATK Administrasi Kepegawaian").click()
    expect(page.locator("#editor-title")).to_have_text("Ubah Rencana kegiatan")
    page.click("#editor summary:has-text('Rincian biaya per bulan')")
    page.fill("#id_month_amounts_0", "8.000.000")
    page.fill("[name=month_amounts_12]", "300.000")
    page.click("#editor button:has-text('Simpan')")
    expect(page.locator("#editor .field-error")).to_contain_text("selisih Rp 78.000")
    ARTIFACTS.mkdir(exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.locator("#editor summary").scroll_into_view_if_needed()
        page.locator("#editor").screenshot(path=str(ARTIFACTS / f"rpd-editor-{width}.png"))
    page.fill("[name=month_amounts_12]", "378.000")
    page.click("#editor button:has-text('Simpan')")
    expect(page.locator("#messages")).to_contain_text("disimpan")
    line.refresh_from_db()
    assert line.month_amounts == {"1": 8_000_000, "12": 378_000}

    page.goto(f"{demo_site}/anggaran/rencana/{line.plan_id}/rpd/")
    expected = rpd_json("KPU-PROV-GORONTALO", 2023)
    january = page.locator("tr[data-row='1'] td").all_inner_texts()
    assert amount(january[5]) == expected["bulan"]["1"]["total"]
    expect(page.locator("main")).to_contain_text("1 dengan rincian per bulan")
