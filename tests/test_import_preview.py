"""The admins' import preview: each file in its own columns and labels, targets and costs
where the layout has them, bad rows highlighted with their messages at the row, and an
existing draft replaced only through the preview's own button."""

import io
import json
from html.parser import HTMLParser

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans.importers import import_workbook
from plans.models import RencanaAksi
from tests.matrix_workbooks import write_matrix
from tests.samples import SAMPLES

TOMOHON = SAMPLES / "rencana-aksi-kpu-kota-tomohon-2023.xlsx"
GORONTALO = SAMPLES / "rencana-aksi-kpu-provinsi-gorontalo-2023.xlsx"
TREE = json.loads(
    (settings.BASE_DIR / "fixtures" / "demo" / "gorontalo-2023.json").read_text(encoding="utf-8")
)["sasaran_strategis"]
REPLACE = "Ganti rencana draf yang ada"


class Tables(HTMLParser):
    """The tables of a page: class, header texts and body rows (class, cells as (class, text))."""

    def __init__(self, html):
        super().__init__()
        self.tables, self._cell, self._section = [], None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.tables.append({"class": attrs.get("class", ""), "head": [], "rows": []})
        elif tag in ("thead", "tbody"):
            self._section = tag
        elif tag == "tr" and self._section == "tbody":
            self.tables[-1]["rows"].append({"class": attrs.get("class") or "", "cells": []})
        elif tag in ("td", "th"):
            self._cell = [attrs.get("class") or "", ""]

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[1] += data

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            css, text = self._cell[0], " ".join(self._cell[1].split())
            if self._section == "thead":
                self.tables[-1]["head"].append(text)
            else:
                self.tables[-1]["rows"][-1]["cells"].append((css, text))
            self._cell = None
        elif tag in ("thead", "tbody"):
            self._section = None


def table(page, css):
    """The one table of ``page`` whose class list holds ``css``."""
    found = [t for t in Tables(page).tables if css in t["class"].split()]
    assert len(found) == 1, f"{len(found)} tables .{css}"
    return found[0]


def texts(row):
    return [text for _css, text in row["cells"]]


