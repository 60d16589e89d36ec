"""Numbers in URLs are read strictly: ``²`` or an endless number is a 404/400 or the
default, never a 500."""

import pytest
from django.urls import reverse

from plans.models import RencanaAksi, RencanaKegiatan
from plans.params import parse_int


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12", 12),
        (" 7 ", 7),
        ("²", None),
        ("1²", None),
        ("٣", None),
        ("1_000", None),
        ("-1", None),
        ("0", None),
        ("9" * 19, None),
        ("", None),
        (None, None),
        (42, 42),
    ],
)
def test_parse_int_takes_only_plain_ascii_digits_within_bounds(value, expected):
    assert parse_int(value) == expected


def login(client, username):
    assert client.login(username=username, password="renaksi-demo")


@pytest.mark.parametrize("year", ["²", "9" * 30, "-1", "20x3"])
def test_province_overview_falls_back_to_the_latest_year(demo, client, year):
    login(client, "admin")
    response = client.get(reverse("province_overview"), {"tahun": year})
    assert response.status_code == 200
    assert response.context["year"] == 2023


@pytest.mark.parametrize("other", ["²", "9" * 30])
def test_comparing_with_a_strange_version_asks_to_choose_one(demo, client, other):
    login(client, "perencana.gorontalo")
    plan = demo["KPU-PROV-GORONTALO"]
    response = client.get(reverse("plan_compare", args=[plan.pk]), {"dari": other})
    assert response.status_code == 302


@pytest.mark.parametrize("parent", ["²", "9" * 30, "x"])
def test_adding_under_a_strange_parent_is_not_found(demo, client, parent):
    login(client, "perencana.gorontalo")
    plan = demo["KPU-PROV-GORONTALO"]
    url = reverse("node_add", args=[plan.pk, "kegiatan"])
    assert client.get(url, {"parent": parent}).status_code == 404


@pytest.mark.parametrize(
    "bulan", ["²:1:1", "{line}:²:1", "{line}:1:1:1", "{line}:1_0:1", "99999999999999999999:1:1"]
)
def test_a_strange_month_toggle_is_a_bad_request_and_changes_nothing(demo, client, bulan):
    login(client, "perencana.gorontalo")
    plan = demo["KPU-PROV-GORONTALO"]
    line = RencanaKegiatan.objects.filter(plan=plan).first()
    before = line.months
    response = client.post(
        reverse("month_toggle", args=[plan.pk]), {"bulan": bulan.format(line=line.pk)}
    )
    assert response.status_code == 400
    line.refresh_from_db()
    assert line.months == before
    assert RencanaAksi.objects.get(pk=plan.pk).status == RencanaAksi.Status.DRAFT
