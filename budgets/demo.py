"""The budget demo: KPU Provinsi Gorontalo's 2023 pagu and its realisation from January to
September, so that the pagu checks, the RPD (Halaman III) and the realisation page with its
deviation show every case.

- **Pagu** (DIPA/POK, full code paths): each coded line of the plan gets the pagu of its
  cost under komponen 051 (subkomponen A unless the line names one; RO 001 where the seed
  names only the KRO), with two differences from the plan: RO ``3364.BDB.003`` (the five
  sosialisasi tatap muka, Rp 45.000.000 planned) has Rp 36.000.000, so the plan exceeds it,
  and RO ``3360.EBA.956`` (Layanan BMN, Rp 60.000.000) has no line of the plan at all. The
  three lines whose seed code stops above the akun are paid from an akun of their own
  (ATK from 521811, monitoring from 524111, bimtek from 524114).
- **Realisation** January-September, as the treasury's export would report it: each line's
  share of a month (its cost spread over its months as the RPD spreads it) realised at that
  month's rate (``RATES``: 80 % in January, 105 % in May...), rounded down to the Rupiah;
  the procurement line (Belanja Modal, planned in May and June) is paid whole in July; and
  Layanan BMN spends Rp 5.000.000 in March that no line planned.

- **Reason**: the planner's reason for the over-pagu group, as given before the plan was
  submitted (the demo approves the plan before the pagu exists, so it is written here).

Both go in through the app's own imports (``import_pagu``, ``import_realisasi_anggaran``)
as CSV, so the demo holds what an office's files would make. Idempotent: a pagu or an
imported realisation already there is left as it is.
"""

import csv
import io
from collections import defaultdict

from django.contrib.auth import get_user_model

from budgets.akun import parse_akun
from budgets.checks.plan import check_plan
from budgets.importers.pagu import import_pagu
from budgets.importers.realisasi import import_realisasi_anggaran
from budgets.models import OverPaguReason, Pagu, RealisasiAnggaran
from budgets.rpd import spread
from plans import demo as plans_demo
from plans.models import RencanaAksi, Satker

SATKER, YEAR, SEED = "KPU-PROV-GORONTALO", 2023, "gorontalo-2023.json"
AKUN_NAMES = {
    "521115": "Belanja Honor Operasional Satuan Kerja",
    "521211": "Belanja Bahan",
    "521213": "Belanja Honor Output Kegiatan",
    "521219": "Belanja Barang Non Operasional Lainnya",
    "521811": "Belanja Barang Persediaan Barang Konsumsi",
    "522151": "Belanja Jasa Profesi",
    "523111": "Belanja Pemeliharaan Gedung dan Bangunan",
    "523121": "Belanja Pemeliharaan Peralatan dan Mesin",
    "524111": "Belanja Perjalanan Dinas Biasa",
    "524113": "Belanja Perjalanan Dinas Dalam Kota",
    "524114": "Belanja Perjalanan Dinas Paket Meeting Dalam Kota",
    "532111": "Belanja Modal Peralatan dan Mesin",
}
# The akun that pays a line whose seed code stops above it, by the line's text.
AKUN_OF_LINE = {
    "ATK Administrasi Kepegawaian": "521811",
    "Monitoring Disiplin Pegawai": "524111",
    "Bimtek Verifikasi Partai Politik": "524114",
}
# The plan exceeds this RO: its pagu per akun (the plan: 521211 Rp 36 jt, 522151 Rp 9 jt).
OVER_RO = "3364.BDB.003"
OVER_RO_PAGU = {"521211": 27_000_000, "522151": 9_000_000}
# No line of the plan reaches this RO: Layanan BMN.
UNCOVERED = {
    "3360.EBA.956.051.A.521211": 15_000_000,
    "3360.EBA.956.051.A.532111": 45_000_000,
}
# How much of each month's planned share was realised, in %, January-September.
RATES = {1: 80, 2: 95, 3: 100, 4: 90, 5: 105, 6: 97, 7: 92, 8: 100, 9: 88}
DELAYED_LINE, DELAYED_TO = "Pengadaan Barang/Jasa", 7  # Belanja Modal: paid whole in July
UNPLANNED = ("3360.EBA.956.051.A.521211", 3, 5_000_000)  # BMN spending no line planned
PLANNER = "perencana.gorontalo"
OVER_REASON = (
    "Harga bahan sosialisasi tatap muka naik setelah pagu ditetapkan; selisihnya ditutup dari "
    "sisa pagu Layanan BMN (3360.EBA.956) melalui revisi POK triwulan II."
)


