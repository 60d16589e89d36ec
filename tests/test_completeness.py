"""What a plan still lacks: the planner sees it before submitting, the secretary after."""

import pytest
from django.urls import reverse

from plans import workflow
from plans.completeness import find_gaps
from plans.models import IndikatorKinerja, RencanaKegiatan, SasaranStrategis
from tests.factories import LineFactory, SasaranStrategisFactory


@pytest.fixture
def gorontalo(demo):
    return demo["KPU-PROV-GORONTALO"]


def test_a_complete_plan_has_no_gaps(gorontalo):
    RencanaKegiatan.objects.filter(plan=gorontalo, biaya__isnull=False, akun="").update(
        akun="3358.EBC.954.A"
    )
    IndikatorKinerja.objects.filter(plan=gorontalo, target="").update(target="100%")
    RencanaKegiatan.objects.filter(plan=gorontalo).update(b1=True)
    assert find_gaps(gorontalo) == []


def test_each_kind_of_gap_is_found_and_links_to_its_row(gorontalo):
    empty = SasaranStrategisFactory(plan=gorontalo, number="9.", text="Sasaran tanpa kegiatan")
    indikator = IndikatorKinerja.objects.filter(plan=gorontalo).first()
    indikator.target = ""
    indikator.save()
    line = LineFactory(kegiatan__indikator=indikator, text="", biaya=1_000_000, akun="")
    line.months = []
    line.save()
    gaps = {gap.anchor: gap.message for gap in find_gaps(gorontalo)}
    assert gaps[f"sasaran-{empty.pk}"] == "Sasaran 9 belum punya kegiatan."
    assert "belum punya target" in gaps[f"indikator-{indikator.pk}"]
    line_gaps = [gap.message for gap in find_gaps(gorontalo) if gap.anchor == f"baris-{line.pk}"]
    assert len(line_gaps) == 3
    assert any("belum punya uraian" in message for message in line_gaps)
    assert any("belum dijadwalkan" in message for message in line_gaps)
    assert any("belum punya akun" in message for message in line_gaps)


def test_the_compact_layout_asks_only_for_what_it_prints(demo):
    tomohon = demo["KPU-KOTA-TOMOHON"]
    messages = [gap.message for gap in find_gaps(tomohon)]
    assert not any("akun" in message or "uraian" in message for message in messages)


def test_submitting_asks_first_and_lists_a_sasaran_without_kegiatan(gorontalo, client):
    empty = SasaranStrategisFactory(plan=gorontalo, number="9.", text="Sasaran tanpa kegiatan")
    assert client.login(username="perencana.gorontalo", password="renaksi-demo")
    page = client.get(reverse("plan_submit", args=[gorontalo.pk])).content.decode()
    assert "Sasaran 9 belum punya kegiatan." in page
    assert f'href="{gorontalo.get_absolute_url()}#sasaran-{empty.pk}"' in page
    gorontalo.refresh_from_db()
    assert gorontalo.status == "draft"  # asking changes nothing
    client.post(reverse("plan_submit", args=[gorontalo.pk]))
    gorontalo.refresh_from_db()
    assert gorontalo.status == "submitted"


def test_the_secretary_sees_the_same_gaps_on_the_submitted_plan(
    gorontalo, client, django_user_model
):
    SasaranStrategisFactory(plan=gorontalo, number="9.", text="Sasaran tanpa kegiatan")
    workflow.submit(gorontalo, django_user_model.objects.get(username="perencana.gorontalo"))
    assert client.login(username="sekretaris.gorontalo", password="renaksi-demo")
    page = client.get(gorontalo.get_absolute_url()).content.decode()
    assert "Sasaran 9 belum punya kegiatan." in page


def test_reading_the_gaps_takes_the_same_queries_for_any_size(
    gorontalo, demo, django_assert_num_queries
):
    for plan in demo.values():
        with django_assert_num_queries(5):
            find_gaps(plan)
    assert SasaranStrategis.objects.count() > 5
