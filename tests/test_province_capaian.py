"""Capaian per satker per quarter on the province's page (monitoring/views/province.py):
the average of each quarter's computable indicator capaian, the report statuses, who may
see it, and a fixed number of queries."""

from decimal import Decimal

from django.urls import reverse

from monitoring.models import IndicatorMethod, QuarterReport, Realisasi
from monitoring.summary import summarize
from plans.models import RencanaAksi, Satker, SatkerRole
from tests.factories import IndikatorFactory, PlanFactory, RoleFactory, SatkerFactory
from tests.queries import queries_of

URL = reverse("province_capaian")
HX = {"HTTP_HX_REQUEST": "true"}
Status = QuarterReport.Status


def province_with(kabkota, name="UJI"):
    province = SatkerFactory(
        code=f"KPU-PROV-{name}",
        name=f"KPU Provinsi {name.title()}",
        level=Satker.Level.PROVINSI,
        parent=SatkerFactory(code="KPU-RI", name="KPU RI", level=Satker.Level.RI, parent=None),
    )
    below = [
        SatkerFactory(
            code=f"KPU-KAB-{name}-{n:02d}",
            name=f"KPU Kabupaten {name.title()} {n:02d}",
            parent=province,
        )
        for n in range(kabkota)
    ]
    return province, below


def reported(satker, realisasi, tw=1, status=Status.DRAFT, year=2024):
    """A report of ``satker`` for quarter ``tw`` with ``realisasi``: [(target, text)]."""
    plan = RencanaAksi.objects.filter(satker=satker, year=year).first() or PlanFactory(
        satker=satker, year=year, status=RencanaAksi.Status.APPROVED
    )
    report = QuarterReport.objects.create(satker=satker, year=year, tw=tw, plan=plan, status=status)
    for target, text in realisasi:
        indikator = plan.indikator.filter(target=target).first() or IndikatorFactory(
            sasaran_program__sasaran_strategis__plan=plan, target=target
        )
        Realisasi.objects.create(report=report, indikator=indikator, value_text=text)
    return report


def secretary_of(satker):
    return RoleFactory(satker=satker, role=SatkerRole.Role.SEKRETARIS).user


def cells(response):
    """``{satker name: [(status, average, computed, indicators) per TW]}``."""
    table = {}
    for _province, rows in response.context["groups"]:
        for satker, row in rows:
            table[satker.name] = [
                (
                    cell.report.status if cell.report else None,
                    cell.average,
                    cell.computed,
                    cell.indicators,
                )
                for cell in row
            ]
    return table


def test_each_quarter_averages_its_computable_indicators(db, client):
    province, (first, second) = province_with(2)
    lower = reported(first, [("80%", "60"), ("10", "12"), ("0", "5"), ("50%", "")])
    IndicatorMethod.objects.create(uid=lower.plan.indikator.get(target="10").uid, arah="turun")
    # TW II is its own average, never added to TW I's
    reported(first, [("80%", "80"), ("10", "10")], tw=2, status=Status.SUBMITTED)
    reported(province, [("100", "250")], status=Status.VERIFIED)
    client.force_login(secretary_of(province))
    table = cells(client.get(URL, {"tahun": 2024}))
    none = (None, None, 0, 0)
    # 60/80 = 75 and (2x10-12)/10 = 80 (lower is better); target 0 and empty left out
    assert table[first.name] == [
        ("draft", Decimal("77.50"), 2, 4),
        ("submitted", Decimal("100.00"), 2, 4),
        none,
        none,
    ]
    assert table[province.name][0] == ("verified", Decimal("250.00"), 1, 1)
    assert table[second.name] == [none] * 4


