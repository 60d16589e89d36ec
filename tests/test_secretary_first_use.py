"""What a secretary and a returning planner see first: the to-do list, why a plan came
back, and messages in Indonesian rather than the browser's or a doubled phrase."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from plans import workflow
from tests.queries import queries_of


@pytest.fixture
def submitted(demo):
    plan = demo["KPU-PROV-GORONTALO"]
    workflow.submit(plan, get_user_model().objects.get(username="perencana.gorontalo"))
    return plan


def test_the_secretarys_home_lists_what_waits_for_approval(submitted, client):
    assert client.login(username="sekretaris.gorontalo", password="renaksi-demo")
    page = client.get(reverse("home")).content.decode()
    assert "Menunggu persetujuan Anda" in page
    assert f'href="{submitted.get_absolute_url()}"' in page.split("Menunggu persetujuan Anda")[1]


def test_nobody_else_has_the_list(submitted, client):
    for username in ["perencana.gorontalo", "sekretaris.tomohon"]:
        assert client.login(username=username, password="renaksi-demo")
        assert "Menunggu persetujuan Anda" not in client.get(reverse("home")).content.decode()


def test_the_planners_home_says_why_a_plan_came_back(submitted, client):
    secretary = get_user_model().objects.get(username="sekretaris.gorontalo")
    workflow.return_plan(submitted, secretary, "Target TW belum diisi")
    assert client.login(username="perencana.gorontalo", password="renaksi-demo")
    page = client.get(reverse("home")).content.decode()
    assert "Alasan: Target TW belum diisi" in page
    few = queries_of(client, reverse("home"))
    workflow.submit(submitted, get_user_model().objects.get(username="perencana.gorontalo"))
    workflow.return_plan(submitted, secretary, "Lagi")
    assert queries_of(client, reverse("home")) == few


def test_an_empty_return_reason_is_explained_in_indonesian(submitted, client):
    assert client.login(username="sekretaris.gorontalo", password="renaksi-demo")
    url = reverse("plan_return", args=[submitted.pk])
    form = client.get(url).content.decode()
    assert "novalidate" in form  # the browser's own (English) message never shows
    page = client.post(url, {"reason": ""}).content.decode()
    assert "Bidang ini tidak boleh kosong." in page
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_a_wrong_password_reads_as_one_plain_sentence(client, demo):
    page = client.post(
        reverse("login"), {"username": "perencana.gorontalo", "password": "salah"}
    ).content.decode()
    assert "Nama pengguna atau kata sandi salah." in page
    assert "nama pengguna nama pengguna" not in page
