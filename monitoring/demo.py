"""The monitoring demo: KPU Provinsi Gorontalo's 2023 plan approved and followed through
TW I-III, so that the quarter pages, the charts, the printed reports and the province's
capaian show every case:

- TW I verified: indicators of both directions (``Penegakan Disiplin Pegawai`` is lower is
  better), an empty realisasi, a zero target (``target_tw1`` "0", with the alasan), a file
  and a link as evidence, the secretary's tanggapan;
- TW II returned with a reason, one row marked to fix;
- TW III a draft, reopened so the demo's planner can go on filling it.

Everything goes through the app's own paths (``plans.workflow``, ``monitoring.services``,
``monitoring.execution``, ``monitoring.evidence``) as the demo's people, so what the demo
shows is what the app would have made. Idempotent: once the satker has a report for the
year, nothing is loaded again.
"""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test.utils import override_settings

from monitoring import capaian, evidence, execution, services
from monitoring.models import QUARTER_MONTHS, IndicatorMethod, LineExecution, QuarterReport
from monitoring.summary import quarter_target
from plans import workflow
from plans.matrix import load_tree
from plans.models import LEVELS, RencanaAksi
from plans.writes import locked_plan, save_fields

SATKER, YEAR = "KPU-PROV-GORONTALO", 2023
PLANNER, SECRETARY = "perencana.gorontalo", "sekretaris.gorontalo"

# Indicators by the start of their text (the seed's wording).
DISIPLIN = "Persentase Penegakan Disiplin Pegawai"  # lower is better in the demo
LULUS_S2 = "Jumlah PNS KPU Provinsi Gorontalo yang lulus S2"  # TW I target 0
PRODUK_HUKUM_INFO = "Persentase Informasi Produk Hukum"  # TW I left empty
LAYANAN = "Persentase Pegawai yang Mendapatkan Layanan Kepegawaian"  # evidence: a file
PPID = "Persentase Permohonan Informasi yang Ditindaklanjuti"  # evidence: a link
MONEV = "Persentase laporan monitoring dan evaluasi"  # returned in TW II

ZERO_TARGET_ALASAN = (
    "Target TW I nol: perkuliahan S2 baru dimulai pada TW III, sehingga capaian belum dapat "
    "dihitung pada triwulan ini."
)
RETURN_REASON = (
    "Realisasi laporan monitoring dan evaluasi TW II belum didukung bukti. Lampirkan laporan "
    "monev yang sudah ditandatangani, lalu ajukan kembali."
)
# How far each indicator got, cycled over the plan's order: most on target, some short.
SHARES = [
    Decimal(share)
    for share in ("1", "0.95", "1", "0.9", "0.8", "1", "0.7", "1.02", "0.97", "0.55", "1", "0.85")
]
# Indicators filled in the TW III draft (the rest waits for the planner).
DRAFT_FILLED = 18


def load(stdout):
    """Approve the Gorontalo 2023 plan and report TW I-III on it, unless already done."""
    plan = RencanaAksi.objects.filter(satker__code=SATKER, year=YEAR, is_latest=True).first()
    if plan is None:
        stdout.write(f"Rencana aksi {SATKER} {YEAR} tidak ada; pemantauan dilewati.")
        return
    if QuarterReport.objects.filter(satker=plan.satker, year=YEAR).exists():
        stdout.write(f"Pemantauan {SATKER} {YEAR} sudah ada; dilewati.")
        return
    users = get_user_model().objects.in_bulk([PLANNER, SECRETARY], field_name="username")
    planner, secretary = users[PLANNER], users[SECRETARY]
    # The demo's people have addresses; replaying their steps mails nobody.
    with (
        override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
        transaction.atomic(),
    ):
        plan = _approved(plan, planner, secretary)
        indicators = load_tree(plan).nodes(LEVELS["indikator"])
        by_text = {_key(ik): ik for ik in indicators}
        IndicatorMethod.objects.update_or_create(
            uid=by_text[DISIPLIN].uid, defaults={"arah": capaian.TURUN}
        )
        _quarter_one(plan, indicators, by_text, planner, secretary)
        _quarter_two(plan, indicators, by_text, planner, secretary)
        _quarter_three(plan, indicators, planner, secretary)
    stdout.write(f"Pemantauan {SATKER} {YEAR}: TW I diverifikasi, TW II dikembalikan, TW III draf.")


def _key(indikator):
    for start in (DISIPLIN, LULUS_S2, PRODUK_HUKUM_INFO, LAYANAN, PPID, MONEV):
        if indikator.text.startswith(start):
            return start
    return indikator.pk


def _approved(plan, planner, secretary):
    """The plan, with the S2 indicator's TW I target set to 0, submitted and approved."""
    if plan.status == RencanaAksi.Status.APPROVED:
        return plan
    with locked_plan(plan, planner) as locked:
        indikator = locked.indikator.get(text__startswith=LULUS_S2)
        indikator.target_tw1 = "0"
        save_fields(indikator, ["target_tw1"])
    plan = workflow.submit(plan, planner)
    return workflow.approve(
        plan, secretary, {"signatory_name": plan.signatory_name or secretary.get_full_name()}
    )


