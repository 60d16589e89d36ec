"""A line costs at most Rp 1 triliun: the form, the importer and the database all refuse
more, so one slipped key cannot overflow the totals every page sums."""

import io
import json

import pytest
from django.conf import settings
from django.db import IntegrityError
from django.urls import reverse

from plans.importers import import_workbook
from plans.models import RencanaAksi, RencanaKegiatan
from tests.factories import LineFactory
from tests.matrix_workbooks import write_matrix

TREE = json.loads(
    (settings.BASE_DIR / "fixtures" / "demo" / "gorontalo-2023.json").read_text(encoding="utf-8")
)["sasaran_strategis"]


def test_the_line_form_refuses_a_cost_over_one_trillion_and_saves_nothing(demo, client):
    line = RencanaKegiatan.objects.get(text="ATK Administrasi Kepegawaian")
    assert client.login(username="perencana.gorontalo", password="renaksi-demo")
    response = client.post(
        reverse("node_edit", args=["baris", line.pk]),
        {
            "text": line.text,
            "biaya": "Rp 9.000.000.000.000.000.000",
            "akun": line.akun,
            "ket": "",
            "lock_version": line.lock_version,
        },
    )
    assert response.status_code == 200
    assert "1 triliun" in response.content.decode()
    line.refresh_from_db()
    assert line.biaya == 8_378_000
    assert client.get("/").status_code == 200


def test_the_database_refuses_a_line_over_one_trillion(plan):
    with pytest.raises(IntegrityError):
        LineFactory(
            kegiatan__indikator__sasaran_program__sasaran_strategis__plan=plan, biaya=10**13
        )


def test_an_import_with_a_cost_over_one_trillion_names_the_cell_and_saves_nothing(satkers):
    book = write_matrix(TREE)
    book["Renaksi"]["U7"] = "9.000.000.000.000.000.000"
    stream = io.BytesIO()
    book.save(stream)
    result = import_workbook(stream.getvalue())
    assert result.errors == [
        'Sheet Renaksi, baris 7, kolom PERKIRAAN BIAYA (U): "9.000.000.000.000.000.000" '
        "melebihi batas Rp 1.000.000.000.000 (1 triliun) per baris"
    ]
    assert not RencanaAksi.objects.exists()
