import json

import pytest
from django.urls import reverse

from plans.models import RencanaKegiatan


@pytest.fixture
def line(demo):
    return RencanaKegiatan.objects.get(text="Monitoring Disiplin Pegawai")


def toggle(client, line, month, state, **extra):
    return client.post(
        reverse("month_toggle", args=[line.plan_id]),
        {"bulan": f"{line.pk}:{month}:{state}"},
        **extra,
    )


def test_toggling_a_month_saves_at_once_and_returns_the_cell(line, client):
    client.login(username="perencana.gorontalo", password="renaksi-demo")
    response = toggle(client, line, 5, 1, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    saved = json.loads(response["HX-Trigger"])["bulanDisimpan"]
    assert saved == {"line": line.pk, "month": 5, "on": True}
    line.refresh_from_db()
    assert 5 in line.months
    assert RencanaKegiatan.objects.in_month(5).filter(pk=line.pk).exists()


def test_toggling_without_scripts_redirects_back_to_the_line(line, client):
    client.login(username="perencana.gorontalo", password="renaksi-demo")
    response = toggle(client, line, 3, 0)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#baris-{line.pk}")
    line.refresh_from_db()
    assert 3 not in line.months


def test_the_same_click_twice_keeps_the_state_asked_for(line, client):
    client.login(username="perencana.gorontalo", password="renaksi-demo")
    toggle(client, line, 7, 1)
    toggle(client, line, 7, 1)
    line.refresh_from_db()
    assert 7 in line.months


def test_toggling_checks_ownership_and_write_access(line, client):
    client.login(username="perencana.tomohon", password="renaksi-demo")
    assert toggle(client, line, 5, 1).status_code == 404
    client.login(username="sekretaris.gorontalo", password="renaksi-demo")
    assert toggle(client, line, 5, 1).status_code == 403
    line.refresh_from_db()
    assert 5 not in line.months


def test_a_malformed_toggle_is_a_bad_request(line, client):
    client.login(username="perencana.gorontalo", password="renaksi-demo")
    for value in ["x", f"{line.pk}:13:1", f"{line.pk}:5:2", ""]:
        response = client.post(reverse("month_toggle", args=[line.plan_id]), {"bulan": value})
        assert response.status_code == 400