def _opened(plan, tw, secretary):
    """The quarter's report, reopened: 2023's input windows closed long ago."""
    report = services.open_report(plan.satker, YEAR, tw)
    return services.reopen_report(report, secretary)


def _quarter_one(plan, indicators, by_text, planner, secretary):
    report = _opened(plan, 1, secretary)
    special = {
        DISIPLIN: {"value_text": "85"},
        LULUS_S2: {"value_text": "0", "alasan": ZERO_TARGET_ALASAN},
        PRODUK_HUKUM_INFO: None,
    }
    _fill(report, indicators, planner, special=special)
    _execute(report, plan, planner)
    evidence.attach_file(
        report, by_text[LAYANAN], _pdf_upload("Laporan layanan kepegawaian TW I"), planner
    )
    evidence.attach_link(
        report,
        by_text[PPID],
        "https://ppid.kpu.go.id/",
        planner,
        name="Daftar permohonan informasi PPID",
    )
    execution.submit(report, planner)
    execution.save_tanggapan(
        report,
        by_text[LAYANAN],
        "Pertahankan ketepatan waktu layanan; lampirkan rekap bulanan pada triwulan berikut.",
        secretary,
    )
    services.verify_report(report, secretary)


def _quarter_two(plan, indicators, by_text, planner, secretary):
    report = _opened(plan, 2, secretary)
    _fill(report, indicators, planner)
    _execute(report, plan, planner)
    evidence.attach_file(
        report, by_text[LAYANAN], _pdf_upload("Laporan layanan kepegawaian TW II"), planner
    )
    execution.submit(report, planner)
    execution.save_tanggapan(
        report, by_text[MONEV], "Bukti laporan monev belum dilampirkan.", secretary
    )
    services.return_report(report, secretary, RETURN_REASON, [by_text[MONEV].pk])


def _quarter_three(plan, indicators, planner, secretary):
    report = _opened(plan, 3, secretary)
    _fill(report, indicators[:DRAFT_FILLED], planner)
    _execute(report, plan, planner, months=QUARTER_MONTHS[3][:2])


def _fill(report, indicators, planner, special=None):
    """A realisasi for each indicator with a figure as target: its share of the target,
    or what ``special`` says (None: left empty)."""
    special = special or {}
    for number, indikator in enumerate(indicators, start=1):
        data = special.get(_key(indikator), _realisasi(indikator, report.tw, number))
        if data is None:
            continue
        if number % 5 == 1:
            data = data | {
                "faktor_pendukung": "Koordinasi yang baik antarsubbagian.",
                "faktor_penghambat": "Jadwal tahapan Pemilu yang padat.",
                "tindak_lanjut": "Menjadwalkan ulang kegiatan yang tertunda.",
            }
        services.save_realisasi(report, indikator, data, planner)


def _realisasi(indikator, tw, number):
    target = capaian.read_target(quarter_target(indikator, tw))
    if target.value is None or target.is_range:
        return None
    value = target.value * SHARES[(number + tw) % len(SHARES)]
    if target.unit == "%":
        value = min(value, Decimal(100))
    elif target.value == target.value.to_integral():
        value = value.to_integral()
    text = f"{value.quantize(Decimal('0.01')).normalize():f}".replace(".", ",")
    return {"value_text": text}


def _execute(report, plan, planner, months=None):
    """Each line scheduled in the quarter (in ``months`` of it): mostly terlaksana, some
    partly or not, with what it spent."""
    months = months or QUARTER_MONTHS[report.tw]
    lines = plan.lines.select_related("kegiatan").order_by("kegiatan__order", "order", "pk")
    for number, line in enumerate(lines, start=1):
        scheduled = [month for month in months if month in line.months]
        data = {}
        for month in scheduled:
            status = LineExecution.Status.DONE
            if (number + month) % 9 == 0:
                status = LineExecution.Status.PARTLY
            elif (number + month) % 13 == 0:
                status = LineExecution.Status.NOT_DONE
            share = {"terlaksana": 1, "sebagian": Decimal("0.5"), "tidak": 0}[status]
            spent = None
            if line.biaya:
                spent = int(Decimal(line.biaya) / len(line.months) * share)
            note = "Ditunda ke bulan berikutnya." if status != LineExecution.Status.DONE else ""
            data[month] = {"status": status, "note": note, "anggaran": spent}
        if data:
            execution.save_execution(report, line, data, planner)


def _pdf_upload(title):
    """A one-page PDF saying ``title``, as an upload."""
    name = f"{title}.pdf"
    return SimpleUploadedFile(name, pdf_bytes(title), content_type="application/pdf")


def pdf_bytes(text):
    """A minimal valid PDF with one line of ``text`` (ASCII) in Helvetica."""
    safe = text.encode("ascii", "replace").replace(b"\\", b"\\\\")
    safe = safe.replace(b"(", b"\\(").replace(b")", b"\\)")
    stream = b"BT /F1 16 Tf 72 770 Td (" + safe + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
