"""The RPD, the budget checks and the pagu pages link to the satker-year's realisation and
deviation page."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    "page",
    [
        lambda plan: reverse("rpd_plan", args=[plan.pk]),
        lambda plan: reverse("budget_plan", args=[plan.pk]),
        lambda plan: reverse("pagu_detail", args=[plan.satker.code, plan.year]),
    ],
    ids=["rpd", "checks", "pagu"],
)
def test_budget_pages_link_to_the_realisation_page(client, planner, plan, page):
    client.force_login(planner)
    response = client.get(page(plan))
    assert response.status_code == 200
    execution = reverse("budget_execution", args=[plan.satker.code, plan.year])
    assert f'href="{execution}"' in response.content.decode()
    assert client.get(execution).status_code == 200
