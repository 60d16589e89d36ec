"""First use without help, in Chromium at 1440, 1280 and 390 px: the planner adds through
the visible buttons and sees the totals agree, the submit check names what is missing, the
secretary finds the plan waiting, and no page scrolls sideways on a phone."""

import pytest
from playwright.sync_api import expect

from plans.models import RencanaAksi
from tests.browser.conftest import sign_in, submit

pytestmark = [pytest.mark.browser, pytest.mark.slow]
WIDTHS = [(1440, 900), (1280, 800), (390, 844)]


def no_sideways_scroll(page):
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


def test_the_planner_adds_through_visible_buttons_and_every_total_agrees(page, demo_site, shot):
    plan = RencanaAksi.objects.get(satker__code="KPU-PROV-GORONTALO")
    sign_in(page, demo_site, "perencana.gorontalo")
    page.goto(f"{demo_site}{plan.get_absolute_url()}")

    page.click("a.add-root")  # + Sasaran strategis, below the matrix
    page.fill("#id_number", "9.")
    page.fill("#id_text", "Sasaran uji tanpa kegiatan")
    page.click("#editor button:has-text('Simpan')")
    expect(page.locator("#matrix")).to_contain_text("Sasaran uji tanpa kegiatan")

    first_kegiatan = page.locator("#matrix a.add", has_text="+ Rencana kegiatan").first
    first_kegiatan.click()
    expect(page.locator("#editor dl.context")).to_contain_text("Kegiatan")
    page.fill("#id_text", "Rapat koordinasi uji")
    page.fill("#id_biaya", "1.500.000")
    page.check("#id_b3")
    page.click("#editor button:has-text('Simpan')")
    expect(page.locator("#matrix tr.saved")).to_contain_text("Rapat koordinasi uji")
    expect(page.locator("#head-total")).to_have_text("Rp 10.062.318.000")
    expect(page.locator("#plan-total")).to_have_text("Rp 10.062.318.000")
    shot(page, "first-use-plan-saved")

    submit_link = page.locator("a:has-text('Ajukan ke sekretaris')")
    submit_link.click()
    expect(page.locator(".gaps")).to_contain_text("Sasaran 9 belum punya kegiatan.")
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        shot(page, f"first-use-submit-check-{width}")
        no_sideways_scroll(page)
    page.set_viewport_size({"width": 1440, "height": 900})
    page.click("main form button.primary")
    expect(page.locator(".meta .status")).to_have_text("Diajukan")


def test_pages_fit_a_phone_and_the_panel_opens_as_a_drawer(page, demo_site, shot):
    plan = RencanaAksi.objects.get(satker__code="KPU-PROV-GORONTALO")
    sign_in(page, demo_site, "perencana.gorontalo")
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        for name, url in [("home", "/"), ("plan", plan.get_absolute_url())]:
            page.goto(f"{demo_site}{url}")
            no_sideways_scroll(page)
            shot(page, f"first-use-{name}-{width}")
        page.locator("#matrix a.ed").nth(2).click()
        expect(page.locator("#editor .panel")).to_be_visible()
        no_sideways_scroll(page)
        shot(page, f"first-use-panel-{width}")
        page.locator("#editor a[data-close]").first.click()
        expect(page.locator("#editor")).to_be_empty()


def test_the_secretary_finds_the_submitted_plan_waiting_with_its_gaps(page, demo_site, shot):
    plan = RencanaAksi.objects.get(satker__code="KPU-PROV-GORONTALO")
    sign_in(page, demo_site, "perencana.gorontalo")
    page.goto(f"{demo_site}{plan.get_absolute_url()}")
    submit(page)
    page.click("button:has-text('Keluar')")
    sign_in(page, demo_site, "sekretaris.gorontalo")
    waiting = page.locator(".waiting")
    expect(waiting).to_contain_text("Menunggu persetujuan Anda")
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        no_sideways_scroll(page)
        shot(page, f"first-use-secretary-home-{width}")
    page.set_viewport_size({"width": 1440, "height": 900})
    waiting.locator("a").first.click()
    expect(page.locator(".gaps")).to_be_visible()
