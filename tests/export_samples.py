"""Generated plans of any size, for the export tests and ``benchmarks/export.py``.

The shape follows the Gorontalo seed: a sasaran with several programs, indicators with one
or two kegiatan of a few lines, and now and then a line spanning two indicators, so the
exporters see the same kinds of merges as in the real plans, just more of them.
"""

from plans import layouts
from plans.building import build_tree
from plans.models import RencanaAksi
from plans.vocabulary import MONTHS

SENTENCE = (
    "Persentase pegawai yang mendapatkan layanan kepegawaian secara tepat waktu dan akurat "
    "sesuai standar pelayanan KPU Provinsi dan KPU Kabupaten/Kota"
)
WORDS = SENTENCE.split(" ")


def text(seed, words):
    return " ".join(WORDS[(seed + i) % len(WORDS)] for i in range(words)).capitalize()


def tree(lines):
    """Nested tree data (``plans.building.build_tree``) with exactly ``lines`` lines."""
    sasaran, made, n = [], 0, 0
    while made < lines:
        n += 1
        programs = []
        for p in range(3):
            indicators = []
            for i in range(4):
                kegiatan = []
                for k in range(2):
                    own = []
                    for j in range(3):
                        if made == lines:
                            break
                        made += 1
                        own.append(
                            {
                                "text": text(made, 3 + made % 6),
                                "months": [m for m in MONTHS if (m + made) % 4 == 0],
                                "biaya": None if made % 7 == 0 else 1_000_000 + made * 1_000,
                                "akun": "3358.EBC.954.A",
                                "ket": "" if made % 5 else "Dana APBN",
                                # The last line of an even indicator reaches into the next one.
                                "indikator_span": 2 if (j == 2 and k == 1 and i % 2 == 0) else 1,
                            }
                        )
                    if own:
                        kegiatan.append({"text": text(n + k, 4), "lines": own})
                indicators.append(
                    {"text": text(n + i + p, 12), "target": "97,5%", "kegiatan": kegiatan}
                )
            programs.append({"text": text(n + p, 10), "indikator": indicators})
        sasaran.append({"number": f"{n}.", "text": text(n, 9), "sasaran_program": programs})
    return sasaran


def large_plan(satker, lines, **fields):
    """A plan in the full (Gorontalo) layout on F4 paper with ``lines`` generated lines."""
    values = {
        "year": 2024,
        "title": "RENCANA AKSI TAHUN 2024\nSEKRETARIS\nKOMISI PEMILIHAN UMUM PROVINSI CONTOH",
        "columns": list(layouts.LENGKAP),
        "column_labels": {"rencana_kegiatan": "Rencana Kegiatan"},
        "paper": "F4",
        "signatory_place": "Gorontalo",
        "signatory_title": "Sekretaris Komisi Pemilihan Umum\nProvinsi Contoh",
        "signatory_name": "Nama Sekretaris",
        "signatory_nip": "197001012000031001",
        **fields,
    }
    plan = RencanaAksi.objects.create(satker=satker, **values)
    build_tree(plan, tree(lines))
    return plan
