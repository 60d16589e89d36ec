"""Import a legacy matrix workbook as a plan: everything is checked first, then the plan and
its whole tree are written in one transaction - or nothing at all when anything is wrong."""

import os
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from plans.building import build_tree
from plans.importers.matrix import read_matrix
from plans.importers.workbook import WorkbookRefused, check_size, open_workbook
from plans.models import TREE, RencanaAksi, Satker
from plans.services import LAYOUT_FIELDS, SIGNATORY_FIELDS
from plans.writes import lock_plan, save_fields

_YEAR = re.compile(r"\b(20\d{2})\b")
_KPU = re.compile(r"\bKOMISI\s+PEMILIHAN\s+UMUM\b")
_ABBREVIATIONS = [
    (re.compile(r"\bPROV\b\.?"), "PROVINSI"),
    (re.compile(r"\bKAB\b\.?"), "KABUPATEN"),
]
PLAN_FIELDS = ["title", *LAYOUT_FIELDS, "signatory_date", *SIGNATORY_FIELDS]


@dataclass
class ImportResult:
    """What an import found and, unless it was a dry run or failed, created."""

    satker: Satker | None = None
    year: int | None = None
    sheet: str = ""
    plan_fields: dict = field(default_factory=dict)
    tree: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    dry_run: bool = False
    replaces: RencanaAksi | None = None
    plan: RencanaAksi | None = None

    @property
    def saved(self):
        return self.plan is not None

    def lines(self):
        for ss in self.tree:
            for sp in ss["sasaran_program"]:
                for indikator in sp["indikator"]:
                    for kegiatan in indikator["kegiatan"]:
                        yield from kegiatan["lines"]

    def counts(self):
        """The figures ``import_renaksi --json`` prints; each line's cost counted once."""
        programs = [sp for ss in self.tree for sp in ss["sasaran_program"]]
        indikator = [ind for sp in programs for ind in sp["indikator"]]
        lines = list(self.lines())
        return {
            "sasaran_strategis": len(self.tree),
            "sasaran_program": len(programs),
            "indikator": len(indikator),
            "kegiatan": sum(len(ind["kegiatan"]) for ind in indikator),
            "rencana_kegiatan": len(lines),
            "bulan_terjadwal": sum(len(line["months"]) for line in lines),
            "total_biaya": sum(line["biaya"] or 0 for line in lines),
        }

    def as_dict(self):
        return {
            "satker": self.satker.code if self.satker else None,
            "year": self.year,
            **self.counts(),
            "warnings": list(self.warnings),
            "errors": list(self.errors),
        }

    def preview_rows(self, limit=15):
        """The first rows of the matrix as it will print: one per line, or per indicator
        without lines; a node's text only on its first row."""
        rows, shown = [], set()

        def first(node, text):
            if id(node) in shown:
                return ""
            shown.add(id(node))
            return text

        for ss in self.tree:
            for sp in ss["sasaran_program"]:
                for ind in sp["indikator"]:
                    lines = [(keg, line) for keg in ind["kegiatan"] for line in keg["lines"]]
                    for keg, line in lines or [(None, None)]:
                        if len(rows) >= limit:
                            return rows
                        rows.append(
                            {
                                "number": first(("no", id(ss)), ss["number"]),
                                "sasaran_strategis": first(ss, ss["text"]),
                                "sasaran_program": first(sp, sp["text"]),
                                "indikator": first(ind, ind["text"]),
                                "target": first(("target", id(ind)), ind["target"]),
                                "kegiatan": first(keg, keg["text"]) if keg else "",
                                "line": line,
                                "months": set(line["months"]) if line else set(),
                            }
                        )
        return rows


def import_workbook(file, satker=None, year=None, dry_run=False, replace=False):
    """Read ``file`` (a path, bytes or an uploaded file) and create its plan.

    ``satker`` (a Satker or its code) and ``year`` override what the title rows say. With
    ``dry_run`` nothing is written; an existing draft is only replaced with ``replace``; a
    plan that was submitted or approved is never replaced.
    """
    result = ImportResult(dry_run=dry_run)
    try:
        grids = open_workbook(_read_bytes(file))
    except WorkbookRefused as error:
        result.errors.append(str(error))
        return result
    reading = read_matrix(grids)
    result.sheet = reading.sheet
    result.tree = reading.tree
    result.errors += reading.errors
    result.warnings += reading.warnings
    result.year = _resolve_year(result, reading.title_lines, year)
    result.satker = _resolve_satker(result, reading.title_lines, satker)
    if result.satker and result.year:
        result.plan_fields = _plan_fields(result, reading)
        result.replaces = _check_existing(result, replace)
    if result.errors or dry_run:
        return result
    try:
        result.plan = _save(result)
    except IntegrityError:
        result.errors.append(
            f"Rencana aksi {result.satker.name} {result.year} baru saja dibuat orang lain; "
            "tidak ada yang disimpan. Coba lagi dengan pilihan ganti."
        )
    return result


