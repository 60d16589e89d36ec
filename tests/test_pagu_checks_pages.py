"""The plan against its pagu in the database and on pages: ``check_plan``, the reasons'
write path, the submit check through the real submit view, and the budget pages."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from budgets.checks import check_before_submit, check_plan
from budgets.models import OverPaguReason, Pagu, PaguLine
from plans.models import RencanaAksi
from tests.factories import KegiatanFactory, LineFactory
from tests.queries import queries_of

M = 1_000_000
RO = "3358.EBC.954"
SUB_A = "3358.EBC.954.051.A"


@pytest.fixture
def pagu(plan):
    """Sub A of komponen 051 holds Rp 15 juta, sub B Rp 8 juta: RO 954 holds Rp 23 juta."""
    header = Pagu.objects.create(satker=plan.satker, year=plan.year)
    for kode, jumlah in [
        ("3358.EBC.954.051.A.521211", 10 * M),
        ("3358.EBC.954.051.A.524111", 5 * M),
        ("3358.EBC.954.051.B.521211", 8 * M),
    ]:
        PaguLine.objects.create(pagu=header, kode=kode, jumlah=jumlah, uraian=f"Belanja {kode}")
    return header


def add_lines(plan, *rows):
    kegiatan = KegiatanFactory(indikator__sasaran_program__sasaran_strategis__plan=plan)
    return [
        LineFactory(kegiatan=kegiatan, text=f"Baris {n}", akun=akun, biaya=biaya)
        for n, (akun, biaya) in enumerate(rows, start=1)
    ]


@pytest.fixture
def over(plan, pagu):
    """Sub A planned at Rp 18 juta against Rp 15 juta: over by Rp 3 juta."""
    add_lines(plan, (SUB_A, 12 * M), ("3358.EBC.954.A", 6 * M), ("3358.EBC.954.B", M))
    return plan


def url(name, plan):
    return reverse(name, args=[plan.pk])


def test_check_plan_finds_the_over_pagu_group_and_the_reason_it_lacks(over):
    checks = check_plan(over)
    assert [(g.code, g.pagu, g.plan, g.excess) for g in checks.missing] == [
        (SUB_A, 15 * M, 18 * M, 3 * M)
    ]
    assert [node.code for node in checks.comparison.uncovered] == []
    assert (checks.comparison.plan_total, checks.comparison.pagu_total) == (19 * M, 23 * M)


def test_without_a_pagu_the_checks_say_so_and_the_submit_passes(plan, client, planner):
    add_lines(plan, (RO, 50 * M))
    checks = check_plan(plan)
    assert not checks.has_pagu and checks.missing == []
    check_before_submit(plan)
    client.force_login(planner)
    page = client.get(url("budget_plan_summary", plan)).content.decode()
    assert "Pagu belum diisi" in page
    assert (
        "Pagu KPU Kabupaten Satu tahun 2024 belum diisi"
        in client.get(url("budget_plan", plan)).content.decode()
    )


def test_the_submit_check_names_the_group_and_its_excess_in_rupiah(over):
    with pytest.raises(ValidationError) as error:
        check_before_submit(over)
    assert f"{SUB_A} (lebih Rp 3.000.000)" in error.value.messages[0]


def test_submit_is_refused_without_a_reason_and_allowed_with_it(over, client, planner):
    client.force_login(planner)
    response = client.post(url("plan_submit", over), follow=True)
    assert "lebih Rp 3.000.000" in response.content.decode()
    over.refresh_from_db()
    assert over.status == RencanaAksi.Status.DRAFT

    reason = "Kenaikan harga ATK setelah penetapan DIPA"
    response = client.post(url("budget_plan", over), {"kode": SUB_A, "reason": reason})
    assert response.status_code == 302
    assert OverPaguReason.objects.get(plan=over, kode=SUB_A).by == planner

    client.post(url("plan_submit", over))
    over.refresh_from_db()
    assert over.status == RencanaAksi.Status.SUBMITTED


def test_the_budget_page_shows_every_check_to_the_planner_with_a_reason_form(over, client, planner):
    add_lines(over, ("6638.BBB.001", 2 * M), ("", 500_000))
    client.force_login(planner)
    page = client.get(url("budget_plan", over)).content.decode()
    assert "Melebihi pagu: 1 kelompok" in page
    assert "Melebihi Rp 3.000.000" in page
    assert 'name="reason"' in page and f'value="{SUB_A}"' in page
    assert "Baris yang kodenya tidak ada di pagu: 2" in page
    assert "Belum punya akun" in page and "6638.BBB.001" in page
    assert "Rp 21.500.000" in page  # plan total: 12 + 6 + 1 + 2 + 0,5 juta


def test_a_reader_sees_the_checks_and_reasons_without_a_form(over, client, planner, secretary):
    OverPaguReason.objects.create(plan=over, kode=SUB_A, reason="Harga naik", by=planner)
    client.force_login(secretary)
    page = client.get(url("budget_plan", over)).content.decode()
    assert "Harga naik" in page and 'name="reason"' not in page and "Hanya baca" in page
    summary = client.get(url("budget_plan_summary", over)).content.decode()
    assert "1 kelompok melebihi pagu" in summary and "semua sudah diberi alasan" in summary


@pytest.mark.parametrize(
    ("who", "status"), [("secretary", 403), ("outsider", 404), ("anonymous", 302)]
)
def test_only_the_planner_writes_reasons(over, client, who, status, request):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.post(url("budget_plan", over), {"kode": SUB_A, "reason": "x"})
    assert response.status_code == status
    assert not OverPaguReason.objects.exists()


def test_an_outsider_does_not_find_the_budget_pages(over, client, outsider):
    client.force_login(outsider)
    assert client.get(url("budget_plan", over)).status_code == 404
    assert client.get(url("budget_plan_summary", over)).status_code == 404


@pytest.mark.parametrize("status", ["submitted", "approved"])
def test_a_plan_that_is_not_editable_keeps_its_reasons(over, client, planner, status):
    OverPaguReason.objects.create(plan=over, kode=SUB_A, reason="Lama", by=planner)
    RencanaAksi.objects.filter(pk=over.pk).update(status=status)
    client.force_login(planner)
    response = client.post(url("budget_plan", over), {"kode": SUB_A, "reason": "Baru"})
    assert response.status_code == 403
    assert client.post(url("budget_plan", over), {"hapus": SUB_A}).status_code == 403
    assert OverPaguReason.objects.get(plan=over).reason == "Lama"
    assert 'name="reason"' not in client.get(url("budget_plan", over)).content.decode()


def test_a_reason_for_a_group_that_is_not_over_is_refused(over, client, planner):
    client.force_login(planner)
    response = client.post(
        url("budget_plan", over), {"kode": f"{RO}.051.B", "reason": "x"}, follow=True
    )
    assert f"{RO}.051.B tidak melebihi pagu; alasan tidak diperlukan." in response.content.decode()
    assert not OverPaguReason.objects.exists()
    response = client.post(url("budget_plan", over), {"kode": SUB_A, "reason": "  "})
    assert "Tuliskan alasan melebihi pagu." in response.content.decode()
    assert not OverPaguReason.objects.exists()


def test_a_reason_no_longer_needed_is_shown_as_such_until_the_planner_removes_it(
    over, client, planner
):
    client.force_login(planner)
    client.post(url("budget_plan", over), {"kode": SUB_A, "reason": "Harga naik"})
    over.lines.filter(akun="3358.EBC.954.A").update(biaya=1 * M)
    page = client.get(url("budget_plan", over)).content.decode()
    assert "Alasan yang tidak diperlukan lagi" in page and "Harga naik" in page
    assert "Melebihi pagu: 0 kelompok" in page
    client.post(url("budget_plan", over), {"hapus": SUB_A})
    assert not OverPaguReason.objects.exists()


def test_the_budget_page_takes_the_same_queries_for_a_small_and_a_large_plan(
    plan, pagu, client, planner, django_assert_num_queries
):
    from tests.factories import PlanFactory

    large = PlanFactory(satker=plan.satker, year=plan.year + 1)
    Pagu.objects.create(satker=plan.satker, year=large.year)
    PaguLine.objects.bulk_create(
        PaguLine(pagu=large.satker.pagu.get(year=large.year), kode=f"3358.EBC.{n:03}", jumlah=M)
        for n in range(1, 201)
    )
    add_lines(plan, (SUB_A, 18 * M))
    add_lines(large, *[(f"3358.EBC.{n % 300:03}", M + n) for n in range(1, 301)], ("", 5))
    for n in range(3):
        OverPaguReason.objects.create(
            plan=large, kode=f"3358.EBC.{n + 1:03}", reason="x", by=planner
        )
    client.force_login(planner)
    counts = [queries_of(client, url("budget_plan", p)) for p in (plan, large)]
    counts += [queries_of(client, url("budget_plan_summary", p)) for p in (plan, large)]
    assert counts[0] == counts[1] and counts[2] == counts[3], counts


def test_a_plan_over_the_pagu_total_needs_a_reason_for_the_total(plan, pagu, client, planner):
    add_lines(plan, ("6638.BBB.001", 25 * M))  # no such kegiatan in the pagu of Rp 23 juta
    with pytest.raises(ValidationError) as error:
        check_before_submit(plan)
    assert "Total (lebih Rp 2.000.000)" in error.value.messages[0]
    client.force_login(planner)
    client.post(url("budget_plan", plan), {"kode": "TOTAL", "reason": "Kegiatan baru"})
    check_before_submit(plan)


def test_the_plan_and_submit_pages_load_the_summary(over, client, planner):
    client.force_login(planner)
    summary = f'hx-get="{url("budget_plan_summary", over)}"'
    assert summary in client.get(over.get_absolute_url()).content.decode()
    assert summary in client.get(url("plan_submit", over)).content.decode()
    page = client.get(url("budget_plan_summary", over)).content.decode()
    assert "1 kelompok melebihi pagu" in page and "1 belum diberi alasan" in page
    assert f'href="{url("budget_plan", over)}"' in page
