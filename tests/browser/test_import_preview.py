"""An admin imports legacy workbooks: the compact Tomohon file in its own columns, the
Gorontalo file over the existing draft through the preview's replace button, and a bad file
whose rows are highlighted with their messages - at desktop and phone widths."""

import io
import json

import pytest
from django.conf import settings
from playwright.sync_api import expect

from plans.models import RencanaAksi
from tests.browser.conftest import sign_in
from tests.matrix_workbooks import write_matrix
from tests.samples import SAMPLES

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TOMOHON = SAMPLES / "rencana-aksi-kpu-kota-tomohon-2023.xlsx"
GORONTALO = SAMPLES / "rencana-aksi-kpu-provinsi-gorontalo-2023.xlsx"


def upload(page, site, path, year=""):
    page.goto(f"{site}/impor/")
    page.set_input_files("#id_file", str(path))
    page.fill("#id_year", year)
    page.click("button:has-text('Periksa berkas')")
    expect(page.locator("h1")).to_contain_text("Pratinjau impor")


def shots_at_widths(page, shot, name, widths=(1440, 1280, 390)):
    """Screenshots of the preview table at each width; the page never scrolls sideways."""
    for width in widths:
        page.set_viewport_size({"width": width, "height": 900})
        page.evaluate("window.scrollTo(0, 0)")
        shot(page, f"import-{name}-{width}-top")
        page.locator(".import-table-wrap").first.evaluate("box => box.scrollIntoView()")
        shot(page, f"import-{name}-{width}-table")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.set_viewport_size({"width": 1440, "height": 900})


def bad_file(tmp_path):
    tree = json.loads(
        (settings.BASE_DIR / "fixtures" / "demo" / "gorontalo-2023.json").read_text("utf-8")
    )["sasaran_strategis"]
    book = write_matrix(tree)
    book["Renaksi"]["V8"] = "3358.EB.954"  # a KRO of two letters
    path = tmp_path / "rusak.xlsx"
    stream = io.BytesIO()
    book.save(stream)
    path.write_bytes(stream.getvalue())
    return path


def test_admin_previews_each_layout_replaces_a_draft_and_sees_bad_rows(
    demo_site, page, shot, tmp_path
):
    sign_in(page, demo_site, "admin")
    page.goto(f"{demo_site}/impor/")
    expect(page.locator("form.import-form .field")).to_have_count(3)
    shot(page, "import-upload")

    # Tomohon for 2024: the compact layout, its own labels, no costs.
    upload(page, demo_site, TOMOHON, year="2024")
    preview = page.locator("table.import-preview")
    expect(preview.locator("thead th").first).to_have_text("No")
    expect(preview.locator("thead tr").first.locator("th")).to_have_text(
        [
            "No",
            "Program",
            "Sasaran Strategis",
            "Indikator kinerja",
            "Kegiatan",
            "Rencana Pelaksanaan",
        ]
    )
    expect(page.locator("main")).not_to_contain_text("Rp 0")
    expect(page.locator("main")).not_to_contain_text("Tidak")
    shots_at_widths(page, shot, "tomohon", widths=(1440,))
    page.click("button:has-text('Impor sekarang')")
    expect(page.locator(".messages")).to_contain_text("diimpor")
    assert RencanaAksi.objects.filter(satker__code="KPU-KOTA-TOMOHON", year=2024).exists()

    # Gorontalo 2023 exists as a draft: the preview asks, the button replaces.
    draft = RencanaAksi.objects.get(satker__code="KPU-PROV-GORONTALO", year=2023)
    RencanaAksi.objects.filter(pk=draft.pk).update(title="Draf lama")
    upload(page, demo_site, GORONTALO)
    expect(page.locator(".replace-notice")).to_contain_text("sudah ada dengan status Draf")
    expect(page.locator("main")).not_to_contain_text("--replace")
    expect(page.locator("table.import-preview td").nth(4)).to_have_text("97,5%")
    shots_at_widths(page, shot, "gorontalo")
    page.click("button:has-text('Ganti rencana draf yang ada')")
    expect(page.locator(".messages")).to_contain_text("diganti")
    draft.refresh_from_db()
    assert draft.title.startswith("RENCANA AKSI TAHUN 2023") and draft.lines.count() == 45

    # A bad cell: its row is highlighted, the message under it.
    upload(page, demo_site, bad_file(tmp_path), year="2025")
    bad_row = page.locator("table.import-problems tr.row-error")
    expect(bad_row).to_have_count(1)
    expect(bad_row.locator("th")).to_have_text("8")
    expect(bad_row.locator("td.cell-error")).to_have_text("3358.EB.954")
    expect(page.locator("tr.row-error-messages")).to_contain_text("kolom AKUN (V): Kode akun")
    expect(page.locator("button.primary")).to_have_count(0)
    shots_at_widths(page, shot, "bad-row", widths=(1440, 390))