def test_the_province_leads_its_satkers_and_every_status_reads(db, client):
    province, below = province_with(3)
    for status, satker in zip(Status, [province, *below], strict=True):
        reported(satker, [("90%", "90")], status=status)
    client.force_login(secretary_of(province))
    response = client.get(URL, {"tahun": "2024"})
    [(group, rows)] = response.context["groups"]
    assert group == province and rows[0][0] == province
    html = response.content.decode()
    for label in ("Draf", "Diajukan", "Dikembalikan", "Diverifikasi", "100,00%"):
        assert label in html
    # the secretary of the province opens the reports of the satkers below
    report = QuarterReport.objects.get(satker=below[0])
    assert reverse("report_detail", args=[report.pk]) in html


def test_htmx_gets_the_fragment_and_a_plain_link_the_page(db, client):
    province, (kabkota,) = province_with(1)
    reported(kabkota, [("90%", "45")])
    client.force_login(secretary_of(province))
    fragment = client.get(URL, {"tahun": 2024}, **HX).content.decode()
    assert fragment.lstrip().startswith('<section id="province-capaian"')
    assert "<html" not in fragment and "50,00%" in fragment
    page = client.get(URL, {"tahun": 2024}).content.decode()
    assert "<html" in page and "50,00%" in page and reverse("province_overview") in page


def test_the_year_defaults_to_the_latest_with_reports_and_bad_years_are_ignored(db, client):
    province, (kabkota,) = province_with(1)
    reported(kabkota, [("90%", "90")], year=2023)
    client.force_login(secretary_of(province))
    assert client.get(URL).context["year"] == 2023
    assert client.get(URL, {"tahun": "²⁰²⁴"}).context["year"] == 2023
    assert client.get(URL, {"tahun": 2025}).context["year"] == 2025


def test_only_who_oversees_a_province_sees_it(db, client):
    province, (kabkota,) = province_with(1)
    reported(kabkota, [("90%", "90")])
    assert client.get(URL).status_code == 302
    client.force_login(RoleFactory(satker=kabkota).user)  # a kabupaten's planner
    assert client.get(URL).status_code == 403
    client.force_login(RoleFactory(satker=province).user)  # the province's planner
    assert client.get(URL).status_code == 403
    reader = RoleFactory(satker=province, role=SatkerRole.Role.PIMPINAN).user
    client.force_login(reader)
    assert client.get(URL).status_code == 200
    other, _none = province_with(0, "LAIN")
    client.force_login(secretary_of(other))
    assert list(cells(client.get(URL, {"tahun": 2024}))) == [other.name]


def test_the_demo_province_reads_the_gorontalo_quarters(demo_monitoring, client, django_user_model):
    client.force_login(django_user_model.objects.get(username="sekretaris.gorontalo"))
    table = cells(client.get(URL, {"tahun": 2023}))
    quarters = table["KPU Provinsi Gorontalo"]
    assert [status for status, *_ in quarters] == ["verified", "returned", "draft", None]
    report = QuarterReport.objects.get(satker__code="KPU-PROV-GORONTALO", year=2023, tw=1)
    values = [row.capaian_tw.value for row in summarize(report) if row.capaian_tw.value is not None]
    expected = (sum(values) / len(values)).quantize(Decimal("0.01"))
    assert quarters[0][1:] == (expected, len(values), 44)


def test_queries_do_not_grow_with_the_satkers(db, client):
    counts = []
    for size, name in [(6, "KECIL"), (30, "BESAR")]:
        province, below = province_with(size, name)
        for number, satker in enumerate([province, *below]):
            for tw in (1, 2):
                reported(satker, [("90%", str(80 + number % 10)), ("10", "9")], tw=tw)
            plan = RencanaAksi.objects.get(satker=satker)
            IndicatorMethod.objects.create(uid=plan.indikator.get(target="10").uid, arah="turun")
        client.force_login(secretary_of(province))
        client.get(URL, {"tahun": 2024}, **HX)  # warm the session
        counts.append(queries_of(client, f"{URL}?tahun=2024"))
        assert len(cells(client.get(URL, {"tahun": 2024}))) == size + 1
    assert counts[0] == counts[1] <= 11, counts
