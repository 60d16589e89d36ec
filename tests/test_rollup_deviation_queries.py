"""The national roll-up with realisation for every satker: each satker's deviation is
computed, and the page still takes the same queries for 3 provinces and 10."""

from budgets.models import RealisasiAnggaran
from plans.models import Satker, SatkerRole
from tests.factories import RoleFactory
from tests.queries import queries_of
from tests.test_rollup import NATIONAL, nation_with


def spend_everywhere(year):
    """Imported realisation in January and February for every satker without one yet."""
    RealisasiAnggaran.objects.bulk_create(
        RealisasiAnggaran(
            satker=satker, year=year, kode="3358.EBC.954.051.A.521211", bulan=month, jumlah=500
        ).prepare()
        for satker in Satker.objects.exclude(realisasi_anggaran__year=year)
        for month in (1, 2)
    )


def test_the_national_page_with_realisation_everywhere_takes_the_same_queries(db, client):
    nation_with(3)
    spend_everywhere(2024)
    reader = RoleFactory(satker=Satker.objects.get(code="KPU-RI"), role=SatkerRole.Role.SEKRETARIS)
    client.force_login(reader.user)
    url = f"{NATIONAL}?tahun=2024"
    client.get(url)  # warm the session
    few = queries_of(client, url)
    nation_with(7)
    spend_everywhere(2024)
    response = client.get(url)
    members = response.context["nation"].members
    planned = [member for member in members if member.plan]
    assert len(planned) == 40
    assert all(member.deviation is not None for member in planned)
    assert queries_of(client, url) == few <= 22
