"""Every satker from Kemendagri's regions: KPU RI, one KPU Provinsi per province and one KPU
Kabupaten/Kota per kabupaten/kota, read from ``plans/data/wilayah-kemendagri.csv`` (its
source and license in ``plans/data/README.md``) by ``python manage.py load_satkers``.

A region's satker is found again by its Kemendagri code, else by its satker code, else by
level and name under the same parent, so the satkers entered by hand before (``KPU-PROV-SULUT``)
keep their codes and a region renamed at the source is renamed in place. Codes never change
once given: commands, imports and people use them.
"""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction

from plans.models import Satker

SOURCE = settings.BASE_DIR / "plans" / "data" / "wilayah-kemendagri.csv"
HEADER = ["kode", "tingkat", "nama", "induk"]
MAX_BYTES = 1_000_000  # the real file is ~25 KB
MAX_ROWS = 2_000
KODE = {"provinsi": re.compile(r"\d{2}"), "kabkota": re.compile(r"\d{2}\.\d{2}")}
LEVELS = {"provinsi": "provinsi", "kabupaten": "kabkota", "kota": "kabkota"}

RI_CODE = "KPU-RI"
RI_DEFAULTS = {
    "name": "KPU Republik Indonesia",
    "city": "Jakarta",
    "secretary_title": "Sekretaris Jenderal KPU",
}
# KPU's own names for the provinces whose official names it shortens.
PROVINCE_NAMES = {
    "Daerah Khusus Ibukota Jakarta": "DKI Jakarta",
    "Daerah Khusus Jakarta": "DKI Jakarta",
    "Daerah Istimewa Yogyakarta": "DI Yogyakarta",
}
# Abbreviations and titles of the source's kabupaten/kota names that KPU's names leave out.
REGION_WORDS = [
    (re.compile(r"^(Kabupaten|Kota) Administrasi "), r"\1 "),
    (re.compile(r"\bKep\. "), "Kepulauan "),
]
UPDATED_FIELDS = ["kode_wilayah", "name", "level", "parent"]
CODE_LENGTH = Satker._meta.get_field("code").max_length


class SourceError(ValueError):
    """The regions file is not what ``load_satkers`` reads; ``errors`` name the rows."""

    def __init__(self, errors):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class Region:
    """One province or kabupaten/kota as the satker that serves it."""

    kode: str
    level: str  # Satker.Level
    region: str  # "Provinsi Jawa Barat", "Kabupaten Bandung", "Kota Tomohon"
    code: str  # the satker code a new satker gets
    parent: str = ""  # the province's kode

    @property
    def name(self):
        return f"KPU {self.region}"

    @property
    def secretary_title(self):
        return f"Sekretaris Komisi Pemilihan Umum\n{self.region}"

    @property
    def city(self):
        """A kota is its own seat; the source names no seat for provinces and kabupaten."""
        return self.region.removeprefix("Kota ") if self.region.startswith("Kota ") else ""


@dataclass
class Outcome:
    """What a run did (or, dry, would do), satker codes per kind of change."""

    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)


def slug(text):
    """``Kepulauan Bangka Belitung`` -> ``KEPULAUAN-BANGKA-BELITUNG`` (ASCII, hyphens)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Z0-9]+", "-", ascii_text.upper()).strip("-")


def read_regions(path=SOURCE):
    """The regions of the CSV at ``path``, provinces before their kabupaten/kota; a
    ``SourceError`` naming every bad row, nothing read, otherwise."""
    path = Path(path)
    if path.stat().st_size > MAX_BYTES:
        raise SourceError([f"Berkas {path.name} lebih dari {MAX_BYTES:,} bita."])
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    if not rows or [cell.strip().lower() for cell in rows[0]] != HEADER:
        raise SourceError([f"Baris 1: kepala kolom harus {','.join(HEADER)}."])
    if len(rows) > MAX_ROWS + 1:
        raise SourceError([f"Berkas berisi lebih dari {MAX_ROWS:,} baris."])
    return _regions(rows[1:])


def _regions(rows):
    errors, provinces, kabkota = [], {}, []
    for number, row in enumerate(rows, start=2):
        if len(row) != len(HEADER):
            errors.append(f"Baris {number}: harus {len(HEADER)} kolom, ada {len(row)}.")
            continue
        kode, tingkat, nama, induk = (cell.strip() for cell in row)
        level = LEVELS.get(tingkat.lower())
        if level is None:
            errors.append(f"Baris {number}: tingkat {tingkat!r} bukan provinsi/kabupaten/kota.")
        elif not KODE[level].fullmatch(kode):
            errors.append(f"Baris {number}: kode {kode!r} bukan kode {tingkat} Kemendagri.")
        elif not nama:
            errors.append(f"Baris {number}: nama kosong.")
        elif level == "provinsi":
            if kode in provinces:
                errors.append(f"Baris {number}: kode {kode} sudah ada di baris lain.")
            provinces[kode] = nama
        elif induk != kode[:2]:
            errors.append(f"Baris {number}: induk {induk!r} bukan provinsi kode {kode[:2]}.")
        else:
            kabkota.append((number, kode, tingkat.lower(), nama))
    for number, kode, _tingkat, _nama in kabkota:
        if kode[:2] not in provinces:
            errors.append(f"Baris {number}: provinsi {kode[:2]} tidak ada di berkas.")
    if len({kode for _n, kode, *_ in kabkota}) != len(kabkota):
        errors.append("Ada kode kabupaten/kota yang muncul lebih dari sekali.")
    if errors:
        raise SourceError(errors)
    return _named(provinces, kabkota)


def _named(provinces, kabkota):
    """Regions with their satker names and codes; a kabupaten/kota whose code another one
    of another province also makes gets its province's name after it."""
    province_names = {kode: PROVINCE_NAMES.get(nama, nama) for kode, nama in provinces.items()}
    regions = [
        Region(kode, Satker.Level.PROVINSI, f"Provinsi {name}", f"KPU-PROV-{slug(name)}")
        for kode, name in province_names.items()
    ]
    named = []
    for _number, kode, tingkat, nama in kabkota:
        for pattern, replacement in REGION_WORDS:
            nama = pattern.sub(replacement, nama)
        kind = "Kota" if tingkat == "kota" else "Kabupaten"
        region = nama if nama.startswith(f"{kind} ") else f"{kind} {nama}"
        prefix = "KPU-KOTA-" if kind == "Kota" else "KPU-KAB-"
        named.append((kode, region, prefix + slug(region.removeprefix(f"{kind} "))))
    taken = [code for _kode, _region, code in named]
    for kode, region, code in named:
        if taken.count(code) > 1:
            code = f"{code}-{slug(province_names[kode[:2]])}"
        regions.append(Region(kode, Satker.Level.KABKOTA, region, code, parent=kode[:2]))
    return regions


