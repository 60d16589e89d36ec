"""The quarter page: opening a quarter from the plan, what each indicator shows, saving each
piece over htmx (and without it) under optimistic locking, and a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from monitoring import execution, services
from monitoring.models import (
    CapaianBand,
    IndicatorMethod,
    InputWindow,
    LineExecution,
    QuarterReport,
    Realisasi,
)
from monitoring.summary import summarize
from monitoring.views.reports import pieces
from monitoring.views.reports.page import default_quarter
from plans.building import build_tree
from plans.models import RencanaAksi
from tests.factories import PlanFactory, RoleFactory, SatkerFactory, large_tree
from tests.monitoring_fixtures import (
    gorontalo_reader,
    open_for_input,
    user,
)
from tests.queries import queries_of
from tests.test_csp import assert_strict_policy, inline_code

HX = {"HTTP_HX_REQUEST": "true"}


def login(client, name):
    client.force_login(user(name))
    return client


@pytest.fixture
def report(approved):
    """TW I of the approved Gorontalo plan, its window (long closed in 2023) extended."""
    return open_for_input(approved)


@pytest.fixture
def reader(demo):
    return gorontalo_reader(demo)


def page_of(report):
    return reverse("report_detail", args=[report.pk])


def realisasi_url(report, indikator):
    return reverse("report_realisasi", args=[report.pk, indikator.pk])


def indikator(report, target="97,5%"):
    return report.plan.indikator.get(target=target)


# --- opening a quarter ---------------------------------------------------------------------


def test_the_plan_page_links_an_approved_plan_to_its_quarters(approved, demo, client):
    login(client, "perencana.gorontalo")
    page = client.get(approved.get_absolute_url()).content.decode()
    assert f'href="{reverse("report_open", args=[approved.pk])}"' in page
    assert "Pemantauan triwulan" in page
    login(client, "perencana.tomohon")
    draft = demo["KPU-KOTA-TOMOHON"]
    assert "Pemantauan triwulan" not in client.get(draft.get_absolute_url()).content.decode()


def test_a_quarter_opens_on_the_approved_plan_and_redirects_to_its_report(approved, client):
    login(client, "perencana.gorontalo")
    response = client.get(reverse("report_open", args=[approved.pk]) + "?tw=3")
    report = QuarterReport.objects.get(satker=approved.satker, year=2023, tw=3)
    assert response["Location"] == page_of(report)
    assert report.plan_id == approved.pk
    again = client.get(reverse("report_open", args=[approved.pk]) + "?tw=3")
    assert again["Location"] == page_of(report)
    assert QuarterReport.objects.count() == 1


@pytest.mark.parametrize("tw", ["9", "0", "²", "1.5", "-1", "x"])
def test_a_bad_quarter_number_opens_the_default_quarter(approved, client, tw):
    login(client, "perencana.gorontalo")
    response = client.get(reverse("report_open", args=[approved.pk]), {"tw": tw})
    assert response.status_code == 302
    assert QuarterReport.objects.get().tw == 1


def test_a_plan_not_approved_yet_has_no_quarter_to_open(demo, client):
    draft = demo["KPU-PROV-GORONTALO"]
    login(client, "perencana.gorontalo")
    response = client.get(reverse("report_open", args=[draft.pk]), follow=True)
    assert response.redirect_chain[-1][0] == draft.get_absolute_url()
    assert "belum disetujui" in response.content.decode()
    assert not QuarterReport.objects.exists()


def test_the_default_quarter_is_the_first_begun_one_not_verified(approved):
    plan, may = approved, datetime.date(2023, 5, 20)
    assert default_quarter(plan, today=may) == 1
    first = services.open_report(plan.satker, 2023, 1)
    QuarterReport.objects.filter(pk=first.pk).update(status=QuarterReport.Status.VERIFIED)
    assert default_quarter(plan, today=may) == 2
    assert default_quarter(plan, today=datetime.date(2023, 2, 1)) == 1  # only TW I begun
    assert default_quarter(plan, today=datetime.date(2025, 1, 1)) == 2  # a past year
    assert default_quarter(plan, today=datetime.date(2022, 12, 1)) == 1  # before the year


# --- what the page shows -------------------------------------------------------------------


def test_the_page_shows_every_indicator_in_plan_order_with_targets_and_deadline(report, client):
    login(client, "perencana.gorontalo")
    response = client.get(page_of(report))
    page = response.content.decode()
    order = [row.indikator.pk for row in summarize(report)]
    positions = [page.index(f'id="ik-{pk}"') for pk in order]
    assert positions == sorted(positions) and len(order) == report.plan.indikator.count()
    assert "Pemantauan TW I 2023" in page
    for tw in range(1, 5):
        assert f"{reverse('report_open', args=[report.plan_id])}?tw={tw}" in page
    closes = timezone.localdate() + datetime.timedelta(days=5)
    assert "Batas pengisian" in page and "5 hari lagi" in page
    assert f"{closes.day} " in page
    assert "Ajukan ke sekretaris" in page
    assert_strict_policy(response)
    assert inline_code(page) == {}


def test_capaian_is_coloured_by_the_admins_band(report, client):
    ik = indikator(report)
    services.save_realisasi(report, ik, {"value_text": "95"}, user("perencana.gorontalo"))
    good = CapaianBand.objects.get(label="Baik")
    login(client, "perencana.gorontalo")
    page = client.get(page_of(report)).content.decode()
    assert f'class="capaian band-{good.pk}"><strong>97,44%</strong>' in page
    css = client.get(reverse("capaian_bands_css"))
    assert css["Content-Type"].startswith("text/css")
    assert f".band-{good.pk} {{ background: #93c47d;" in css.content.decode()
    before = page.split("pita-capaian.css?v=")[1][:10]
    good.color = "#00aa00"
    good.save()
    after = client.get(page_of(report)).content.decode().split("pita-capaian.css?v=")[1][:10]
    assert before != after  # a changed band is fetched afresh


def test_the_page_reads_without_any_band(report, client):
    CapaianBand.objects.all().delete()
    login(client, "perencana.gorontalo")
    assert client.get(page_of(report)).status_code == 200


def test_the_band_stylesheet_leaves_out_a_colour_that_is_not_a_colour_code(db, client):
    CapaianBand.objects.create(lower=300, label="Aneh", color="red;}")
    login(client, RoleFactory().user.username)
    css = client.get(reverse("capaian_bands_css")).content.decode()
    assert "red;}" not in css and css.count(".band-") == CapaianBand.objects.count() - 1


def test_a_capaian_that_cannot_be_computed_says_why(report, client):
    words = report.plan.indikator.get(target__startswith="Provinsi dan 6 Satker")
    services.save_realisasi(report, words, {"value_text": "7"}, user("perencana.gorontalo"))
    login(client, "perencana.gorontalo")
    page = client.get(page_of(report)).content.decode()
    assert "Target bukan angka: capaian tidak dapat dihitung." in page
    assert "Tuliskan alasannya sebelum laporan diajukan." in page


# --- saving a piece ------------------------------------------------------------------------


def test_planner_saves_a_realisasi_over_htmx_and_gets_the_piece_and_the_figures(report, client):
    ik = indikator(report)
    login(client, "perencana.gorontalo")
    data = {"value_text": " 95 ", "faktor_pendukung": "SIMPEG daring", "lock_version": "0"}
    response = client.post(realisasi_url(report, ik), data, **HX)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.startswith(f'<form id="realisasi-{ik.pk}"')
    assert f'<div id="figures-{ik.pk}" class="ik-figures saved" hx-swap-oob="true">' in page
    assert "97,44%" in page and "Tersimpan" in page
    assert '<ul id="messages" class="messages" hx-swap-oob="true"' in page
    realisasi = Realisasi.objects.get(report=report, indikator=ik)
    assert (realisasi.value_text, realisasi.value, realisasi.faktor_pendukung) == (
        "95",
        95,
        "SIMPEG daring",
    )


def test_without_htmx_a_save_returns_to_the_indicator(report, client):
    ik = indikator(report)
    login(client, "perencana.gorontalo")
    response = client.post(realisasi_url(report, ik), {"value_text": "95", "lock_version": "0"})
    assert response["Location"] == f"{page_of(report)}#ik-{ik.pk}"


def test_a_realisasi_that_is_no_number_is_refused_next_to_the_field(report, client):
    ik = indikator(report)
    login(client, "perencana.gorontalo")
    response = client.post(realisasi_url(report, ik), {"value_text": "hampir semua"}, **HX)
    page = response.content.decode()
    assert "&quot;hampir semua&quot; bukan angka; tulis angkanya saja" in page
    assert '<div class="field invalid">' in page
    assert not Realisasi.objects.exists()
    response = client.post(realisasi_url(report, ik), {"value_text": "95 Dokumen"})
    assert response.status_code == 200
    assert "boleh diikuti satuan &quot;%&quot;" in response.content.decode()
    client.post(realisasi_url(report, ik), {"value_text": "95%", "lock_version": "0"})
    assert Realisasi.objects.get().value == 95


def test_a_stale_realisasi_is_refused_with_the_newer_value_next_to_the_field(report, client):
    ik = indikator(report)
    planner = user("perencana.gorontalo")
    first = services.save_realisasi(report, ik, {"value_text": "90"}, planner)
    services.save_realisasi(report, ik, {"value_text": "91"}, planner, first.lock_version)
    login(client, "perencana.gorontalo")
    data = {"value_text": "95", "lock_version": str(first.lock_version)}
    page = client.post(realisasi_url(report, ik), data, **HX).content.decode()
    assert "Sudah diubah orang lain menjadi: 91. Simpan lagi untuk menimpanya." in page
    assert Realisasi.objects.get().value_text == "91"
    # the form now carries the newer version: saving again overwrites
    fresh = page.split('name="lock_version" value="')[1].split('"')[0]
    client.post(realisasi_url(report, ik), {"value_text": "95", "lock_version": fresh}, **HX)
    assert Realisasi.objects.get().value_text == "95"


def test_two_first_saves_of_the_same_row_do_not_overwrite_each_other(report, client):
    ik = indikator(report)
    services.save_realisasi(report, ik, {"value_text": "90"}, user("perencana.gorontalo"))
    login(client, "perencana.gorontalo")
    page = client.post(
        realisasi_url(report, ik), {"value_text": "95", "lock_version": "0"}, **HX
    ).content.decode()
    assert "Sudah diubah orang lain menjadi: 90" in page


def test_an_indicator_of_another_plan_is_not_found(report, demo, client):
    other = demo["KPU-KOTA-TOMOHON"].indikator.first()
    login(client, "perencana.gorontalo")
    assert client.post(realisasi_url(report, other), {"value_text": "1"}).status_code == 404


def execution_url(report, line):
    return reverse("report_execution", args=[report.pk, line.pk])


def test_a_lines_execution_is_saved_per_month_and_counted_in_the_figures(report, client):
    line = report.plan.lines.get(text="ATK Administrasi Kepegawaian")  # every month
    ik = line.kegiatan.indikator
    login(client, "perencana.gorontalo")
    page = client.get(page_of(report)).content.decode()
    loaded = page.split(f'id="id_baris{line.pk}_loaded"')[0].rsplit('value="', 1)[1][:16]
    data = {
        "loaded": loaded,
        "status_1": "terlaksana",
        "anggaran_1": "Rp 2.000.000",
        "note_1": "ATK dibeli",
        "status_2": "sebagian",
        "anggaran_2": "698.000",
        "status_3": "",
    }
    response = client.post(execution_url(report, line), data, **HX)
    page = response.content.decode()
    assert page.startswith(f'<form id="line-{line.pk}"')
    assert "1 dari 3" in page and "Rp 2.698.000" in page
    saved = {e.month: (e.status, e.anggaran, e.note) for e in LineExecution.objects.all()}
    assert saved == {1: ("terlaksana", 2_000_000, "ATK dibeli"), 2: ("sebagian", 698_000, "")}
    assert f'id="figures-{ik.pk}"' in page


def test_a_bad_amount_is_refused_next_to_its_month(report, client):
    line = report.plan.lines.get(text="ATK Administrasi Kepegawaian")
    login(client, "perencana.gorontalo")
    data = {"status_1": "terlaksana", "anggaran_1": "dua juta"}
    page = client.post(execution_url(report, line), data, **HX).content.decode()
    assert '<div class="field invalid">' in page and "rupiah" in page.lower()
    assert not LineExecution.objects.exists()


def test_a_stale_execution_is_refused_with_the_newer_value(report, client):
    line = report.plan.lines.get(text="ATK Administrasi Kepegawaian")
    planner = user("perencana.gorontalo")
    before = execution.quarter_line(report, line).fingerprint
    execution.save_execution(report, line, {1: {"status": "tidak"}}, planner)
    login(client, "perencana.gorontalo")
    data = {"loaded": before, "status_1": "terlaksana"}
    page = client.post(execution_url(report, line), data, **HX).content.decode()
    assert "Sudah diubah orang lain menjadi: Tidak terlaksana" in page
    assert LineExecution.objects.get().status == "tidak"


def test_a_line_not_scheduled_in_the_quarter_is_not_found(report, client):
    line = report.plan.lines.get(text="Bimtek Kepegawaian")  # May only
    login(client, "perencana.gorontalo")
    assert client.post(execution_url(report, line), {"status_5": "terlaksana"}).status_code == 404


def test_the_method_is_kept_by_indicator_uid_and_changes_the_capaian(report, client):
    ik = report.plan.indikator.get(text="Persentase Penegakan Disiplin Pegawai")  # 90%
    planner = user("perencana.gorontalo")
    services.save_realisasi(report, ik, {"value_text": "85"}, planner)
    login(client, "perencana.gorontalo")
    url = reverse("report_method", args=[report.pk, ik.pk])
    data = {"arah": "turun", "rumus": "selisih", "metode": "jumlah"}
    page = client.post(url, data, **HX).content.decode()
    assert page.startswith(f'<details id="method-{ik.pk}" class="ik-method" open>')
    assert "105,56%" in page  # (180 - 85) / 90
    assert IndicatorMethod.objects.get(uid=ik.uid).arah == "turun"
    page = client.post(url, {**data, "arah": "miring"}, **HX).content.decode()
    assert '<div class="field invalid">' in page


def test_the_secretary_writes_tanggapan_only_while_the_report_is_submitted(report, client):
    ik = indikator(report)
    url = reverse("report_tanggapan", args=[report.pk, ik.pk])
    login(client, "sekretaris.gorontalo")
    assert client.post(url, {"tanggapan": "Lengkapi"}, **HX).status_code == 403  # a draft
    services.submit_report(report, user("perencana.gorontalo"))
    response = client.post(url, {"tanggapan": "Lengkapi bukti", "lock_version": "0"}, **HX)
    assert response.content.decode().startswith(f'<form id="tanggapan-{ik.pk}"')
    assert Realisasi.objects.get(indikator=ik).tanggapan == "Lengkapi bukti"
    stale = client.post(url, {"tanggapan": "Cukup", "lock_version": "1"}, **HX)
    assert "Sudah diubah orang lain menjadi: Lengkapi bukti" in stale.content.decode()
    login(client, "perencana.gorontalo")
    assert client.post(url, {"tanggapan": "x"}).status_code == 403


def test_a_change_refused_under_the_lock_returns_the_card_as_it_now_reads(
    report, client, monkeypatch
):
    ik = indikator(report)
    login(client, "perencana.gorontalo")
    # The window closes after the view's own check and before the report is locked.
    InputWindow.objects.filter(year=2023, tw=1).update(closes_on=datetime.date(2023, 4, 10))
    unchecked = pieces.get_report_for_user
    monkeypatch.setattr(
        pieces, "get_report_for_user", lambda user, pk, rule=None: unchecked(user, pk)
    )
    response = client.post(realisasi_url(report, ik), {"value_text": "9"}, **HX)
    assert response["HX-Retarget"] == f"#ik-{ik.pk}" and response["HX-Reswap"] == "outerHTML"
    assert "Laporan ini tidak dapat Anda ubah sekarang." in response.content.decode()
    assert not Realisasi.objects.exists()


# --- who sees what ---------------------------------------------------------------------------


def test_read_only_leadership_sees_the_page_without_forms_and_may_not_write(report, reader, client):
    client.force_login(reader)
    page = client.get(page_of(report)).content.decode()
    assert "Hanya baca" in page and "hx-post" not in page and "Ajukan" not in page
    ik = indikator(report)
    assert client.post(realisasi_url(report, ik), {"value_text": "1"}).status_code == 403
    assert not Realisasi.objects.exists()


def test_an_outsider_finds_nothing(report, client):
    login(client, "perencana.tomohon")
    assert client.get(page_of(report)).status_code == 404
    assert client.get(reverse("report_open", args=[report.plan_id])).status_code == 404
    ik = indikator(report)
    assert client.post(realisasi_url(report, ik), {"value_text": "1"}).status_code == 404


# --- queries ---------------------------------------------------------------------------------


def test_the_page_takes_the_same_queries_for_a_small_and_a_large_plan(db, client):
    satker = SatkerFactory()
    planner = RoleFactory(satker=satker).user
    counts = []
    for year, lines in [(2024, 3), (2025, 200)]:
        plan = PlanFactory(satker=satker, year=year)
        build_tree(plan, large_tree(lines))
        RencanaAksi.objects.filter(pk=plan.pk).update(status=RencanaAksi.Status.APPROVED)
        InputWindow.objects.create(year=year, tw=1, closes_on=timezone.localdate())
        report = services.open_report(satker, year, 1)
        for ik in plan.indikator.all()[:3]:
            services.save_realisasi(report, ik, {"value_text": "50"}, planner)
        client.force_login(planner)
        client.get(page_of(report))  # warm the session
        counts.append(queries_of(client, page_of(report)))
    assert counts[0] == counts[1] <= 25, counts  # 2 of them for the charts
