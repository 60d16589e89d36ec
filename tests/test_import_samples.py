"""The two legacy sample workbooks import to exactly the figures in their .expected.json, from
the command line and from the admins' import page."""

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from plans.importers import import_workbook
from plans.models import RencanaAksi
from tests.samples import SAMPLES

FIXTURES = settings.BASE_DIR / "fixtures" / "demo"
CASES = [
    ("rencana-aksi-kpu-kota-tomohon-2023", "tomohon-2023.json", "KPU-KOTA-TOMOHON"),
    ("rencana-aksi-kpu-provinsi-gorontalo-2023", "gorontalo-2023.json", "KPU-PROV-GORONTALO"),
]


def as_seed(tree):
    """The demo fixture's tree as its seed workbook writes it: the demo gives most Gorontalo
    lines the 6-digit akun their seed codes leave out (``3364.BDB.003`` ->
    ``3364.BDB.003.521211``, for the budget pages), the sample keeps the seed's codes."""
    text = re.sub(r'("akun": "[^"]+)\.\d{6}"', r'\1"', json.dumps(tree, ensure_ascii=False))
    return json.loads(text)


def expected(sample):
    return json.loads((SAMPLES / f"{sample}.expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("sample", "_fixture", "code"), CASES)
def test_sample_imports_through_the_command_to_the_expected_figures(
    satkers, sample, _fixture, code
):
    out = StringIO()
    call_command("import_renaksi", str(SAMPLES / f"{sample}.xlsx"), "--json", stdout=out)
    report = json.loads(out.getvalue())
    assert {key: report[key] for key in expected(sample)} == expected(sample)
    assert (report["satker"], report["year"], report["errors"]) == (code, 2023, [])
    plan = RencanaAksi.objects.get(satker__code=code, year=2023)
    assert plan.lines.count() == expected(sample)["rencana_kegiatan"]
    assert plan.get_total_biaya() == expected(sample)["total_biaya"]
    assert sum(len(line.months) for line in plan.lines.all()) == expected(sample)["bulan_terjadwal"]


@pytest.mark.parametrize(("sample", "fixture", "code"), CASES)
def test_sample_reads_to_the_same_tree_and_layout_as_the_demo_fixture(
    satkers, sample, fixture, code
):
    demo = json.loads((FIXTURES / fixture).read_text(encoding="utf-8"))
    result = import_workbook(SAMPLES / f"{sample}.xlsx", dry_run=True)
    assert result.errors == []
    assert result.tree == as_seed(demo["sasaran_strategis"])
    fields = result.plan_fields
    assert fields["title"].splitlines() == demo["title"]
    assert fields["columns"] == demo["columns"]
    assert fields["column_labels"] == demo["column_labels"]
    assert fields["month_style"] == demo["month_style"]
    assert fields["show_column_numbers"] == demo["show_column_numbers"]
    signatory = demo["signatory"]
    assert fields["signatory_title"] == signatory["title"]
    assert fields["signatory_name"] == signatory["name"]
    assert fields["signatory_place"] == signatory["place"]
    assert not RencanaAksi.objects.exists()


def test_tomohon_merged_kegiatan_over_three_indicators_is_one_line_spanning_them(satkers):
    call_command("import_renaksi", str(SAMPLES / f"{CASES[0][0]}.xlsx"), stdout=StringIO())
    plan = RencanaAksi.objects.get(satker__code="KPU-KOTA-TOMOHON")
    line = plan.lines.get(kegiatan__text="Penyusunan Peraturan Pemilu")
    assert (line.indikator_span, line.months) == (3, list(range(1, 13)))
    assert plan.signatory_name == "Stella S. Sompe"
    assert plan.month_label(5) == "B 5"


@pytest.mark.parametrize(("sample", "_fixture", "code"), CASES)
def test_sample_preview_shows_counts_and_total_then_confirm_creates_the_plan(
    satkers, media, admin_client, sample, _fixture, code
):
    figures = expected(sample)
    with open(SAMPLES / f"{sample}.xlsx", "rb") as upload:
        response = admin_client.post(reverse("import_upload"), {"file": upload})
    assert response.status_code == 302
    preview_url = response["Location"]

    page = admin_client.get(preview_url).content.decode()
    if figures["total_biaya"]:
        assert "Rp " + f"{figures['total_biaya']:,}".replace(",", ".") in page
    else:  # a layout without costs shows no total rather than "Rp 0"
        assert "Rp 0" not in page
    for key in ["sasaran_strategis", "indikator", "rencana_kegiatan", "bulan_terjadwal"]:
        assert f'<td class="num">{figures[key]}</td>' in page
    assert "Impor sekarang" in page
    assert not RencanaAksi.objects.exists()

    response = admin_client.post(preview_url)
    assert response.status_code == 302
    plan = RencanaAksi.objects.get(satker__code=code, year=2023)
    assert plan.lines.count() == figures["rencana_kegiatan"]
    assert list((Path(media) / "imports").iterdir()) == []
    assert admin_client.get(preview_url).status_code == 404


def test_preview_lists_every_error_and_offers_no_confirm_button(satkers, media, admin_client):
    with open(SAMPLES / f"{CASES[1][0]}.xlsx", "rb") as upload:
        response = admin_client.post(
            reverse("import_upload"), {"file": upload, "satker": "KPU-RI", "year": "1999"}
        )
    assert response.status_code == 200  # the year is refused by the form itself
    assert "2000" in response.content.decode()

    RencanaAksi.objects.create(
        satker=satkers["KPU-PROV-GORONTALO"], year=2023, title="X", status="approved"
    )
    with open(SAMPLES / f"{CASES[1][0]}.xlsx", "rb") as upload:
        response = admin_client.post(reverse("import_upload"), {"file": upload}, follow=True)
    page = response.content.decode()
    assert "berstatus Disetujui" in page
    assert "Impor sekarang" not in page


def test_import_page_is_for_admins_only(satkers, media, client, planner, admin_client):
    url = reverse("import_upload")
    assert client.get(url).status_code == 302  # anonymous: to the login page
    assert reverse("login") in client.get(url)["Location"]
    client.force_login(planner)
    assert client.get(url).status_code == 403
    assert admin_client.get(url).status_code == 200


def test_a_preview_token_only_works_for_the_admin_who_uploaded(
    satkers, media, admin_client, client, django_user_model
):
    with open(SAMPLES / f"{CASES[0][0]}.xlsx", "rb") as upload:
        preview_url = admin_client.post(reverse("import_upload"), {"file": upload})["Location"]
    other = django_user_model.objects.create_user("admin.lain", is_staff=True)
    client.force_login(other)
    assert client.get(preview_url).status_code == 404
    assert client.post(preview_url).status_code == 404
    assert not RencanaAksi.objects.exists()
    traversal = reverse("import_preview", args=["..%2F..%2Fsettings"])
    assert admin_client.get(traversal).status_code == 404