def load_satkers(regions, *, dry_run=False):
    """Make the satkers of ``regions`` (``read_regions``) and KPU RI exist with their
    names and parents, in one transaction and a handful of queries whatever their number;
    with ``dry_run`` nothing stays. ``Outcome`` says what changed."""
    outcome = Outcome()
    with transaction.atomic():
        known = _Known(list(Satker.objects.all()))
        ri = known.ri() or Satker(code=RI_CODE, level=Satker.Level.RI, **RI_DEFAULTS)
        known.claim(ri)
        if ri.pk is None:
            ri.save()
            outcome.created.append(ri.code)
        else:
            outcome.unchanged.append(ri.code)
        parents = {"": ri}
        for level in (Satker.Level.PROVINSI, Satker.Level.KABKOTA):
            wanted = [region for region in regions if region.level == level]
            parents |= _sync(known, wanted, parents, outcome)
        if dry_run:
            transaction.set_rollback(True)
    return outcome


def _sync(known, regions, parents, outcome):
    """The satkers of ``regions`` (one level) by Kemendagri code, created or updated."""
    new, changed, found = [], [], {}
    for region in regions:
        parent = parents[region.parent]
        satker = known.match(region, parent)
        if satker is None and region.code in known.by_code:
            raise SourceError(
                [f"Kode satker {region.code} untuk {region.kode} sudah dipakai satker lain."]
            )
        if satker is None and len(region.code) > CODE_LENGTH:
            raise SourceError([f"Kode satker {region.code} lebih dari {CODE_LENGTH} huruf."])
        if satker is None:
            satker = Satker(
                code=region.code,
                city=region.city,
                secretary_title=region.secretary_title,
            )
            new.append(satker)
        wanted = {
            "kode_wilayah": region.kode,
            "name": region.name,
            "level": region.level,
            "parent_id": parent.pk,
        }
        differs = any(getattr(satker, name) != value for name, value in wanted.items())
        for name, value in wanted.items():
            setattr(satker, name, value)
        if satker.pk is None:
            outcome.created.append(satker.code)
        elif differs:
            changed.append(satker)
            outcome.updated.append(satker.code)
        else:
            outcome.unchanged.append(satker.code)
        found[region.kode] = satker
    Satker.objects.bulk_update(changed, UPDATED_FIELDS)
    Satker.objects.bulk_create(new)
    return found


class _Known:
    """The satkers already in the database, found by each rule once: a satker matched to
    one region is never matched to another."""

    def __init__(self, satkers):
        self.satkers = satkers
        self.by_kode = {satker.kode_wilayah: satker for satker in satkers if satker.kode_wilayah}
        self.by_code = {satker.code: satker for satker in satkers}
        self.by_name = {(s.level, s.parent_id, s.name.casefold()): s for s in satkers}
        self.claimed = set()

    def ri(self):
        return self.by_code.get(RI_CODE) or next(
            (satker for satker in self.satkers if satker.level == Satker.Level.RI), None
        )

    def claim(self, satker):
        self.claimed.add(satker.pk)
        return satker

    def match(self, region, parent):
        candidates = [
            self.by_kode.get(region.kode),
            self.by_code.get(region.code),
            self.by_name.get((region.level, parent.pk, region.name.casefold())),
        ]
        for satker in candidates:
            if satker is not None and satker.pk not in self.claimed:
                return self.claim(satker)
        return None