def _read_bytes(file):
    """The file's bytes; a file over the limit is refused by its size, before reading it."""
    limit = settings.MAX_UPLOAD_BYTES
    if isinstance(file, bytes):
        return file
    if isinstance(file, (str, os.PathLike)):
        check_size(os.path.getsize(file))
        with open(file, "rb") as handle:
            return handle.read(limit + 1)
    if getattr(file, "size", None) is not None:
        check_size(file.size)
    if hasattr(file, "seek"):
        file.seek(0)
    return file.read(limit + 1)


def _resolve_year(result, title_lines, year):
    found = next((int(m[1]) for line in title_lines if (m := _YEAR.search(line))), None)
    if year:
        year = int(year)
        if found and found != year:
            result.warnings.append(
                f"Judul menyebut tahun {found}, tetapi diimpor sebagai tahun {year} sesuai pilihan."
            )
        return year
    if found is None:
        result.errors.append(
            "Tahun anggaran tidak ditemukan di baris judul (misalnya TAHUN ANGGARAN 2023); "
            "isi pilihan tahun."
        )
    return found


def satker_key(text):
    """``Komisi Pemilihan Umum Prov. Gorontalo`` and ``KPU-PROV-GORONTALO`` -> ``KPU PROVINSI
    GORONTALO``: how titles and satker names are compared."""
    text = _KPU.sub("KPU", " ".join(str(text).upper().split()))
    for pattern, replacement in _ABBREVIATIONS:
        text = pattern.sub(replacement, text)
    return " ".join(re.sub(r"[^A-Z0-9/]+", " ", text).split())


def _resolve_satker(result, title_lines, satker):
    if isinstance(satker, Satker):
        return satker
    if satker:
        found = Satker.objects.filter(code=str(satker).strip().upper()).first()
        if found is None:
            result.errors.append(f'Satker dengan kode "{satker}" tidak ada.')
        return found
    title = f" {satker_key(' '.join(title_lines))} "
    best, best_length = None, 0
    for candidate in Satker.objects.only("pk", "code", "name"):
        for key in {satker_key(candidate.name), satker_key(candidate.code)}:
            if key and f" {key} " in title and len(key) > best_length:
                best, best_length = candidate, len(key)
    if best is None:
        result.errors.append(
            f'Satker "{_satker_text(title_lines)}" dari baris judul tidak dikenal; pilih satker '
            "yang dituju (--satker KODE) atau daftarkan satker itu lebih dulu."
        )
        return None
    return Satker.objects.get(pk=best.pk)


def _satker_text(title_lines):
    """The title text that names the office, for the error message."""
    keys = [satker_key(line) for line in title_lines]
    for i, key in enumerate(keys):
        if "KPU" in key.split():
            if key == "KPU" and i + 1 < len(title_lines):
                return f"{title_lines[i]} {title_lines[i + 1]}"
            return title_lines[i]
    return " / ".join(title_lines) or "(judul kosong)"


def _plan_fields(result, reading):
    satker, fields = result.satker, dict(reading.plan_fields)
    fields["title"] = "\n".join(reading.title_lines)
    if not fields["title"]:
        fields["title"] = f"RENCANA AKSI TAHUN {result.year}\n{satker.name.upper()}"
        result.warnings.append(
            "Berkas tidak punya baris judul; judul dibuat dari satker dan tahun."
        )
    if not reading.signatory_found:
        # No signature block below the table: the satker's secretary signs, as on new plans.
        fields.update(
            signatory_place=satker.city,
            signatory_title=satker.secretary_title,
            signatory_name=satker.secretary_name,
            signatory_nip=satker.secretary_nip,
        )
    plan = RencanaAksi(satker=satker, year=result.year, **fields)
    try:
        plan.full_clean(exclude=["satker"], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            label = RencanaAksi._meta.get_field(name).verbose_name if name != "__all__" else ""
            result.errors += [f"{label}: {message}".strip(": ") for message in messages]
    return fields


def _check_existing(result, replace):
    existing = (
        RencanaAksi.objects.filter(satker=result.satker, year=result.year, is_latest=True)
        .select_related("satker")
        .first()
    )
    if existing is None:
        return None
    name = f"Rencana aksi {result.satker.name} tahun {result.year} (versi {existing.version})"
    if existing.status not in RencanaAksi.EDITABLE_STATUSES:
        result.errors.append(
            f"{name} berstatus {existing.get_status_display()}; rencana yang sudah diajukan atau "
            "disetujui tidak dapat ditimpa lewat impor. Buat revisinya lebih dulu."
        )
    elif not replace:
        result.errors.append(
            f"{name} sudah ada sebagai {existing.get_status_display().lower()}; pilih "
            '"ganti" (--replace) untuk menggantinya dengan isi berkas ini.'
        )
    return existing


@transaction.atomic
def _save(result):
    if result.replaces is not None:
        plan = lock_plan(result.replaces.pk)
        if not plan.is_editable:
            raise IntegrityError("plan changed status during the import")
        for level in reversed(TREE):  # deepest first: no cascade to collect
            level.model.objects.filter(plan=plan).delete()
        for name, value in result.plan_fields.items():
            setattr(plan, name, value)
        save_fields(plan, list(result.plan_fields))
    else:
        plan = RencanaAksi.objects.create(
            satker=result.satker, year=result.year, **result.plan_fields
        )
    build_tree(plan, result.tree)
    return plan
