"""The national roll-up (/nasional/) and a province's (/nasional/provinsi/<code>/): who may
see them, what they add up, and a fixed number of queries whatever the number of satkers."""

from decimal import Decimal

import pytest
from django.urls import reverse

from monitoring.models import QuarterReport, Realisasi
from plans.models import RencanaAksi, Satker, SatkerRole
from rollup import summary
from tests.factories import LineFactory, PlanFactory, RoleFactory, SatkerFactory
from tests.queries import queries_of

NATIONAL = reverse("national_overview")
GORONTALO, SULUT = "KPU-PROV-GORONTALO", "KPU-PROV-SULUT"


def province_url(code):
    return reverse("province_rollup", args=[code])


def sign_in(client, username, code=None, role=None):
    """Sign in as the demo's ``username``, or as a new one with ``role`` at ``code``."""
    if code is None:
        assert client.login(username=username, password="renaksi-demo")
        return
    satker = Satker.objects.get(code=code)
    client.force_login(RoleFactory(user__username=username, satker=satker, role=role).user)


def group_of(response, code):
    return next(group for group in response.context["groups"] if group.satker.code == code)


def counts(group):
    return {status: count for status, _label, count in group.counts}


NATION_READERS = [
    ("admin", None, None),
    ("sekretaris.ri", "KPU-RI", SatkerRole.Role.SEKRETARIS),
    ("pimpinan.kpuri", "KPU-RI", SatkerRole.Role.PIMPINAN),
]


@pytest.mark.parametrize(("username", "code", "role"), NATION_READERS)
def test_kpu_ri_and_admins_see_every_province_added_up(demo, client, username, code, role):
    sign_in(client, username, code, role)
    response = client.get(NATIONAL, {"tahun": 2023})
    assert response.status_code == 200
    groups = [group.satker.code for group in response.context["groups"]]
    assert groups == ["KPU-RI", GORONTALO, SULUT]  # KPU RI's own plan leads
    gorontalo = group_of(response, GORONTALO)
    assert len(gorontalo.members) == 7
    assert counts(gorontalo) == {
        "draft": 2,
        "submitted": 1,
        "returned": 1,
        "approved": 1,
        "missing": 2,
    }
    assert gorontalo.total == 10_060_818_000
    sulut = group_of(response, SULUT)
    assert counts(sulut)["draft"] == 1 and counts(sulut)["missing"] == 1
    nation = response.context["nation"]
    assert sum(counts(nation).values()) == 10  # KPU RI has no plan
    assert nation.total == gorontalo.total + sulut.total
    page = response.content.decode()
    assert f'href="{province_url(GORONTALO)}?tahun=2023">KPU Provinsi Gorontalo</a>' in page
    assert "Rp 10.060.818.000" in page


@pytest.mark.parametrize(
    ("username", "code", "role"),
    [
        ("sekretaris.gorontalo", None, None),  # a province's secretary: their province only
        ("perencana.gorontalo", None, None),
        ("perencana.boalemo", None, None),  # a kabupaten planner
        ("sekretaris.boalemo", None, None),
        ("perencana.ri", "KPU-RI", SatkerRole.Role.PERENCANA),
    ],
)
def test_the_national_page_does_not_exist_for_anyone_else(demo, client, username, code, role):
    sign_in(client, username, code, role)
    assert client.get(NATIONAL).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(demo, client):
    for url in (NATIONAL, province_url(GORONTALO)):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("login") in response["Location"]