def load(stdout):
    """The pagu and the realisation of Gorontalo 2023, unless already there."""
    satker = Satker.objects.filter(code=SATKER).first()
    if satker is None:
        stdout.write(f"Satker {SATKER} tidak ada; demo anggaran dilewati.")
        return
    lines = list(seed_lines())
    if Pagu.objects.filter(satker=satker, year=YEAR).exists():
        stdout.write(f"Pagu {SATKER} {YEAR} sudah ada; dilewati.")
    else:
        result = import_pagu(csv_bytes(pagu_rows(lines)), satker, YEAR, name="pagu-demo.csv")
        _say(stdout, result, f"Pagu {SATKER} {YEAR}: {len(result.lines)} baris pagu dimuat.")
    if RealisasiAnggaran.objects.filter(satker=satker, year=YEAR).exists():
        stdout.write(f"Realisasi anggaran {SATKER} {YEAR} sudah ada; dilewati.")
    else:
        rows = realisation_rows(lines)
        result = import_realisasi_anggaran(csv_bytes(rows), "realisasi-demo.csv", satker, YEAR)
        _say(stdout, result, f"Realisasi anggaran {SATKER} {YEAR}: Januari-September dimuat.")
    load_reasons(satker)


def load_reasons(satker):
    """The planner's reason for every over-pagu group of the current plan that has none."""
    plan = RencanaAksi.objects.filter(satker=satker, year=YEAR, is_latest=True).first()
    planner = get_user_model().objects.filter(username=PLANNER).first()
    if plan is None or planner is None:
        return
    for group, reason in check_plan(plan).over:
        if reason is None:
            OverPaguReason.objects.create(
                plan=plan, kode=group.code, reason=OVER_REASON, by=planner
            )


def _say(stdout, result, done):
    if result.errors:  # the demo's own data: a failure here is a bug, said loudly
        raise RuntimeError("; ".join(result.errors[:5]))
    stdout.write(done)


def seed_lines():
    """``(text, biaya, months, pagu kode)`` of every line of the seed with a cost: the full
    path the DIPA would give its akun."""
    data = plans_demo.read(SEED)
    for _kegiatan, line in plans_demo.lines_of(data["sasaran_strategis"]):
        if line["biaya"] and line["akun"]:
            yield line["text"], line["biaya"], line["months"], pagu_code(line)


def pagu_code(line):
    """``3364.BDB.003.521211`` -> ``3364.BDB.003.051.A.521211``; ``6871.QGE.521211`` ->
    ``6871.QGE.001.051.A.521211``; the akun of ``AKUN_OF_LINE`` for codes without one."""
    code = parse_akun(line["akun"])
    akun = code.akun or AKUN_OF_LINE[line["text"]]
    path = (code.kegiatan, code.kro, code.ro or "001", code.komponen or "051")
    return ".".join((*path, code.subkomponen or "A", akun))


def pagu_rows(lines):
    """``[kode, uraian, jumlah]`` rows of the pagu, code by code."""
    amounts = defaultdict(int)
    for _text, biaya, _months, kode in lines:
        amounts[kode] += biaya
    for kode in [kode for kode in amounts if kode.startswith(OVER_RO + ".")]:
        amounts[kode] = OVER_RO_PAGU[kode[-6:]]
    amounts.update(UNCOVERED)
    return [["kode", "uraian", "jumlah"]] + [
        [kode, AKUN_NAMES[kode[-6:]], amount] for kode, amount in sorted(amounts.items())
    ]


def realisation_rows(lines):
    """``[kode, bulan, jumlah]`` rows of January-September (see ``RATES``)."""
    amounts = defaultdict(int)
    for text, biaya, months, kode in lines:
        if text.startswith(DELAYED_LINE):
            amounts[(kode, DELAYED_TO)] += biaya
            continue
        for month, amount in spread(biaya, months).items():
            if month in RATES:
                amounts[(kode, month)] += amount * RATES[month] // 100
    kode, month, amount = UNPLANNED
    amounts[(kode, month)] += amount
    return [["kode", "bulan", "jumlah"]] + [
        [kode, month, amount] for (kode, month), amount in sorted(amounts.items()) if amount
    ]


def csv_bytes(rows):
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    return out.getvalue().encode("utf-8")
