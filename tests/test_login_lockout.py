"""Login lockout counts failures per real client address behind the proxy, so an attacker
locks out only themselves, never the person whose username they try."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from renaksi.auth import client_ip

PROXY = "10.0.0.1"


def login(client, password, address, forwarded=None):
    forwarded = address if forwarded is None else f"{forwarded}, {address}"
    return client.post(
        reverse("login"),
        {"username": "sekretaris.gorontalo", "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


@pytest.fixture
def behind_one_proxy(settings):
    settings.PROXY_COUNT = 1


def test_five_failures_from_one_address_do_not_lock_out_another(demo, behind_one_proxy):
    attacker = Client()
    for _ in range(5):
        login(attacker, "tebakan-salah", "203.0.113.5")
    assert login(attacker, "renaksi-demo", "203.0.113.5").status_code == 429

    secretary = Client()
    response = login(secretary, "renaksi-demo", "198.51.100.7")
    assert response.status_code == 302
    assert "_auth_user_id" in secretary.session


def test_an_address_the_client_wrote_itself_does_not_escape_the_lockout(demo, behind_one_proxy):
    attacker = Client()
    for attempt in range(5):
        login(attacker, "tebakan-salah", "203.0.113.5", forwarded=f"192.0.2.{attempt}")
    response = login(attacker, "renaksi-demo", "203.0.113.5", forwarded="192.0.2.99")
    assert response.status_code == 429


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.5", PROXY),  # no proxy configured: the header is the client's own
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "192.0.2.1, 203.0.113.5", "203.0.113.5"),
        (2, "192.0.2.1, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
        (2, "203.0.113.5", PROXY),  # shorter than promised: not trusted
        (1, "bukan-alamat", PROXY),
        (1, "", PROXY),
    ],
)
def test_client_address_is_read_from_the_trusted_end_of_the_header(
    settings, proxies, forwarded, expected
):
    settings.PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
