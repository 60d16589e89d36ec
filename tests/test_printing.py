"""Print runs without Redis (the in-process mode of ``make run``): the Gorontalo booklet, the
ZIP, the stored PDFs reused, the command, and who may print what. The same jobs on a real RQ
worker are in tests/test_printing_worker.py."""

import datetime
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from plans.exports import pdf
from plans.exports.common import export_filename
from plans.models import Satker
from printing import booklet, jobs
from printing.models import PrintRun
from tests.monitoring_fixtures import user
from tests.printing_fixtures import (
    GORONTALO,
    ORDER,
    approve_gorontalo_province,
    check_gorontalo_booklet,
    private_roots,
)
from tests.queries import queries_of


@pytest.fixture
def province(demo, settings, tmp_path):
    """The demo with every Gorontalo plan of 2023 approved, files in the test's folder, no
    Redis."""
    settings.REDIS_URL = ""
    private_roots(settings, tmp_path)
    return approve_gorontalo_province()


def print_inline(code=GORONTALO, fmt="pdf"):
    run = jobs.create_run(
        Satker.objects.get(code=code), 2023, fmt, "https://renaksi.example.go.id/"
    )
    jobs.run_inline(run.pk)
    run.refresh_from_db()
    return run


def client_of(client, username):
    client.force_login(user(username))
    return client


def test_the_province_booklet_has_cover_contents_and_every_approved_plan_with_its_own_pages(
    province,
):
    run = print_inline()
    assert run.status == PrintRun.Status.DONE and not run.error
    check_gorontalo_booklet(run.output.read(), province)


def test_the_zip_holds_the_contents_and_each_approved_plans_pdf_and_excel(province):
    run = print_inline(fmt="zip")
    assert run.status == PrintRun.Status.DONE
    archive = zipfile.ZipFile(io.BytesIO(run.output.read()))
    names = archive.namelist()
    assert names[0] == "000-sampul-dan-daftar-isi.pdf"
    assert len(names) == 1 + 2 * len(province)
    for plan in province.values():
        position = ORDER.index(plan.satker.name) + 1
        stem = f"{position:03d}-" + export_filename(plan, "pdf")[:-4]
        assert archive.read(stem + ".pdf").startswith(b"%PDF")
        sheet = openpyxl.load_workbook(io.BytesIO(archive.read(stem + ".xlsx"))).active
        texts = [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value]
        assert any(plan.verification_code in text for text in texts)


def test_a_stored_pdf_of_an_approved_version_is_reused_not_rendered_again(province, monkeypatch):
    rendered = []
    render = pdf.render_pdf

    def counted(plan, site_url=None):
        rendered.append(plan.pk)
        return render(plan, site_url)

    monkeypatch.setattr(pdf, "render_pdf", counted)
    print_inline()
    assert sorted(rendered) == sorted(plan.pk for plan in province.values())
    assert print_inline(fmt="zip").status == PrintRun.Status.DONE
    assert len(rendered) == len(province)


def test_a_run_assembled_again_overwrites_its_file_and_leaves_no_temporary_one(province):
    run = print_inline(code="KPU-KAB-POHUWATO")
    first = Path(run.output.path)
    (first.parent / ".tmp-left-by-a-killed-worker").write_bytes(b"%PDF-1.7 half")
    jobs.assemble(run.pk)
    run.refresh_from_db()
    assert run.status == PrintRun.Status.DONE and Path(run.output.path) == first
    assert [path.name for path in first.parent.iterdir()] == [first.name]


def test_the_command_prints_in_process_without_redis(province, tmp_path):
    output = tmp_path / "gorontalo.pdf"
    out = io.StringIO()
    call_command(
        "print_booklet",
        "--satker",
        GORONTALO,
        "--year",
        "2023",
        "--output",
        str(output),
        stdout=out,
    )
    assert "dicetak di proses ini" in out.getvalue()
    check_gorontalo_booklet(output.read_bytes(), province)


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--satker", "KPU-TIDAK-ADA", "--year", "2023"], 2),
        (["--satker", GORONTALO, "--year", "2031"], 1),
    ],
)
def test_the_command_refuses_an_unknown_satker_and_a_year_with_nothing_approved(
    province, tmp_path, args, code
):
    output = tmp_path / "buku.pdf"
    with pytest.raises(CommandError) as refused:
        call_command("print_booklet", *args, "--output", str(output))
    assert refused.value.returncode == code
    assert not output.exists() and not PrintRun.objects.exists()


def test_a_part_that_fails_ends_the_run_failed_with_a_message(province, monkeypatch):
    def broken(run, part):
        raise OSError("disk penuh")

    monkeypatch.setattr(booklet, "render_part", broken)
    run = print_inline()
    assert run.status == PrintRun.Status.FAILED and not run.output
    assert run.error.startswith("Rencana aksi KPU Provinsi Gorontalo tidak dapat dicetak")
    assert "Silakan cetak ulang" in run.error


# Pages ---------------------------------------------------------------------------------


def post_print(client, code=GORONTALO, year=2023, fmt="pdf"):
    return client.post(
        reverse("print_run_create"),
        {"satker": code, "tahun": year, "format": fmt, "next": "/provinsi/"},
    )


@pytest.mark.parametrize(
    ("username", "code"),
    [
        ("perencana.tomohon", GORONTALO),  # an outsider
        ("perencana.pohuwato", GORONTALO),  # a kabupaten's planner
        ("perencana.gorontalo", GORONTALO),  # the province's planner: not a reader
        ("sekretaris.gorontalo", "KPU-RI"),  # a province's secretary, for the nation
        ("sekretaris.gorontalo", "KPU-KOTA-TOMOHON"),  # another province's satker
    ],
)
def test_printing_a_scope_one_does_not_oversee_is_not_found(province, client, username, code):
    response = post_print(client_of(client, username), code)
    assert response.status_code == 404
    assert not PrintRun.objects.exists()


