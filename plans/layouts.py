"""The columns a plan's matrix shows, in the order its office prints them.

Two layouts come from the seeds: the compact one of KPU Kota Tomohon (with a Program column,
no costs) and the full one of KPU Provinsi Gorontalo. A plan stores its own list of column keys
and, where its office wrote them differently, its own header labels.
"""

from django.core.exceptions import ValidationError

# key -> default header label (as the Gorontalo plan prints it).
COLUMN_LABELS = {
    "no": "NO",
    "program": "PROGRAM",
    "sasaran_strategis": "SASARAN STRATEGIS",
    "sasaran_program": "SASARAN PROGRAM",
    "indikator": "INDIKATOR KINERJA",
    "target": "TARGET",
    "kegiatan": "KEGIATAN",
    "rencana_kegiatan": "RENCANA KEGIATAN",
    "bulan": "RENCANA PELAKSANAAN KEGIATAN",
    "biaya": "PERKIRAAN BIAYA",
    "akun": "AKUN",
    "ket": "KET",
}

# The columns that print a node's text, in the order of the full layout.
TEXT_COLUMNS = [
    "sasaran_strategis",
    "sasaran_program",
    "indikator",
    "target",
    "kegiatan",
    "rencana_kegiatan",
]
LENGKAP = ["no", *TEXT_COLUMNS, "bulan", "biaya", "akun", "ket"]
RINGKAS = ["no", "program", "sasaran_strategis", "indikator", "kegiatan", "bulan"]
PRESETS = {"lengkap": LENGKAP, "ringkas": RINGKAS}


def default_columns():
    return list(LENGKAP)


def validate_columns(columns):
    """A plan's columns: known keys, each once, at least one text column."""
    if not isinstance(columns, list) or not columns:
        raise ValidationError("Kolom matriks harus berupa daftar kolom yang tidak kosong.")
    unknown = [key for key in columns if key not in COLUMN_LABELS]
    if unknown:
        known = ", ".join(COLUMN_LABELS)
        raise ValidationError(
            f"Kolom tidak dikenal: {', '.join(map(str, unknown))}; pilihan: {known}."
        )
    if len(set(columns)) != len(columns):
        raise ValidationError("Setiap kolom hanya boleh muncul sekali.")


def validate_column_labels(labels):
    if not isinstance(labels, dict) or any(key not in COLUMN_LABELS for key in labels):
        raise ValidationError("Label kolom harus memakai kunci kolom yang dikenal.")
