from django.urls import reverse

from plans.building import build_tree
from tests.factories import PlanFactory, SatkerFactory, large_tree


def url(plan):
    return reverse("plan_detail", args=[plan.pk])


def test_it_works_for_the_planner_with_edit_controls(demo, client):
    client.login(username="perencana.gorontalo", password="renaksi-demo")
    response = client.get(url(demo["KPU-PROV-GORONTALO"]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "ATK Administrasi Kepegawaian" in page
    assert "Rp 10.060.818.000" in page
    assert 'name="bulan"' in page
    assert "Σ Rp 108.228.000" in page  # total of sasaran 1.


def test_it_checks_ownership(demo, client):
    client.login(username="perencana.tomohon", password="renaksi-demo")
    assert client.get(url(demo["KPU-PROV-GORONTALO"])).status_code == 404


def test_it_shows_no_edit_controls_to_read_only_users(demo, client):
    client.login(username="sekretaris.gorontalo", password="renaksi-demo")
    page = client.get(url(demo["KPU-PROV-GORONTALO"])).content.decode()
    assert "ATK Administrasi Kepegawaian" in page
    assert 'name="bulan"' not in page
    assert 'class="ed"' not in page


def test_it_requires_login(demo, client):
    assert client.get(url(demo["KPU-PROV-GORONTALO"])).status_code == 302


def test_it_prints_the_tomohon_layout(demo, client):
    client.login(username="perencana.tomohon", password="renaksi-demo")
    page = client.get(url(demo["KPU-KOTA-TOMOHON"])).content.decode()
    assert "B 12" in page and "Rencana Pelaksanaan" in page
    assert "PERKIRAAN BIAYA" not in page
    assert 'rowspan="3"' in page  # Penyusunan Peraturan Pemilu spans three indicators


def test_plan_page_queries_do_not_grow_with_the_plan(client, django_assert_num_queries, db):
    from tests.factories import RoleFactory

    satker = SatkerFactory()
    user = RoleFactory(satker=satker).user
    small, large = PlanFactory(satker=satker, year=2024), PlanFactory(satker=satker, year=2025)
    build_tree(small, large_tree(3))
    build_tree(large, large_tree(1000))
    client.force_login(user)
    client.get(url(small))  # warm the session
    counts = []
    for plan in (small, large):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            response = client.get(url(plan))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    with django_assert_num_queries(counts[1]):
        client.get(url(large))