def test_the_province_secretary_starts_a_run_and_sees_it_while_others_do_not(
    province, client, django_capture_on_commit_callbacks, monkeypatch
):
    started = []
    monkeypatch.setattr(jobs, "run_in_thread", started.append)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_print(client_of(client, "sekretaris.gorontalo"))
    run = PrintRun.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "print_run_detail", args=[run.pk]
    )
    assert started == [run.pk]
    assert (run.satker.code, run.year, run.requested_by.username) == (
        GORONTALO,
        2023,
        "sekretaris.gorontalo",
    )
    assert run.parts.count() == 7 and run.parts.filter(plan__isnull=True).count() == 2
    page = client.get(response.url)
    assert "0 dari 5 rencana aksi dicetak." in page.content.decode()
    assert 'hx-trigger="every 1s"' in page.content.decode()
    client.force_login(user("perencana.tomohon"))
    assert client.get(response.url).status_code == 404
    assert client.get(reverse("print_run_download", args=[run.pk])).status_code == 404


def test_kpu_ri_prints_the_nation_and_an_admin_any_scope(province, client, admin_user):
    client.force_login(admin_user)
    assert post_print(client, "KPU-RI").status_code == 302
    assert post_print(client, "KPU-KAB-POHUWATO", fmt="zip").status_code == 302
    ri = PrintRun.objects.get(satker__code="KPU-RI")
    names = list(ri.parts.values_list("satker__name", flat=True))
    assert names[0] == Satker.objects.get(code="KPU-RI").name
    assert names[names.index("KPU Provinsi Gorontalo") :][: len(ORDER)] == ORDER


def test_nothing_approved_is_refused_with_a_message_and_no_run(province, client):
    response = post_print(client_of(client, "sekretaris.gorontalo"), year=2031)
    assert response.status_code == 302 and response.url == "/provinsi/"
    assert not PrintRun.objects.exists()
    page = client.get("/provinsi/")
    assert (
        "Belum ada rencana aksi KPU Provinsi Gorontalo tahun 2031 yang disetujui"
        in page.content.decode()
    )


def test_a_finished_run_offers_its_file_and_stops_polling(province, client):
    run = print_inline()
    run.requested_by = user("sekretaris.gorontalo")
    run.save()
    client = client_of(client, "sekretaris.gorontalo")
    fragment = client.get(
        reverse("print_run_detail", args=[run.pk]), headers={"HX-Request": "true"}
    )
    html = fragment.content.decode()
    assert html.startswith('<section id="print-progress"') and "hx-trigger" not in html
    assert reverse("print_run_download", args=[run.pk]) in html
    download = client.get(reverse("print_run_download", args=[run.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    check_gorontalo_booklet(b"".join(download.streaming_content), province)


def test_the_progress_page_takes_the_same_queries_for_one_satker_and_for_seven(province, client):
    client = client_of(client, "sekretaris.gorontalo")
    small = jobs.create_run(Satker.objects.get(code="KPU-KAB-POHUWATO"), 2023, "pdf", "x")
    large = jobs.create_run(Satker.objects.get(code=GORONTALO), 2023, "pdf", "x")
    url = "print_run_detail"
    assert queries_of(client, reverse(url, args=[small.pk])) == queries_of(
        client, reverse(url, args=[large.pk])
    )


@pytest.mark.django_db(transaction=True)
def test_without_redis_the_page_prints_in_a_thread_and_the_poll_ends_done(
    demo, settings, tmp_path, client
):
    settings.REDIS_URL = ""
    private_roots(settings, tmp_path)
    approve_gorontalo_province()
    threads = []
    start = jobs.run_in_thread
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(jobs, "run_in_thread", lambda run_id: threads.append(start(run_id)))
            response = post_print(client_of(client, "sekretaris.gorontalo"), "KPU-KAB-POHUWATO")
        [thread] = threads
        thread.join(timeout=120)
        assert not thread.is_alive(), "the print thread did not finish in 120 s"
    finally:
        # Never outlive the test: a thread still reading the database would keep the test
        # database open as it is flushed or dropped (PostgreSQL: "being accessed by other
        # users").
        for each in threads:
            each.join()
    fragment = client.get(response.url, headers={"HX-Request": "true"}).content.decode()
    assert "Selesai" in fragment and "Unduh buku (PDF)" in fragment


def test_the_province_and_national_pages_offer_the_print_buttons(province, client, admin_user):
    client = client_of(client, "sekretaris.gorontalo")
    page = client.get(reverse("province_rollup", args=[GORONTALO]) + "?tahun=2023")
    html = page.content.decode()
    assert f'action="{reverse("print_run_create")}"' in html
    assert f'name="satker" value="{GORONTALO}"' in html and "Cetak buku" in html
    client.force_login(admin_user)
    html = client.get(reverse("national_overview") + "?tahun=2023").content.decode()
    assert 'name="satker" value="KPU-RI"' in html


def test_an_in_process_run_that_lost_its_thread_ends_failed_when_shown(province, client):
    run = jobs.create_run(Satker.objects.get(code=GORONTALO), 2023, "pdf", "x")
    limit = settings.RQ_QUEUES["default"]["DEFAULT_TIMEOUT"]
    old = timezone.now() - datetime.timedelta(seconds=limit + 1)
    PrintRun.objects.filter(pk=run.pk).update(created_at=old)
    html = client_of(client, "sekretaris.gorontalo").get(run.get_absolute_url()).content.decode()
    assert "Pencetakan terhenti sebelum selesai" in html and "hx-trigger" not in html