def upload(client, file, **data):
    """Upload ``file`` (a path or bytes) on the import page; returns the preview's address."""
    content = file if isinstance(file, bytes) else file.read_bytes()
    response = client.post(
        reverse("import_upload"), {"file": SimpleUploadedFile("renaksi.xlsx", content), **data}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


def bad_workbook():
    """The Gorontalo tree with a bad akun on row 8 and a word for a month mark on row 9."""
    book = write_matrix(TREE)
    book["Renaksi"]["V8"] = "3358.EB.954"
    book["Renaksi"]["H9"] = "ya"
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def test_compact_file_previews_in_its_own_columns_and_labels_without_costs(
    satkers, media, admin_client
):
    page = admin_client.get(upload(admin_client, TOMOHON)).content.decode()
    preview = table(page, "import-preview")
    months = [f"B {month}" for month in range(1, 13)]
    assert preview["head"] == [
        *("No", "Program", "Sasaran Strategis", "Indikator kinerja", "Kegiatan"),
        *("Rencana Pelaksanaan", *months),
    ]
    rows = preview["rows"]
    assert len(rows) == 10 and all(len(row["cells"]) == 17 for row in rows)
    assert texts(rows[0])[0] == "1"
    spanning = next(row for row in rows if "Penyusunan Peraturan Pemilu" in texts(row)[4])
    assert texts(spanning)[4] == "Penyusunan Peraturan Pemilu (mencakup 3 indikator)"
    assert all("scheduled" in css for css, _text in spanning["cells"][5:])
    # No cost column, no total, no programme count the layout does not print.
    assert "Rp " not in page and "Total biaya" not in page
    summary = [texts(row)[0] for row in table(page, "import-summary")["rows"]]
    assert "Sasaran program" not in summary and "Tidak" not in page
    assert "Impor sekarang" in page


def test_full_file_previews_targets_costs_and_each_node_on_its_first_row(
    satkers, media, admin_client
):
    page = admin_client.get(upload(admin_client, GORONTALO)).content.decode()
    preview = table(page, "import-preview")
    assert preview["head"][:8] == [
        *("NO", "SASARAN STRATEGIS", "SASARAN PROGRAM", "INDIKATOR KINERJA", "TARGET"),
        *("KEGIATAN", "Rencana Kegiatan", "RENCANA PELAKSANAAN KEGIATAN"),
    ]
    # The labels of the first header row, then the months under theirs.
    assert preview["head"][8:11] == ["PERKIRAAN BIAYA", "AKUN", "KET"]
    assert preview["head"][11:] == [str(month) for month in range(1, 13)]
    first, second = texts(preview["rows"][0]), texts(preview["rows"][1])
    assert (first[0], first[4], first[6]) == ("1.", "97,5%", "ATK Administrasi Kepegawaian")
    assert (first[19], first[20]) == ("Rp 8.378.000", "3358.EBC.954.A")
    assert (second[0], second[1], second[4]) == ("", "", "90%")  # the sasaran printed once
    summary = dict(texts(row) for row in table(page, "import-summary")["rows"])
    assert (summary["Lembar"], summary["Total biaya"]) == ("Renaksi", "Rp 10.060.818.000")


def test_bad_rows_are_highlighted_with_their_messages_at_the_row(satkers, media, admin_client):
    page = admin_client.get(upload(admin_client, bad_workbook())).content.decode()
    problems = table(page, "import-problems")
    assert problems["head"][0] == "Baris"
    rows = problems["rows"]
    assert [row["class"] for row in rows] == ["row-error", "row-error-messages"] * 2
    akun_row, akun_messages, month_row, month_messages = rows
    assert texts(akun_row)[0] == "8"
    assert ("cell-error", "3358.EB.954") in akun_row["cells"]
    assert texts(akun_messages)[0].startswith('kolom AKUN (V): Kode akun "3358.EB.954" tidak sah')
    assert texts(month_row)[0] == "9"
    assert ("m cell-error", "ya") in month_row["cells"]
    assert texts(month_messages)[0].startswith('kolom bulan 1 (H): "ya" bukan tanda jadwal')
    assert "2 kesalahan — tidak ada yang akan disimpan" in page
    assert 'class="errors import-errors"' not in page  # every error is shown at its row
    assert "Impor sekarang" not in page and REPLACE not in page


def test_problem_rows_keep_the_error_texts_and_name_the_cells(satkers):
    result = import_workbook(bad_workbook(), dry_run=True)
    assert [row.row for row in result.problem_rows] == [8, 9]
    assert [error for row in result.problem_rows for error, _text in row.messages] == (
        result.errors
    )
    assert result.errors[0].startswith("Sheet Renaksi, baris 8, kolom AKUN (V): Kode akun")
    marked = [cell.column.key for row in result.problem_rows for cell in row.cells if cell.error]
    assert marked == ["akun", "b1"]
    assert result.general_errors() == []


def test_errors_without_a_row_stay_listed_above_the_rows(satkers, media, admin_client):
    book = write_matrix(TREE, title=["RENCANA AKSI TAHUN 2023", "KPU KABUPATEN ATLANTIS"])
    book["Renaksi"]["H9"] = "ya"
    stream = io.BytesIO()
    book.save(stream)
    page = admin_client.get(upload(admin_client, stream.getvalue())).content.decode()
    assert "Satker &quot;KPU KABUPATEN ATLANTIS&quot; dari baris judul tidak dikenal" in page
    assert [texts(row)[0] for row in table(page, "import-problems")["rows"][::2]] == ["9"]


def test_an_existing_draft_is_replaced_only_by_the_preview_button(demo, media, admin_client):
    plan = demo["KPU-PROV-GORONTALO"]
    RencanaAksi.objects.filter(pk=plan.pk).update(title="Draf lama")
    url = upload(admin_client, GORONTALO)
    page = admin_client.get(url).content.decode()
    assert "Rencana aksi KPU Provinsi Gorontalo tahun 2023 (versi 1) sudah ada" in page
    assert REPLACE in page and 'name="replace" value="1"' in page
    assert "--replace" not in page and "Impor sekarang" not in page
    assert "kesalahan" not in page  # the existing draft is a question, not an error

    # Confirming without the replace button's answer replaces nothing.
    response = admin_client.post(url)
    assert response.status_code == 200 and REPLACE in response.content.decode()
    plan.refresh_from_db()
    assert plan.title == "Draf lama"

    response = admin_client.post(url, {"replace": "1"})
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    plan.refresh_from_db()
    assert plan.title.startswith("RENCANA AKSI TAHUN 2023") and plan.status == "draft"
    assert (plan.lines.count(), RencanaAksi.objects.filter(satker=plan.satker).count()) == (45, 1)
    assert "diganti" in admin_client.get(response["Location"]).content.decode()
    assert admin_client.get(url).status_code == 404  # the upload is gone


def test_a_submitted_plan_is_refused_with_the_way_to_a_revision(satkers, media, admin_client):
    plan = RencanaAksi.objects.create(
        satker=satkers["KPU-PROV-GORONTALO"], year=2023, title="Diajukan", status="submitted"
    )
    url = upload(admin_client, GORONTALO)
    page = admin_client.get(url).content.decode()
    assert "Buat revisinya lebih dulu" in page and plan.get_absolute_url() in page
    assert REPLACE not in page and "Impor sekarang" not in page
    assert admin_client.post(url, {"replace": "1"}).status_code == 200
    plan.refresh_from_db()
    assert (plan.title, plan.status, plan.lines.count()) == ("Diajukan", "submitted", 0)


def test_upload_form_is_a_panel_like_the_sites_other_forms(db, admin_client):
    page = admin_client.get(reverse("import_upload")).content.decode()
    assert '<section class="panel narrow">' in page
    assert page.count('<div class="field">') == 3  # file, satker, year
    assert 'name="replace"' not in page  # replacing is asked on the preview
