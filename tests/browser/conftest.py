"""Browser tests: Playwright drives Debian's Chromium against a live server.

Never downloads a browser: ``/usr/bin/chromium`` comes from ``scripts/system-deps.sh``.
Screenshots go to ``tests/artifacts/`` (ignored by git and pytest) for people to look at.
"""

import os
import re
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are ordinary synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make install` (scripts/system-deps.sh).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1440, "height": 900}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def demo_site(transactional_db, live_server):
    """The demo without its monitoring: the Gorontalo 2023 plan is a draft to edit."""
    call_command("load_demo", "--tanpa-pemantauan", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return live_server.url


@pytest.fixture
def demo_monitoring_site(transactional_db, live_server, settings, tmp_path):
    """The whole demo, monitoring included (TW I-III of the Gorontalo 2023 plan)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {**settings.STORAGES["private"], "OPTIONS": {"location": tmp_path / "private"}},
    }
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return live_server.url


@pytest.fixture
def shot():
    ARTIFACTS.mkdir(exist_ok=True)

    def save(page, name):
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)

    return save


def sign_in(page, base_url, username):
    page.goto(f"{base_url}/akun/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "renaksi-demo")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/")


@contextmanager
def signed_in(page, site, username, url):
    """Signs in as ``username`` and opens ``url``; signs out at the end of the block."""
    sign_in(page, site, username)
    page.goto(url)
    yield
    page.click("button:has-text('Keluar')")


def take_step(page, link, button, **fields):
    """Opens a workflow step's form by ``link``, fills ``fields`` and sends it by ``button``."""
    page.click(link)
    for name, value in fields.items():
        page.fill(f"#id_{name}", value)
    page.click(f"button:has-text('{button}')")


def submit(page):
    """Asks to submit from the plan page and confirms, whatever the completeness check says."""
    page.click("a:has-text('Ajukan ke sekretaris')")
    page.click("main form button.primary")


def expect_status(page, status):
    expect(page.locator(".meta .status")).to_have_text(status)


def month_cell(row, month):
    """The cell of ``month`` in a line's row: its months start at the row's ``data-m``."""
    return row.locator("td").nth(int(row.get_attribute("data-m")) + month - 1)


def toggle_month(row, month, scheduled):
    """Click a month cell and wait until it shows ``scheduled`` (the roving button tells it
    to a screen reader as aria-pressed)."""
    cell = month_cell(row, month)
    cell.click()
    expect(cell.locator("button.month")).to_have_attribute(
        "aria-pressed", "true" if scheduled else "false"
    )
    expect_scheduled(row, month, scheduled)


def expect_scheduled(row, month, scheduled):
    """Wait until ``month``'s cell of the row is saved as ``scheduled`` (shaded or not)."""
    cell = month_cell(row, month)
    expect(cell).not_to_have_class(re.compile(r"htmx-request"))
    if scheduled:
        expect(cell).to_have_class(re.compile(r"\bon\b"))
    else:
        expect(cell).not_to_have_class(re.compile(r"\bon\b"))