@pytest.mark.parametrize(
    ("username", "code", "role"),
    [
        ("sekretaris.gorontalo", None, None),
        ("pimpinan.gorontalo", GORONTALO, SatkerRole.Role.PIMPINAN),
        *NATION_READERS,
    ],
)
def test_whoever_oversees_the_province_sees_its_satkers(demo, client, username, code, role):
    sign_in(client, username, code, role)
    response = client.get(province_url(GORONTALO))
    assert response.status_code == 200
    group = response.context["group"]
    rows = [(m.satker.code, m.plan.status if m.plan else None) for m in group.members]
    assert rows == [
        (GORONTALO, "draft"),
        ("KPU-KAB-BOALEMO", "returned"),
        ("KPU-KAB-BONE-BOLANGO", "submitted"),
        ("KPU-KAB-GORONTALO", None),
        ("KPU-KAB-GORONTALO-UTARA", None),
        ("KPU-KAB-POHUWATO", "approved"),
        ("KPU-KOTA-GORONTALO", "draft"),
    ]
    page = response.content.decode()
    pohuwato = demo["KPU-KAB-POHUWATO"]
    assert f'<a href="{pohuwato.get_absolute_url()}">KPU Kabupaten Pohuwato</a>' in page
    assert '<th scope="row">KPU Kabupaten Gorontalo Utara</th>' in page
    up = f'href="{NATIONAL}?tahun=2023"' in page
    assert up == (username not in ("sekretaris.gorontalo", "pimpinan.gorontalo"))


@pytest.mark.parametrize(
    ("username", "province"),
    [
        ("sekretaris.gorontalo", SULUT),  # another province
        ("perencana.gorontalo", GORONTALO),  # a planner oversees nothing
        ("perencana.boalemo", GORONTALO),  # a kabupaten planner
        ("sekretaris.boalemo", GORONTALO),  # a kabupaten secretary
        ("perencana.tomohon", SULUT),
        ("admin", "KPU-KAB-BOALEMO"),  # not a province
        ("admin", "KPU-PROV-ENTAH"),
    ],
)
def test_a_province_page_does_not_exist_for_anyone_else(demo, client, username, province):
    sign_in(client, username)
    assert client.get(province_url(province)).status_code == 404


def test_it_opens_on_the_latest_year_and_offers_the_years(demo, client):
    PlanFactory(satker=Satker.objects.get(code="KPU-KAB-BOALEMO"), year=2024)
    sign_in(client, "admin")
    response = client.get(NATIONAL)
    assert (response.context["year"], response.context["years"]) == (2024, [2024, 2023])
    assert counts(group_of(response, GORONTALO))["draft"] == 1
    province = client.get(province_url(GORONTALO), {"tahun": "abc"})
    assert province.context["year"] == 2024
    assert client.get(province_url(SULUT)).context["years"] == [2023]


def test_capaian_counts_verified_reports_only(demo_monitoring, client):
    """The demo's Gorontalo plan has TW I verified and TW II returned."""
    sign_in(client, "admin")
    national = group_of(client.get(NATIONAL, {"tahun": 2023}), GORONTALO)
    province = client.get(province_url(GORONTALO), {"tahun": 2023}).context["group"]
    own = province.members[0].quarters
    assert own[0].report.status == QuarterReport.Status.VERIFIED
    assert own[0].average is not None
    assert own[1].average is None  # returned: not counted
    assert [(q.average, q.reported) for q in national.quarters] == [
        (own[0].average, 1),
        (None, 0),
        (None, 0),
        (None, 0),
    ]


def test_deviation_is_shown_per_satker_and_averaged_per_province(demo, client, monkeypatch):
    boalemo, pohuwato = (
        Satker.objects.get(code=code).pk for code in ("KPU-KAB-BOALEMO", "KPU-KAB-POHUWATO")
    )

    def year_deviation_for_satkers(satker_ids, year):
        assert year == 2023
        found = {boalemo: Decimal("7.125"), pohuwato: Decimal("2")}
        return {pk: found.get(pk) for pk in satker_ids}

    monkeypatch.setattr(summary, "year_deviation_for_satkers", year_deviation_for_satkers)
    sign_in(client, "sekretaris.gorontalo")
    response = client.get(province_url(GORONTALO))
    group = response.context["group"]
    assert [m.deviation for m in group.members if m.deviation is not None] == [
        Decimal("7.13"),
        Decimal("2.00"),
    ]
    assert group.deviation == Decimal("4.57")
    page = response.content.decode()
    assert '<span class="rollup-deviation over">7,13%</span>' in page
    assert '<span class="rollup-deviation">2,00%</span>' in page


