import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from plans.models import RencanaAksi, RencanaKegiatan, SasaranStrategis, Satker
from tests.factories import (
    IndikatorFactory,
    KegiatanFactory,
    LineFactory,
    PlanFactory,
    SasaranProgramFactory,
    SasaranStrategisFactory,
)


def test_one_current_plan_per_satker_and_year(plan):
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanFactory(satker=plan.satker, year=plan.year)
    PlanFactory(satker=plan.satker, year=plan.year + 1)


def test_a_revision_may_exist_beside_the_version_it_replaces(plan):
    plan.is_latest = False
    plan.save(update_fields=["is_latest"])
    revision = PlanFactory(satker=plan.satker, year=plan.year, version=2, revision_of=plan)
    assert revision.is_latest
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanFactory(satker=plan.satker, year=plan.year, version=2, is_latest=False)


def test_the_current_plan_constraint_explains_itself_in_validation(plan):
    duplicate = RencanaAksi(satker=plan.satker, year=plan.year, title="x")
    with pytest.raises(ValidationError) as error:
        duplicate.validate_constraints()
    assert "sudah punya rencana aksi" in str(error.value)


def test_only_draft_or_returned_latest_versions_are_editable(plan):
    for status, editable in [
        ("draft", True),
        ("returned", True),
        ("submitted", False),
        ("approved", False),
        ("superseded", False),
    ]:
        plan.status = status
        assert plan.is_editable is editable
    plan.status = "draft"
    plan.is_latest = False
    assert not plan.is_editable


def test_satker_levels_need_the_right_parent(db):
    ri = Satker.objects.create(code="RI", name="KPU RI", level="ri")
    prov = Satker(code="P", name="Prov", level="provinsi", parent=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        prov.save()
    kab = Satker(code="K", name="Kab", level="kabkota", parent=ri)
    with pytest.raises(ValidationError) as error:
        kab.full_clean()
    assert "KPU Provinsi" in str(error.value)


def test_tree_prints_in_the_chosen_order_not_the_number_or_insert_order(plan):
    for order, number in [(3, "12"), (1, "1"), (2, "27")]:
        SasaranStrategisFactory(plan=plan, order=order, number=number)
    assert [s.number for s in plan.sasaran_strategis.all()] == ["1", "27", "12"]


def test_nodes_take_their_plan_from_their_parent(plan):
    sasaran = SasaranStrategisFactory(plan=plan)
    program = SasaranProgramFactory(sasaran_strategis=sasaran, plan=PlanFactory(year=1999 + 31))
    assert program.plan == plan


def test_line_months_are_queryable(plan):
    may = LineFactory(
        kegiatan=KegiatanFactory(indikator__sasaran_program__sasaran_strategis__plan=plan)
    )
    may.months = [5, 6]
    may.save()
    LineFactory(kegiatan=may.kegiatan, b1=True)
    assert list(RencanaKegiatan.objects.in_month(5)) == [may]
    assert may.months == [5, 6]
    with pytest.raises(ValueError, match="1-12"):
        RencanaKegiatan.objects.in_month(13)


def test_line_stores_the_parts_of_its_akun_code(plan):
    line = LineFactory(
        kegiatan__indikator__sasaran_program__sasaran_strategis__plan=plan, akun="6710.qge.001.c"
    )
    line.refresh_from_db()
    assert line.akun == "6710.QGE.001.C"
    # "C" right after the RO is a subkomponen: the 3-digit komponen is unknown
    assert (line.akun_kegiatan, line.akun_kro, line.akun_ro, line.akun_komponen) == (
        "6710",
        "QGE",
        "001",
        "",
    )


def test_line_rejects_a_bad_akun_code_in_indonesian(plan):
    line = LineFactory.build(kegiatan=KegiatanFactory(), akun="3358.EB.954")
    with pytest.raises(ValidationError) as error:
        line.full_clean()
    assert "Kode akun" in str(error.value.message_dict["akun"])


def test_negative_cost_is_refused_by_the_database(plan):
    with pytest.raises(IntegrityError), transaction.atomic():
        LineFactory(kegiatan__indikator__sasaran_program__sasaran_strategis__plan=plan, biaya=-1)


def test_indicator_keeps_its_target_as_written_with_the_figure_beside_it(plan):
    indikator = IndikatorFactory(sasaran_program__sasaran_strategis__plan=plan, target=" 97,5% ")
    indikator.refresh_from_db()
    assert indikator.target == "97,5%"
    assert str(indikator.target_value) == "97.5000"
    assert indikator.target_unit == "%"


def test_totals_are_summed_per_level_and_a_spanning_line_counts_once(plan):
    first = IndikatorFactory(sasaran_program__sasaran_strategis__plan=plan)
    IndikatorFactory(sasaran_program=first.sasaran_program)
    kegiatan = KegiatanFactory(indikator=first)
    LineFactory(kegiatan=kegiatan, biaya=1_000, indikator_span=2)
    LineFactory(kegiatan=kegiatan, biaya=None)
    other = KegiatanFactory(indikator__sasaran_program__sasaran_strategis__plan=plan)
    LineFactory(kegiatan=other, biaya=500)

    assert plan.get_total_biaya() == 1_500
    assert RencanaAksi.objects.with_totals().get(pk=plan.pk).total_biaya == 1_500
    totals = dict(SasaranStrategis.objects.with_totals().values_list("pk", "total_biaya"))
    assert totals == {
        first.sasaran_program.sasaran_strategis_id: 1_000,
        other.indikator.sasaran_program.sasaran_strategis_id: 500,
    }
    assert kegiatan.__class__.objects.with_totals().get(pk=kegiatan.pk).total_biaya == 1_000


def test_totals_by_akun_level_add_up_to_the_plan_total(plan):
    from budgets.totals import totals_by

    kegiatan = KegiatanFactory(indikator__sasaran_program__sasaran_strategis__plan=plan)
    LineFactory(kegiatan=kegiatan, biaya=100, akun="3358.EBC.954.A")
    LineFactory(kegiatan=kegiatan, biaya=200, akun="3358.EBC.954.B")
    LineFactory(kegiatan=kegiatan, biaya=400, akun="6871.QGE")
    LineFactory(kegiatan=kegiatan, biaya=800, akun="")
    by_ro = totals_by(plan, "ro")
    assert {(r["akun_kegiatan"], r["akun_kro"], r["akun_ro"]): r["total"] for r in by_ro} == {
        ("", "", ""): 800,
        ("3358", "EBC", "954"): 300,
        ("6871", "QGE", ""): 400,
    }
    assert sum(r["total"] for r in totals_by(plan, "kegiatan")) == plan.get_total_biaya()
