"""The province's page (/provinsi/): every satker it oversees, its own included, with the
current plan for a year, counts by status, the sum of the totals and the years to pick."""

import pytest
from django.urls import reverse

from plans.models import RencanaAksi, Satker, SatkerRole
from tests.factories import LineFactory, PlanFactory, RoleFactory, SatkerFactory
from tests.monitoring_fixtures import GORONTALO_KABKOTA
from tests.queries import queries_of

URL = reverse("province_overview")
GORONTALO_SATKERS = ["KPU Provinsi Gorontalo", *GORONTALO_KABKOTA]


def login(client, username):
    assert client.login(username=username, password="renaksi-demo")


def sign_in_with_role(client, username, code, role):
    """Sign in as a new ``username`` holding ``role`` at the satker ``code``."""
    user = RoleFactory(
        user__username=username, satker=Satker.objects.get(code=code), role=role
    ).user
    client.force_login(user)


def rows(response):
    """``(satker code, plan status or None)`` per row, province by province, in page order."""
    return [
        (satker.code, plan.status if plan else None)
        for _province, group in response.context["groups"]
        for satker, plan in group
    ]


def test_it_lists_every_satker_below_the_province_and_its_own_first(demo, client):
    login(client, "sekretaris.gorontalo")
    response = client.get(URL)
    assert response.status_code == 200
    assert rows(response) == [
        ("KPU-PROV-GORONTALO", "draft"),
        ("KPU-KAB-BOALEMO", "returned"),
        ("KPU-KAB-BONE-BOLANGO", "submitted"),
        ("KPU-KAB-GORONTALO", None),
        ("KPU-KAB-GORONTALO-UTARA", None),
        ("KPU-KAB-POHUWATO", "approved"),
        ("KPU-KOTA-GORONTALO", "draft"),
    ]
    page = response.content.decode()
    positions = [page.index(f">{name}<") for name in GORONTALO_SATKERS]
    assert positions == sorted(positions)
    assert "KPU Kota Tomohon" not in page
    assert page.count("Belum ada rencana</span></td>") == 2


def test_it_shows_each_plans_status_version_total_and_a_link(demo, client):
    login(client, "sekretaris.gorontalo")
    page = client.get(URL).content.decode()
    for code in ["KPU-PROV-GORONTALO", "KPU-KAB-BOALEMO", "KPU-KAB-POHUWATO"]:
        plan = demo[code]
        assert f'<a href="{plan.get_absolute_url()}">{plan.satker.name}</a>' in page
    assert "Rp 10.060.818.000" in page
    assert '<span class="status status-approved">Disetujui</span>' in page
    assert '<span class="status status-returned">Dikembalikan</span>' in page
    assert "v1" in page
    # A satker without a plan has nothing to link to.
    assert '<th scope="row">KPU Kabupaten Gorontalo Utara</th>' in page


def test_it_counts_the_satkers_by_status_and_sums_the_totals(demo, client):
    login(client, "sekretaris.gorontalo")
    response = client.get(URL)
    counts = {status: count for status, _label, count in response.context["counts"]}
    assert counts == {"draft": 2, "submitted": 1, "returned": 1, "approved": 1, "missing": 2}
    assert response.context["total"] == 10_060_818_000
    page = response.content.decode()
    assert '<strong>2</strong> <span class="status status-missing">Belum ada rencana</span>' in page
    assert "<strong>Rp 10.060.818.000</strong> <span>Jumlah total biaya</span>" in page


def test_it_opens_on_the_latest_year_with_plans_of_its_satkers_and_offers_the_years(demo, client):
    PlanFactory(satker=Satker.objects.get(code="KPU-KAB-BOALEMO"), year=2024)
    PlanFactory(satker=Satker.objects.get(code="KPU-KOTA-TOMOHON"), year=2026)  # elsewhere
    login(client, "sekretaris.gorontalo")
    response = client.get(URL)
    assert (response.context["year"], response.context["years"]) == (2024, [2024, 2023])
    assert rows(response)[1] == ("KPU-KAB-BOALEMO", "draft")
    assert rows(response)[0] == ("KPU-PROV-GORONTALO", None)
    page = response.content.decode()
    assert '<a href="?tahun=2024" aria-current="page">2024</a>' in page
    assert '<a href="?tahun=2023">2023</a>' in page
    earlier = client.get(URL, {"tahun": "2023"})
    assert earlier.context["year"] == 2023
    assert rows(earlier)[0] == ("KPU-PROV-GORONTALO", "draft")


