"""A 1,000-line plan page stays light: under 600 KB of HTML, the queries of a 10-line plan.

The month cells are bare cells (one roving button in static/js/renaksi.js serves them all);
a button or a form per cell made the page ~2 MB."""

import re

import pytest
from django.db import transaction
from django.urls import reverse

from plans.building import build_tree
from tests.factories import PlanFactory, RoleFactory, SatkerFactory, large_tree
from tests.queries import queries_of

LIMIT = 600 * 1000


@pytest.fixture(scope="module")
def plans(django_db_setup, django_db_blocker):
    """A planner with a 10-line and a 1,000-line plan, built once for the module and rolled
    back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        satker = SatkerFactory(code="KPU-BERAT")
        user = RoleFactory(satker=satker, user__username="perencana.berat").user
        small, large = PlanFactory(satker=satker, year=2024), PlanFactory(satker=satker, year=2025)
        build_tree(small, large_tree(10))
        build_tree(large, large_tree(1000))
        yield user, small, large
        transaction.set_rollback(True)


def page_of(plan):
    return reverse("plan_detail", args=[plan.pk])


def test_the_1000_line_plan_page_is_under_600_kb(plans, client):
    user, _, large = plans
    client.force_login(user)
    response = client.get(page_of(large))
    assert response.status_code == 200
    assert len(response.content) < LIMIT, len(response.content)


def test_the_1000_line_plan_page_takes_the_queries_of_a_10_line_one(plans, client):
    user, small, large = plans
    client.force_login(user)
    client.get(page_of(small))  # the session and the user are loaded once
    assert queries_of(client, page_of(large)) == queries_of(client, page_of(small))


def test_the_light_page_still_shows_every_month_and_offers_every_edit(plans, client):
    user, _, large = plans
    client.force_login(user)
    page = client.get(page_of(large)).content.decode()
    lines = list(large.lines.all())
    scheduled = sum(len(line.months) for line in lines)
    assert page.count('<td class="on"') == scheduled
    # Every line row says where its months start; each line has one link to its editor.
    assert len(re.findall(r'<tr id="baris-\d+" data-m="\d+"', page)) == len(lines)
    for line in lines[:: len(lines) // 10]:
        assert page.count(f'href="{reverse("node_edit", args=["baris", line.pk])}"') == 1
    assert f'data-url="{reverse("month_toggle", args=[large.pk])}"' in page


def test_a_read_only_reader_gets_the_months_without_the_controls(plans, client):
    _, small, _ = plans
    secretary = RoleFactory(satker=small.satker, role="sekretaris").user
    client.force_login(secretary)
    page = client.get(page_of(small)).content.decode()
    assert '<td class="on"' in page
    assert "data-url=" not in page and "data-m=" not in page and 'class="ed"' not in page
