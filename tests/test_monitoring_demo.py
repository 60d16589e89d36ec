"""The monitoring demo (``monitoring.demo``, loaded by ``load_demo``): the Gorontalo 2023
plan approved and followed through TW I-III, each quarter in its own state."""

from django.core.management import call_command

from monitoring.models import (
    Evidence,
    IndicatorMethod,
    LineExecution,
    QuarterReport,
    Realisasi,
)
from monitoring.summary import summarize
from plans.models import RencanaAksi, StatusChange
from tests.queries import row_counts

GORONTALO = "KPU-PROV-GORONTALO"


def reports():
    return {
        report.tw: report
        for report in QuarterReport.objects.filter(satker__code=GORONTALO, year=2023)
    }


def test_the_gorontalo_plan_is_approved_with_tw_one_to_three_reported(demo_monitoring):
    plan = demo_monitoring[GORONTALO]
    assert plan.status == RencanaAksi.Status.APPROVED and plan.version == 1
    found = reports()
    assert sorted(found) == [1, 2, 3]
    assert [found[tw].status for tw in (1, 2, 3)] == ["verified", "returned", "draft"]
    assert all(report.plan_id == plan.pk for report in found.values())
    assert len(found[1].verification_code) == 10
    assert found[1].verified_by.username == "sekretaris.gorontalo"
    assert "belum didukung bukti" in found[2].return_reason
    assert found[3].reopened  # 2023's window closed: the demo's planner may still fill it


def test_tw_one_has_both_directions_an_empty_realisasi_and_a_zero_target(demo_monitoring):
    rows = summarize(reports()[1])

    def row(start):
        [found] = [row for row in rows if row.indikator.text.startswith(start)]
        return found

    disiplin = row("Persentase Penegakan Disiplin Pegawai")
    assert disiplin.method.arah == "turun"
    # lower is better: (2 x 90 - 85) / 90 x 100
    assert str(disiplin.capaian_tw.value) == "105.56"
    assert any(each.method.arah == "naik" and each.capaian_tw.value for each in rows)
    assert row("Persentase Informasi Produk Hukum").realisasi is None
    zero = row("Jumlah PNS KPU Provinsi Gorontalo yang lulus S2")
    assert (zero.target_tw, zero.realisasi.value_text) == ("0", "0")
    assert zero.capaian_tw.value is None and "nol" in zero.capaian_tw.reason
    assert zero.realisasi.alasan.startswith("Target TW I nol")


def test_tw_two_has_a_row_to_fix_and_tw_three_is_partly_filled(demo_monitoring):
    found = reports()
    returned = Realisasi.objects.get(report=found[2], returned=True)
    assert returned.indikator.text.startswith("Persentase laporan monitoring dan evaluasi")
    assert returned.tanggapan
    filled = Realisasi.objects.filter(report=found[3]).exclude(value_text="").count()
    assert 0 < filled < found[3].plan.indikator.count()


def test_lines_were_executed_with_their_spending(demo_monitoring):
    found = reports()
    executions = LineExecution.objects.filter(report__in=found.values())
    assert {execution.status for execution in executions} == {"terlaksana", "sebagian", "tidak"}
    assert executions.filter(anggaran__gt=0).exists()
    # the draft TW III has July and August only
    assert set(executions.filter(report=found[3]).values_list("month", flat=True)) == {7, 8}
    rows = summarize(found[1])
    assert 0 < sum(row.done for row in rows) < sum(row.scheduled for row in rows)


def test_evidence_is_a_stored_pdf_and_a_link(demo_monitoring, settings):
    items = Evidence.objects.filter(realisasi__report__in=reports().values())
    files = [item for item in items if item.file]
    assert len(files) == 2 and items.exclude(link="").count() == 1
    for item in files:
        assert item.content_type == "application/pdf"
        with item.file.open("rb") as stored:
            assert stored.read(5) == b"%PDF-"
        path = (settings.PRIVATE_MEDIA_ROOT / item.file.name).resolve()
        assert path.is_file() and not path.is_relative_to(settings.MEDIA_ROOT)


def test_loading_the_demo_twice_changes_nothing(demo_monitoring):
    models = RencanaAksi, StatusChange, QuarterReport, Realisasi, LineExecution, Evidence
    models += (IndicatorMethod,)
    before = row_counts(*models)
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert row_counts(*models) == before
    assert [report.status for _, report in sorted(reports().items())] == [
        "verified",
        "returned",
        "draft",
    ]


def test_without_monitoring_the_gorontalo_plan_stays_a_draft(demo):
    assert demo[GORONTALO].status == RencanaAksi.Status.DRAFT
    assert not QuarterReport.objects.exists()
