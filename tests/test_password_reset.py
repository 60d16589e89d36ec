"""Password reset by e-mail: the whole flow in Indonesian, a link that works once and points
at SITE_URL, no hint whether an address exists, and a throttle per address and per client."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from renaksi.password_reset import PER_CLIENT, PER_EMAIL
from tests.factories import UserFactory

NEW_PASSWORD = "Tomohon-sandi-baru-2025"


@pytest.fixture
def person(db):
    return UserFactory(username="perencana.satu", email="perencana@kpu-satu.example")


def ask(client, email, address="10.0.0.1"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address)


def link_in(message):
    return re.search(r"https://\S+", message.body).group()


def test_the_login_page_offers_the_reset(db, client):
    html = client.get(reverse("login")).content.decode()
    assert f'<a href="{reverse("password_reset")}">Lupa sandi?</a>' in html


def test_a_reset_link_from_the_mail_sets_a_new_password_once(client, person, settings):
    form = client.get(reverse("password_reset")).content.decode()
    assert "Lupa kata sandi" in form

    response = ask(client, "Perencana@KPU-satu.example")
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert "Periksa e-mail Anda" in client.get(response["Location"]).content.decode()

    [message] = mail.outbox
    assert message.to == [person.email]
    assert message.subject == "Kata sandi baru untuk Renaksi"
    assert "perencana.satu" in message.body
    link = link_in(message)
    assert link.startswith(settings.SITE_URL + "/akun/reset/")

    path = link.removeprefix(settings.SITE_URL)
    page = client.get(path, follow=True)
    assert "Buat kata sandi baru untuk akun perencana.satu." in page.content.decode()
    set_password_url = page.redirect_chain[-1][0]
    response = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response["Location"] == reverse("password_reset_complete")
    assert "Kata sandi sudah diganti" in client.get(response["Location"]).content.decode()

    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    again = client.get(path, follow=True).content.decode()
    assert "Tautan tidak berlaku" in again
    assert 'name="new_password1"' not in again


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, person):
    response = ask(client, "tidak.terdaftar@example.com")
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_one_address_gets_at_most_three_mails_an_hour(client, person):
    for _ in range(PER_EMAIL):
        assert ask(client, person.email).status_code == 302
    refused = ask(client, person.email, address="10.0.0.2")
    assert refused.status_code == 429
    assert "Terlalu banyak permintaan" in refused.content.decode()
    assert len(mail.outbox) == PER_EMAIL
    other = UserFactory(username="sekretaris.satu", email="sekretaris@kpu-satu.example")
    assert ask(client, other.email).status_code == 302
    assert len(mail.outbox) == PER_EMAIL + 1


def test_one_client_gets_at_most_ten_requests_an_hour(client, person):
    for number in range(PER_CLIENT):
        assert ask(client, f"orang{number}@example.com").status_code == 302
    assert ask(client, person.email).status_code == 429
    assert mail.outbox == []
    assert ask(client, person.email, address="10.0.0.9").status_code == 302
    assert len(mail.outbox) == 1
