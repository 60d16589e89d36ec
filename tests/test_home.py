from django.urls import reverse

from plans.models import RencanaAksi
from tests.factories import LineFactory
from tests.queries import queries_of


def test_home_requires_login(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_planner_sees_only_their_satkers_plans_with_total(demo, client):
    client.login(username="perencana.gorontalo", password="renaksi-demo")
    response = client.get(reverse("home"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "KPU Provinsi Gorontalo" in page
    assert "10.060.818.000" in page
    assert "KPU Kota Tomohon" not in page


def test_province_secretary_sees_the_satkers_below(demo, client, django_user_model):
    from plans.models import SatkerRole

    user = django_user_model.objects.create_user("sekretaris.sulut", password="x-rahasia-1")
    SatkerRole.objects.create(
        user=user, satker=demo["KPU-KOTA-TOMOHON"].satker.parent, role=SatkerRole.Role.SEKRETARIS
    )
    client.force_login(user)
    page = client.get(reverse("home")).content.decode()
    assert "KPU Kota Tomohon" in page
    assert "KPU Provinsi Gorontalo" not in page


def test_admin_sees_every_plan(demo, client):
    client.login(username="admin", password="renaksi-demo")
    page = client.get(reverse("home")).content.decode()
    assert "KPU Kota Tomohon" in page and "KPU Provinsi Gorontalo" in page


def test_home_takes_the_same_queries_for_two_plans_and_thirty(demo, client):
    client.login(username="admin", password="renaksi-demo")
    client.get(reverse("home"))  # warm the session
    few = queries_of(client, reverse("home"))
    for year in (2024, 2025, 2026):
        for _ in range(10):
            LineFactory(kegiatan__indikator__sasaran_program__sasaran_strategis__plan__year=year)
    assert RencanaAksi.objects.count() == 6 + 30  # the demo's and these
    assert queries_of(client, reverse("home")) == few <= 6


def test_login_page_speaks_indonesian(client, db):
    page = client.get(reverse("login")).content.decode()
    assert "Masuk ke Renaksi" in page