@pytest.mark.parametrize("tahun", ["abc", "1999", "²⁰²³", "9" * 40])
def test_a_bad_year_falls_back_to_the_latest(demo, client, tahun):
    login(client, "sekretaris.gorontalo")
    assert client.get(URL, {"tahun": tahun}).context["year"] == 2023


def test_a_year_without_plans_lists_every_satker_as_missing(demo, client):
    login(client, "sekretaris.gorontalo")
    response = client.get(URL, {"tahun": "2030"})
    assert response.context["years"] == [2030, 2023]
    assert {status for _code, status in rows(response)} == {None}
    assert response.context["counts"][-1][2] == 7
    assert response.context["total"] == 0


@pytest.mark.parametrize(
    "username", ["perencana.boalemo", "sekretaris.boalemo", "perencana.tomohon"]
)
def test_it_refuses_kabupaten_people_and_outsiders(demo, client, username):
    login(client, username)
    assert client.get(URL).status_code == 403


def test_it_sends_anonymous_visitors_to_sign_in(demo, client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_province_leadership_reads_it_too(demo, client):
    sign_in_with_role(client, "pimpinan.gorontalo", "KPU-PROV-GORONTALO", SatkerRole.Role.PIMPINAN)
    response = client.get(URL)
    assert len(rows(response)) == 7
    assert demo["KPU-KAB-POHUWATO"].get_absolute_url() in response.content.decode()


def test_admins_see_every_province_grouped(demo, client):
    login(client, "admin")
    response = client.get(URL)
    groups = [
        (province.code, [satker.code for satker, _plan in group])
        for province, group in response.context["groups"]
    ]
    assert groups[0][0] == "KPU-PROV-GORONTALO" and len(groups[0][1]) == 7
    assert groups[1] == ("KPU-PROV-SULUT", ["KPU-PROV-SULUT", "KPU-KOTA-TOMOHON"])
    page = response.content.decode()
    assert "<h2>KPU Provinsi Gorontalo</h2>" in page
    assert "<h2>KPU Provinsi Sulawesi Utara</h2>" in page
    assert demo["KPU-KOTA-TOMOHON"].get_absolute_url() in page


def province_with(kabkota):
    """A province whose secretary watches ``kabkota`` satkers, each with a plan of 2024 in
    one of the statuses and a costed line; the province's own satker has none."""
    province = Satker.objects.create(
        code="KPU-PROV-UJI",
        name="KPU Provinsi Uji",
        level=Satker.Level.PROVINSI,
        parent=Satker.objects.get_or_create(code="KPU-RI", defaults={"level": "ri"})[0],
    )
    add_kabkota(province, range(kabkota))
    return RoleFactory(satker=province, role=SatkerRole.Role.SEKRETARIS).user, province


def add_kabkota(province, numbers):
    statuses = list(RencanaAksi.Status)[:4]
    for n in numbers:
        satker = SatkerFactory(
            code=f"KPU-KAB-UJI-{n:02d}", name=f"KPU Kab Uji {n}", parent=province
        )
        plan = PlanFactory(satker=satker, year=2024, status=statuses[n % 4])
        LineFactory(kegiatan__indikator__sasaran_program__sasaran_strategis__plan=plan)


def test_it_takes_the_same_queries_for_six_kabupaten_and_thirty(db, client):
    secretary, province = province_with(6)
    client.force_login(secretary)
    client.get(URL)  # warm the session
    few = queries_of(client, URL)
    add_kabkota(province, range(6, 30))
    response = client.get(URL)
    assert len(rows(response)) == 31
    assert response.context["total"] == 30 * 8_378_000
    assert queries_of(client, URL) == few <= 6


def test_the_national_secretariat_watches_every_province(demo, client):
    sign_in_with_role(client, "sekretaris.ri", "KPU-RI", SatkerRole.Role.SEKRETARIS)
    page = client.get(reverse("province_overview")).content.decode()
    assert "KPU Provinsi Gorontalo" in page and "KPU Provinsi Sulawesi Utara" in page
