"""Error pages with DEBUG off: in the user's language, in the site's dress, with a way home;
the 500 page without the database; the favicon."""

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.urls import include, path, reverse
from django.utils import translation
from django.views.defaults import server_error


def boom(request):
    raise RuntimeError("broken on purpose")


# For the 500 test: the site's URLs plus one view that fails.
urlpatterns = [path("rusak/", boom), path("", include("renaksi.urls"))]


def english(text):
    """``text`` as the English catalogue has it (the catalogue's completeness is
    tests/test_language.py's business)."""
    with translation.override("en"):
        return translation.gettext(text)


def choose_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def assert_error_page(response, status, language, heading):
    html = response.content.decode()
    assert response.status_code == status
    assert response.get("Content-Language", language) == language  # set by the middleware
    assert f'<html lang="{language}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert 'href="/"' in html  # the way back home
    assert 'class="topbar"' in html  # the site's header
    assert "/static/css/renaksi.css" in html


def test_an_unknown_address_answers_404_in_indonesian_with_a_link_home(db, client):
    response = client.get("/tidak-ada/", HTTP_ACCEPT_LANGUAGE="en")
    assert_error_page(response, 404, "id", "Halaman tidak ditemukan")


def test_the_404_page_speaks_english_after_choosing_it(db, client):
    choose_english(client)
    response = client.get("/tidak-ada/")
    assert_error_page(response, 404, "en", english("Halaman tidak ditemukan"))


def test_a_refused_action_answers_403_in_indonesian_with_a_link_home(client, planner):
    client.force_login(planner)
    response = client.get(reverse("import_upload"))
    assert_error_page(response, 403, "id", "Akses ditolak")
    assert "Keluar" in response.content.decode()  # the signed-in menu, as on every page


def test_the_403_page_speaks_english_after_choosing_it(client, planner):
    client.force_login(planner)
    choose_english(client)
    response = client.get(reverse("import_upload"))
    assert_error_page(response, 403, "en", english("Akses ditolak"))


@pytest.mark.urls("tests.test_error_pages")
def test_a_failing_view_answers_500_in_the_chosen_language(db):
    client = Client(raise_request_exception=False)
    assert_error_page(client.get("/rusak/"), 500, "id", "Gangguan sementara")
    choose_english(client)
    assert_error_page(client.get("/rusak/"), 500, "en", english("Gangguan sementara"))


def test_the_500_page_renders_without_database_or_context_processors():
    """No ``db`` fixture: pytest-django fails any query. Django renders 500.html with an
    empty context."""
    with translation.override("id"):
        response = server_error(RequestFactory().get("/"))
    assert_error_page(response, 500, "id", "Gangguan sementara")


def test_pages_link_the_favicon_and_favicon_ico_leads_to_it(db, client):
    assert 'rel="icon" href="/static/favicon.svg"' in client.get(reverse("login")).content.decode()
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/favicon.ico"
    assert (settings.BASE_DIR / "static" / "favicon.ico").read_bytes()[:4] == b"\0\0\1\0"
