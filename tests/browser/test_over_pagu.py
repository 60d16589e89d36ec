"""Gorontalo's planner meets a pagu the plan exceeds: sees the warning on the plan page,
gives the reason on the budget page and submits; the secretary reads the checks."""

import pytest
from django.db.models import Sum
from playwright.sync_api import expect

from budgets.models import Pagu, PaguLine
from budgets.rupiah import format_rupiah
from plans.models import RencanaAksi
from tests.browser.conftest import expect_status, sign_in, signed_in, submit

pytestmark = [pytest.mark.browser, pytest.mark.slow]
GROUP = "3358.EBC.954.A"
GROUP_PAGU = 20_000_000
REASON = "Kenaikan harga ATK dan tambahan monitoring disiplin pegawai"


def pagu_with_one_short_group(plan):
    """A pagu equal to the plan for every akun the plan uses, except ``GROUP``: Rp 20 juta.
    Returns what the plan spends on ``GROUP``."""
    Pagu.objects.filter(satker=plan.satker, year=plan.year).delete()
    pagu = Pagu.objects.create(satker=plan.satker, year=plan.year, source="uji")
    spent = dict(
        plan.lines.exclude(akun="")
        .order_by()
        .values("akun")
        .annotate(total=Sum("biaya"))
        .values_list("akun", "total")
    )
    PaguLine.objects.bulk_create(
        PaguLine(pagu=pagu, kode=kode, jumlah=GROUP_PAGU if kode == GROUP else total or 0).prepare()
        for kode, total in spent.items()
    )
    return spent[GROUP]


def test_a_planner_explains_the_over_pagu_group_and_the_secretary_reads_it(demo_site, page, shot):
    plan = RencanaAksi.objects.get(satker__code="KPU-PROV-GORONTALO")
    excess = format_rupiah(pagu_with_one_short_group(plan) - GROUP_PAGU)
    url = f"{demo_site}/rencana/{plan.pk}/"
    page.set_viewport_size({"width": 1280, "height": 900})

    with signed_in(page, demo_site, "perencana.gorontalo", url):
        summary = page.locator("#budget-summary")
        expect(summary).to_contain_text("1 kelompok melebihi pagu")
        expect(summary).to_contain_text("1 belum diberi alasan")
        shot(page, "over-pagu-01-plan-page")
        page.click("#budget-summary a:has-text('Lihat pemeriksaan pagu')")
        group = page.locator(".over-group")
        expect(group).to_contain_text(GROUP)
        expect(group).to_contain_text(f"Melebihi {excess}")
        shot(page, "over-pagu-02-budget-page")
        page.fill("#alasan-1-reason", REASON)
        page.click(".over-group button:has-text('Simpan alasan')")
        expect(page.locator("#messages")).to_contain_text(f"Alasan untuk {GROUP} disimpan.")
        page.goto(url)
        expect(page.locator("#budget-summary")).to_contain_text("semua sudah diberi alasan")
        submit(page)
        expect_status(page, "Diajukan")

    sign_in(page, demo_site, "sekretaris.gorontalo")
    page.goto(url)
    expect(page.locator("#budget-summary")).to_contain_text("1 kelompok melebihi pagu")
    page.click("#budget-summary a:has-text('Lihat pemeriksaan pagu')")
    group = page.locator(".over-group")
    expect(group).to_contain_text(REASON)
    expect(group.locator("textarea")).to_have_count(0)
    shot(page, "over-pagu-03-secretary-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "over-pagu-04-secretary-390")
    page.goto(url)
    expect(page.locator("#budget-summary")).to_contain_text("semua sudah diberi alasan")
    shot(page, "over-pagu-05-plan-page-390")