def nation_with(provinces, kabkota=3):
    """KPU RI with ``provinces`` provinces of ``kabkota`` kabupaten/kota each; every satker
    has a 2024 plan with a costed line under an indicator, and a verified TW I report whose
    realisasi has a capaian. Returns the provinces."""
    ri, _ = Satker.objects.get_or_create(code="KPU-RI", defaults={"level": "ri", "name": "KPU RI"})
    made = []
    statuses = list(RencanaAksi.Status)[:4]
    start = Satker.objects.filter(level="provinsi").count()
    for p in range(start, start + provinces):
        province = SatkerFactory(
            code=f"KPU-PROV-UJI-{p:02d}",
            name=f"KPU Provinsi Uji {p:02d}",
            level="provinsi",
            parent=ri,
        )
        made.append(province)
        satkers = [province] + [
            SatkerFactory(
                code=f"KPU-KAB-UJI-{p:02d}-{k}", name=f"KPU Kab Uji {p}-{k}", parent=province
            )
            for k in range(kabkota)
        ]
        for n, satker in enumerate(satkers):
            plan = PlanFactory(satker=satker, year=2024, status=statuses[n % 4])
            line = LineFactory(kegiatan__indikator__sasaran_program__sasaran_strategis__plan=plan)
            report = QuarterReport.objects.create(
                satker=satker, year=2024, tw=1, plan=plan, status=QuarterReport.Status.VERIFIED
            )
            Realisasi.objects.create(
                report=report, indikator=line.kegiatan.indikator, value_text="78", value=78
            )
    return made


def test_the_national_page_takes_the_same_queries_for_3_provinces_and_10(db, client):
    nation_with(3)
    reader = RoleFactory(satker=Satker.objects.get(code="KPU-RI"), role=SatkerRole.Role.SEKRETARIS)
    client.force_login(reader.user)
    url = f"{NATIONAL}?tahun=2024"
    client.get(url)  # warm the session
    few = queries_of(client, url)
    nation_with(7)
    response = client.get(url)
    assert len(response.context["groups"]) == 11  # KPU RI and the provinces
    assert response.context["nation"].quarters[0].reported == 40
    assert response.context["nation"].total == 40 * 8_378_000
    assert queries_of(client, url) == few <= 20


def test_a_province_page_takes_the_same_queries_for_3_kabupaten_and_30(db, client):
    (province,) = nation_with(1, kabkota=3)
    secretary = RoleFactory(satker=province, role=SatkerRole.Role.SEKRETARIS).user
    client.force_login(secretary)
    url = f"{province_url(province.code)}?tahun=2024"
    client.get(url)
    few = queries_of(client, url)
    for k in range(3, 30):
        satker = SatkerFactory(code=f"KPU-KAB-LAGI-{k}", name=f"KPU Kab Lagi {k}", parent=province)
        LineFactory(
            kegiatan__indikator__sasaran_program__sasaran_strategis__plan__satker=satker,
            kegiatan__indikator__sasaran_program__sasaran_strategis__plan__year=2024,
        )
    response = client.get(url)
    assert len(response.context["group"].members) == 31
    assert queries_of(client, url) == few <= 20


def test_the_home_page_links_the_national_page_for_those_who_may_see_it(demo, client):
    sign_in(client, "admin")
    assert f'href="{NATIONAL}"' in client.get(reverse("home")).content.decode()
    sign_in(client, "sekretaris.gorontalo")
    page = client.get(reverse("home")).content.decode()
    assert f'href="{NATIONAL}"' not in page
    assert province_url(GORONTALO) not in page
    assert province_url(GORONTALO) in client.get(reverse("province_overview")).content.decode()
