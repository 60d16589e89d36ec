"""Bahasa Indonesia by default, English only when the user picks it, and a complete English
catalogue."""

import ast
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

PO = settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po"
# A browser that prefers English, over HTTPS as in production (DEBUG off redirects HTTP).
BROWSER_SAYS_ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9", "secure": True}
# Words spelled the same in both languages; any other msgstr equal to its msgid is a copy.
SAME_IN_ENGLISH = {"Admin", "Sheet", "Status", "status", "Target", "target", "Total"}


@pytest.fixture(scope="module")
def english_catalogue():
    """`make test` compiles the catalogue first; compile it here too when it is missing or
    older than the .po, and reload the translations so this module sees it."""
    mo = PO.with_suffix(".mo")
    if not mo.exists() or mo.stat().st_mtime < PO.stat().st_mtime:
        call_command("compilemessages", locale=["en"], ignore_patterns=[".venv"], verbosity=0)
    with override_settings(LOCALE_PATHS=list(settings.LOCALE_PATHS)):  # resets the cache
        yield


def choose(client, language, next_url):
    response = client.post(
        reverse("set_language"),
        {"language": language, "next": next_url},
        follow=True,
        **BROWSER_SAYS_ENGLISH,
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == next_url
    return response


def page(client, url):
    response = client.get(url, **BROWSER_SAYS_ENGLISH)
    assert response.status_code == 200
    return response


# What a page says in each language and, in that language, never says.
LOGIN = {
    "id": (
        ['<html lang="id">', "Masuk ke Renaksi", "Nama pengguna", "Kata sandi"],
        ["Sign in", "Password"],
    ),
    "en": (
        ['<html lang="en">', "Sign in to Renaksi", "Username", "Password"],
        ["Masuk ke Renaksi", "Kata sandi"],
    ),
}
AS_WRITTEN = "ATK Administrasi Kepegawaian"  # a plan's own text, in either language
PLAN = {
    "id": (["Unduh PDF", "Unduh Excel", "Riwayat", "Keluar"], ["Download PDF", "Sign out"]),
    "en": (
        ["Download PDF", "Download Excel", "History", "Sign out", "Action plan matrix", AS_WRITTEN],
        ["Unduh PDF", "Keluar"],
    ),
}


def assert_speaks(response, language, texts):
    """The page came in ``language``, saying what ``texts`` lists for it and not the rest."""
    html = response.content.decode()
    says, never_says = texts[language]
    assert response["Content-Language"] == language
    for text in says:
        assert text in html
    for text in never_says:
        assert text not in html


def assert_switches_to_english_and_back(client, url, texts):
    assert_speaks(choose(client, "en", url), "en", texts)
    assert_speaks(page(client, url), "en", texts)
    assert_speaks(choose(client, "id", url), "id", texts)
    assert_speaks(page(client, url), "id", texts)


@pytest.fixture
def client(client, english_catalogue):
    return client


@pytest.fixture
def plan_url(demo):
    return reverse("plan_detail", args=[demo["KPU-PROV-GORONTALO"].pk])


def test_the_login_page_speaks_indonesian_although_the_browser_asks_for_english(db, client):
    assert_speaks(page(client, reverse("login")), "id", LOGIN)


def test_the_plan_page_speaks_indonesian_although_the_browser_asks_for_english(client, plan_url):
    client.login(username="perencana.gorontalo", password="renaksi-demo")
    assert_speaks(page(client, plan_url), "id", PLAN)


def test_the_login_page_switches_to_english_and_back(db, client):
    assert_switches_to_english_and_back(client, reverse("login"), LOGIN)


def test_the_plan_page_switches_to_english_and_back(client, plan_url):
    client.login(username="perencana.gorontalo", password="renaksi-demo")
    assert_switches_to_english_and_back(client, plan_url, PLAN)


def test_the_choice_survives_signing_in(db, client, plan_url):
    choose(client, "en", reverse("login"))
    client.login(username="perencana.gorontalo", password="renaksi-demo")
    assert_speaks(page(client, plan_url), "en", PLAN)


def test_an_unknown_language_keeps_indonesian(db, client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert_speaks(page(client, reverse("login")), "id", LOGIN)


def read_catalogue(path):
    """The entries of a .po file as dicts of keyword -> text, with their flags."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry, flags, key = {}, set(), None
        for line in block.strip().splitlines():
            if line.startswith("#,"):
                flags.update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                entry[key] += ast.literal_eval(line)
            else:
                key, _, text = line.partition(" ")
                entry[key] = ast.literal_eval(text)
        if entry:
            entry["flags"] = flags
            entries.append(entry)
    return entries


def placeholders(text):
    return sorted(re.findall(r"%\(\w+\)[sd]", text))


def test_every_message_has_an_english_translation():
    header, *entries = read_catalogue(PO)
    assert header["msgid"] == ""
    assert "fuzzy" not in header["flags"]
    assert "Language: en\n" in header["msgstr"]
    assert len(entries) > 200
    problems = []
    for entry in entries:
        msgid = entry["msgid"]
        translations = [text for key, text in entry.items() if key.startswith("msgstr")]
        if "msgid_plural" in entry:
            assert set(entry) >= {"msgstr[0]", "msgstr[1]"}, msgid
        if "fuzzy" in entry["flags"]:
            problems.append(("fuzzy", msgid))
        for text in translations:
            if not text.strip():
                problems.append(("empty", msgid))
            elif text == msgid and msgid not in SAME_IN_ENGLISH:
                problems.append(("untranslated", msgid))
            if placeholders(text) != placeholders(msgid):
                problems.append(("placeholders", msgid))
    assert problems == []
