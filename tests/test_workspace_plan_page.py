from django.urls import reverse


def url(plan):
    return reverse("plan_detail", args=[plan.pk])


def test_it_works_for_the_planner_with_edit_controls(demo, client):
    client.login(username="perencana.gorontalo", password="renaksi-demo")
    response = client.get(url(demo["KPU-PROV-GORONTALO"]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "ATK Administrasi Kepegawaian" in page
    assert "Rp 10.060.818.000" in page
    assert "data-url=" in page and "data-m=" in page  # the month cells toggle
    assert "Σ Rp 108.228.000" in page  # total of sasaran 1.


def test_it_checks_ownership(demo, client):
    client.login(username="perencana.tomohon", password="renaksi-demo")
    assert client.get(url(demo["KPU-PROV-GORONTALO"])).status_code == 404


def test_it_shows_no_edit_controls_to_read_only_users(demo, client):
    client.login(username="sekretaris.gorontalo", password="renaksi-demo")
    page = client.get(url(demo["KPU-PROV-GORONTALO"])).content.decode()
    assert "ATK Administrasi Kepegawaian" in page
    assert "data-url=" not in page and "data-m=" not in page
    assert 'class="ed"' not in page


def test_it_requires_login(demo, client):
    assert client.get(url(demo["KPU-PROV-GORONTALO"])).status_code == 302


def test_it_prints_the_tomohon_layout(demo, client):
    client.login(username="perencana.tomohon", password="renaksi-demo")
    page = client.get(url(demo["KPU-KOTA-TOMOHON"])).content.decode()
    assert "B 12" in page and "Rencana Pelaksanaan" in page
    assert "PERKIRAAN BIAYA" not in page
    assert 'rowspan="3"' in page  # Penyusunan Peraturan Pemilu spans three indicators
