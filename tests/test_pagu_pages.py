"""The pagu page: planners add, change and delete lines and import a sheet; readers see it
(403 on writes); outsiders get 404; the page's queries do not grow with the pagu."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from budgets.models import Akun, Pagu, PaguLine
from tests.pagu_files import FLAT_CSV, LINES, POK_XLSX
from tests.queries import queries_of


@pytest.fixture
def pagu(satker):
    pagu = Pagu.objects.create(satker=satker, year=2024)
    PaguLine.objects.bulk_create(
        [PaguLine(pagu=pagu, kode=k, uraian=u, jumlah=j).prepare() for k, u, j in LINES]
    )
    return pagu


def url(name, *args, satker="KPU-KAB-SATU", year=2024):
    return reverse(name, args=[satker, year, *args])


def test_the_page_shows_every_level_with_its_rolled_up_amount(client, planner, pagu):
    client.force_login(planner)
    page = client.get(url("pagu_detail")).content.decode()
    assert 'id="pagu-total">Rp 119.128.000<' in page
    for kode, amount in [
        ("3358.EBC.954.051", "Rp 26.878.000"),
        ("3358.EBC.954.051.A", "Rp 24.878.000"),
        ("6709", "Rp 67.250.000"),
    ]:
        row = page.split(f'data-kode="{kode}"', 1)[1].split("</tr>", 1)[0]
        assert f'<td class="num">{amount}</td>' in row
    assert "Belanja Modal (53)" in page and "Rp 25.000.000" in page
    assert url("pagu_line_add") in page


def test_a_reader_sees_the_pagu_without_forms_and_is_refused_writes(client, secretary, pagu):
    client.force_login(secretary)
    page = client.get(url("pagu_detail")).content.decode()
    assert "Rp 119.128.000" in page and url("pagu_line_add") not in page
    line = pagu.lines.first()
    for response in [
        client.post(url("pagu_line_add"), {"kode": "521211", "jumlah": "1"}),
        client.post(url("pagu_line_edit", line.pk), {"kode": "521211", "jumlah": "1"}),
        client.post(url("pagu_line_delete", line.pk)),
        client.get(url("pagu_import")),
    ]:
        assert response.status_code == 403
    assert pagu.lines.count() == 7


def test_an_outsider_gets_404_everywhere(client, outsider, pagu):
    client.force_login(outsider)
    line = pagu.lines.first()
    assert client.get(url("pagu_detail")).status_code == 404
    assert client.post(url("pagu_line_delete", line.pk)).status_code == 404
    assert client.get(url("pagu_import")).status_code == 404
    assert pagu.lines.count() == 7


def test_a_planner_adds_a_line_in_the_indonesian_way_and_its_parts_are_stored(client, planner):
    client.force_login(planner)
    response = client.post(
        url("pagu_line_add"),
        {"kode": "6709.qge.004.001.a.521219", "uraian": "Barang", "jumlah": "Rp 7.250.000"},
    )
    assert response.status_code == 302
    line = PaguLine.objects.get()
    assert (line.kode, line.jumlah, line.ro, line.akun, line.pagu.updated_by) == (
        "6709.QGE.004.001.A.521219",
        7_250_000,
        "004",
        "521219",
        planner,
    )


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"kode": "3358.EB.954", "jumlah": "1"}, "kode", 'Kode akun "3358.EB.954" tidak sah'),
        ({"kode": "521211", "jumlah": "16.4OO"}, "jumlah", '"16.4OO" bukan nilai rupiah'),
        (
            {"kode": "3358.EBC.954.051.A.521211", "jumlah": "1"},
            "kode",
            "Kode 3358.EBC.954.051.A.521211 sudah ada di pagu ini",
        ),
        (
            {"kode": "3358.EBC.954", "jumlah": "1"},
            "kode",
            "Kode ini bertumpang dengan baris 3358.EBC.954.051.A.521211",
        ),
    ],
)
def test_a_bad_line_is_refused_with_its_reason_and_nothing_changes(
    client, planner, pagu, data, field, message
):
    client.force_login(planner)
    response = client.post(url("pagu_line_add"), data)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert pagu.lines.count() == 7


def test_a_planner_changes_and_deletes_a_line(client, planner, pagu):
    client.force_login(planner)
    line = pagu.lines.get(kode="3358.EBC.954.052.A.532111")
    assert client.get(url("pagu_line_edit", line.pk)).status_code == 200
    response = client.post(
        url("pagu_line_edit", line.pk),
        {"kode": "3358.EBC.954.052.B.532111", "uraian": "Modal", "jumlah": "30.000.000"},
    )
    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.kode, line.subkomponen, line.jumlah) == (
        "3358.EBC.954.052.B.532111",
        "B",
        30_000_000,
    )
    assert client.post(url("pagu_line_delete", line.pk)).status_code == 302
    assert pagu.lines.count() == 6
    other_year = client.post(url("pagu_line_delete", pagu.lines.first().pk, year=2025))
    assert other_year.status_code == 404


def test_a_planner_uploads_sees_the_preview_and_confirms(client, planner, pagu):
    client.force_login(planner)
    upload = SimpleUploadedFile("pok.xlsx", POK_XLSX.read_bytes())
    response = client.post(url("pagu_import"), {"file": upload})
    assert response.status_code == 302
    preview = client.get(response.url)
    page = preview.content.decode()
    assert "Rp 119.128.000" in page and "POK" in page and "sudah ada" in page
    assert pagu.lines.count() == 7 and not pagu.lines.filter(uraian="").exists()
    confirmed = client.post(response.url)
    assert confirmed.status_code == 302
    assert pagu.lines.count() == 7
    assert Pagu.objects.get(pk=pagu.pk).source == "Impor pok.xlsx"
    assert client.get(response.url).status_code == 404  # the upload is gone


def test_a_sheet_with_errors_is_shown_at_its_cells_and_cannot_be_confirmed(client, planner):
    client.force_login(planner)
    text = FLAT_CSV.read_text().replace("12000000", "12.OOO.000")
    upload = SimpleUploadedFile("pagu.csv", text.encode())
    preview = client.get(client.post(url("pagu_import"), {"file": upload}).url)
    page = preview.content.decode()
    assert 'id="baris-4"' in page and '<td class="cell-error">12.OOO.000</td>' in page
    assert "kolom jumlah (C): &quot;12.OOO.000&quot; bukan nilai rupiah" in page
    assert "Impor dan ganti pagu" not in page
    assert client.post(preview.wsgi_request.path).status_code == 200
    assert not PaguLine.objects.exists()


def test_another_users_upload_is_not_found(client, planner, admin_user):
    client.force_login(planner)
    upload = SimpleUploadedFile("pagu.csv", FLAT_CSV.read_bytes())
    preview_url = client.post(url("pagu_import"), {"file": upload}).url
    client.force_login(admin_user)
    assert client.get(preview_url).status_code == 404


def test_the_page_takes_the_same_queries_for_a_small_and_a_large_pagu(client, planner, pagu):
    client.force_login(planner)
    small = queries_of(client, url("pagu_detail"))
    large = Pagu.objects.create(satker=pagu.satker, year=2025)
    PaguLine.objects.bulk_create(
        PaguLine(pagu=large, kode=f"3358.EBC.{ro:03}.051.A.5212{akun:02}", jumlah=1000).prepare()
        for ro in range(1, 41)
        for akun in range(10, 35)
    )
    assert queries_of(client, url("pagu_detail", year=2025)) == small


def test_years_outside_the_budget_range_are_not_found(client, planner):
    client.force_login(planner)
    assert client.get(url("pagu_detail", year=1999)).status_code == 404


def test_the_admin_lists_pagu_and_its_lines_and_a_saved_line_gets_its_parts(
    client, admin_user, pagu
):
    client.force_login(admin_user)
    assert client.get(reverse("admin:budgets_pagu_change", args=[pagu.pk])).status_code == 200
    assert client.get(reverse("admin:budgets_paguline_changelist")).status_code == 200
    response = client.post(
        reverse("admin:budgets_paguline_add"),
        {"pagu": pagu.pk, "kode": "6871.qge.521211", "uraian": "x", "jumlah": "Rp 1.000"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    line = pagu.lines.get(kode="6871.QGE.521211")
    assert (line.kegiatan, line.kro, line.akun, line.jumlah) == ("6871", "QGE", "521211", 1000)


def test_the_page_names_the_higher_levels_from_the_akun_catalogue(client, planner, pagu):
    Akun.objects.create(code="3358.EBC.954", uraian="Layanan Manajemen SDM Internal")
    client.force_login(planner)
    page = client.get(url("pagu_detail")).content.decode()
    row = page.split('data-kode="3358.EBC.954"', 1)[1].split("</tr>", 1)[0]
    assert "Layanan Manajemen SDM Internal" in row


def test_an_upload_over_the_size_limit_is_refused_before_it_is_read(client, planner, settings):
    client.force_login(planner)
    settings.MAX_UPLOAD_BYTES = 1024 * 1024
    upload = SimpleUploadedFile("pagu.csv", b"kode;uraian;jumlah\n" + b"x" * 1024 * 1024)
    response = client.post(url("pagu_import"), {"file": upload})
    assert response.status_code == 200
    assert "Berkas terlalu besar; batasnya 1 MB." in response.content.decode()
    assert not PaguLine.objects.exists()
