"""The realisation page (``budget_execution``): who sees it, what it shows, and a fixed
number of queries whatever the size of the plan, the pagu and the realisation."""

import pytest
from django.urls import reverse
from django.utils import timezone

from budgets.calendar import next_revision_window
from budgets.models import Pagu, PaguLine, RealisasiAnggaran
from tests.factories import LineFactory
from tests.monitoring_fixtures import gorontalo_reader
from tests.queries import queries_of

GORONTALO = "KPU-PROV-GORONTALO"
PASSWORD = "renaksi-demo"


def url(year=2023, satker=GORONTALO):
    return reverse("budget_execution", args=[satker, year])


def signed_in(client, username):
    assert client.login(username=username, password=PASSWORD)
    return client


def add_budget(satker, months=(1, 2), codes=1, year=2023):
    """A pagu line and realisation in ``months`` for each of ``codes`` codes."""
    pagu = Pagu.objects.create(satker=satker, year=year)
    for number in range(codes):
        kode = f"3358.EBC.{900 + number}.051.A.521211"
        PaguLine(pagu=pagu, kode=kode, jumlah=20_000_000).prepare().save()
        RealisasiAnggaran.objects.bulk_create(
            RealisasiAnggaran(
                satker=satker, year=year, kode=kode, bulan=m, jumlah=1_000_000
            ).prepare()
            for m in months
        )


@pytest.mark.parametrize("username", ["perencana.gorontalo", "sekretaris.gorontalo"])
def test_the_satkers_planner_and_secretary_see_the_page(demo, client, username):
    add_budget(demo[GORONTALO].satker)
    page = signed_in(client, username).get(url())
    assert page.status_code == 200
    text = page.content.decode()
    assert "Deviasi Halaman III DIPA" in text and 'id="deviation-average"' in text
    assert "<svg" in text and "Kurva S" in text and "batas 5%" in text


def test_read_only_leadership_sees_the_page(demo, client):
    client.force_login(gorontalo_reader(demo))
    assert client.get(url()).status_code == 200


def test_an_outsider_gets_404_and_anonymous_the_login(demo, client):
    assert client.get(url()).status_code == 302
    assert signed_in(client, "perencana.tomohon").get(url()).status_code == 404


def test_a_year_out_of_range_is_404(demo, client):
    assert signed_in(client, "perencana.gorontalo").get(url(year=1999)).status_code == 404


def test_months_and_the_year_average_are_shown_with_decimal_commas(demo, client):
    satker = demo[GORONTALO].satker
    add_budget(satker)
    page = signed_in(client, "perencana.gorontalo").get(url())
    table = page.context["table"]
    assert table.through == 2 and table.basis == "pagu"
    january = page.content.decode().split('data-month="1"')[1].split("</tr>")[0]
    shown = f"{table.months[0].deviation:.2f}".replace(".", ",")
    assert f"{shown}%" in january
    assert "Bobot jenis belanja: bagiannya dalam pagu" in page.content.decode()


def test_without_pagu_the_weights_come_from_the_rpd_and_the_page_says_so(demo, client):
    RealisasiAnggaran(
        satker=demo[GORONTALO].satker, year=2023, kode="521211", bulan=1, jumlah=1_000
    ).prepare().save()
    page = signed_in(client, "perencana.gorontalo").get(url())
    assert page.context["table"].basis == "rpd"
    assert "Pagu belum diisi: bobot jenis belanja diambil dari bagiannya dalam RPD" in (
        page.content.decode()
    )


def test_the_next_rpd_revision_window_is_a_reminder_in_the_current_year(demo, client):
    today = timezone.localdate()
    page = signed_in(client, "perencana.gorontalo").get(url(year=today.year))
    assert page.status_code == 200
    assert f"jendela revisi RPD berikutnya {next_revision_window(today).label}" in (
        page.content.decode()
    )
    assert "belum punya rencana aksi" in page.content.decode()


def test_the_page_takes_the_same_queries_for_a_small_and_a_large_year(demo, client):
    plan = demo[GORONTALO]
    signed_in(client, "perencana.gorontalo")
    add_budget(plan.satker, months=(1,), codes=1)
    small = queries_of(client, url())
    Pagu.objects.all().delete()
    RealisasiAnggaran.objects.all().delete()
    add_budget(plan.satker, months=range(1, 10), codes=40)
    kegiatan = plan.kegiatan.first()
    for number in range(30):
        LineFactory(kegiatan=kegiatan, text=f"baris {number}", akun="3358.EBC.954.051.A.524111")
    assert queries_of(client, url()) == small
