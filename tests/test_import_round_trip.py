"""A plan exported by ``plans.exports.xlsx.build_workbook`` imports back to the same plan:
same tree (texts, order, spans), months, costs, akun, layout and signatory."""

import datetime
import io
import json

import pytest
from django.conf import settings

from plans.exports.xlsx import build_workbook
from plans.importers import import_workbook
from plans.models import RencanaAksi

FIXTURES = settings.BASE_DIR / "fixtures" / "demo"
LAYOUT_FIELDS = [
    *("title", "columns", "column_labels", "month_style", "show_column_numbers", "paper"),
    *(f"signatory_{part}" for part in ("place", "date", "acknowledge", "title", "name", "nip")),
]


def exported(plan):
    stream = io.BytesIO()
    build_workbook(plan).save(stream)
    return stream.getvalue()


@pytest.mark.parametrize(
    ("code", "fixture"),
    [("KPU-KOTA-TOMOHON", "tomohon-2023.json"), ("KPU-PROV-GORONTALO", "gorontalo-2023.json")],
)
def test_exported_plan_reimports_to_the_same_plan(demo, code, fixture):
    plan = demo[code]
    plan.signatory_date = datetime.date(2023, 1, 2)
    plan.signatory_nip = "19700101 199001 1 001"
    plan.save()
    before = {name: getattr(plan, name) for name in LAYOUT_FIELDS}
    tree = json.loads((FIXTURES / fixture).read_text(encoding="utf-8"))["sasaran_strategis"]

    result = import_workbook(exported(plan), replace=True)

    assert (result.errors, result.satker.code, result.year) == ([], code, 2023)
    assert result.tree == tree
    plan = RencanaAksi.objects.get(pk=plan.pk)
    assert {name: getattr(plan, name) for name in LAYOUT_FIELDS} == before
    lines = list(plan.lines.order_by("kegiatan__indikator__order", "kegiatan__order", "order"))
    assert len(lines) == sum(1 for _ in result.lines())
