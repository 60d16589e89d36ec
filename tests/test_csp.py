"""Content-Security-Policy: every response carries it, and no served page needs inline
code - no <script> without src, no <style>, no style="...", no on...= handlers."""

import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans.exports.xlsx import workbook_bytes

INLINE = {
    "script without src": re.compile(r"<script\b(?![^>]*\ssrc=)[^>]*>", re.I),
    "style element": re.compile(r"<style\b", re.I),
    "style attribute": re.compile(r"\sstyle\s*=", re.I),
    "event handler": re.compile(r"\son[a-z]+\s*=", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
}
# Served templates; templates/exports/ is only fed to the PDF renderer.
SERVED = [
    template
    for template in (settings.BASE_DIR / "templates").rglob("*.html")
    if "exports" not in template.relative_to(settings.BASE_DIR / "templates").parts
]


def inline_code(html):
    return {name: pattern.findall(html) for name, pattern in INLINE.items() if pattern.search(html)}


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def assert_strict_policy(response):
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "script-src-attr" not in policy


@pytest.fixture
def pages(demo, client, admin_client, settings, tmp_path):
    """Rendered pages as (name, response): signed out, as a planner and as an admin."""
    settings.MEDIA_ROOT = tmp_path
    plan = demo["KPU-KOTA-TOMOHON"]
    line = plan.lines.first()
    responses = [
        ("login", client.get(reverse("login"))),
        ("password reset", client.get(reverse("password_reset"))),
        ("not found", client.get("/tidak-ada/")),
    ]
    client.login(username="perencana.tomohon", password="renaksi-demo")
    responses += [
        ("home", client.get(reverse("home"))),
        ("plan page", client.get(reverse("plan_detail", args=[plan.pk]))),
        ("settings", client.get(reverse("plan_settings", args=[plan.pk]))),
        ("plan create", client.get(reverse("plan_create"))),
        ("history", client.get(reverse("plan_history", args=[plan.pk]))),
        ("editor panel", client.get(reverse("node_edit", args=["baris", line.pk]))),
        (
            "editor fragment",
            client.get(reverse("node_edit", args=["baris", line.pk]), HTTP_HX_REQUEST="true"),
        ),
        ("denied", client.get(reverse("import_upload"))),
        ("import upload", admin_client.get(reverse("import_upload"))),
    ]
    workbook = SimpleUploadedFile("tomohon.xlsx", workbook_bytes(plan))
    posted = admin_client.post(reverse("import_upload"), {"file": workbook})
    assert posted.status_code == 302, posted.content.decode()[:500]
    responses.append(("import preview", admin_client.get(posted["Location"])))
    return responses


def test_every_page_carries_the_strict_policy_and_no_inline_code(pages):
    for name, response in pages:
        assert response.status_code in {200, 403, 404}, name
        assert_strict_policy(response)
        assert inline_code(response.content.decode()) == {}, name


def test_the_plan_page_turns_off_htmx_eval_and_injected_styles(demo, client):
    client.login(username="perencana.tomohon", password="renaksi-demo")
    html = client.get(reverse("plan_detail", args=[demo["KPU-KOTA-TOMOHON"].pk])).content.decode()
    assert (
        """<meta name="htmx-config" content='{"includeIndicatorStyles": false, """
        """"allowEval": false}'>"""
    ) in html
    assert "/static/js/renaksi.js" in html
    assert "hx-on" not in html


@pytest.mark.parametrize("template", SERVED, ids=lambda path: path.name)
def test_no_served_template_holds_inline_code(template):
    assert inline_code(template.read_text(encoding="utf-8")) == {}


def test_redirects_carry_the_policy_too(db, client):
    assert_strict_policy(client.get("/favicon.ico"))
    assert_strict_policy(client.get(reverse("home")))  # to the login page


def test_the_admin_gets_inline_styles_and_one_hashed_handler_but_no_inline_scripts(admin_client):
    policy = directives(admin_client.get(reverse("admin:plans_satker_changelist")))
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["script-src-attr"][0] == "'unsafe-hashes'"
    assert all(source.startswith("'sha256-") for source in policy["script-src-attr"][1:])
