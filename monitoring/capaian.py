"""Capaian (achievement, %) of an indicator from its target and realisasi, by the rules of
PermenPAN-RB 8/2021. Pure functions on Decimals: no database, so every rule is a table row
in the tests.

- Higher is better (``naik``): capaian = R / T × 100.
- Lower is better (``turun``): capaian = (2T − R) / T × 100, never below 0 (the regulation's
  "kondisi khusus"); or, chosen per indicator, T / R × 100 (``rasio``).
- A range target (``80–90%``): 100 inside the range; above it measured against the upper
  bound, below it against the lower bound, by the indicator's direction.
- T = 0, a target that is no number, or a missing realisasi: not computable, with the reason.
- Two decimals, half up. Percentages are never added up: a cumulative capaian is computed
  from the summed (or latest, or averaged) figures, then turned into a percentage once.
"""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from plans.targets import parse_target

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
LARGEST = Decimal(10) ** 14  # the realisasi column holds 14 digits before the decimals

NAIK, TURUN = "naik", "turun"
SELISIH, RASIO = "selisih", "rasio"  # the two lower-is-better forms
JUMLAH, TERAKHIR, RATA_RATA = "jumlah", "terakhir", "rata_rata"

_RANGE = re.compile(
    r"^\s*(?P<low>[\d.,]+)\s*(?:-|–|—|s\.?d\.?|sampai)\s*(?P<high>[\d.,]+)\s*(?P<unit>.*)$"
)


@dataclass(frozen=True)
class Target:
    """A target as a figure, or a range (``low``..``high``); ``value`` None when it is no
    number (``Provinsi dan 6 Satker``)."""

    value: Decimal | None
    high: Decimal | None = None
    unit: str = ""

    @property
    def is_range(self):
        return self.high is not None


@dataclass(frozen=True)
class Capaian:
    """A capaian in percent (None when it cannot be computed) and why not."""

    value: Decimal | None
    reason: str = ""


def read_target(text):
    """``97,5%`` -> 97.5 %; ``80–90%`` -> the range 80..90 %; ``-`` or words -> no figure."""
    match = _RANGE.match(text or "")
    if match:
        low, _ = parse_target(match["low"])
        high, _ = parse_target(match["high"])
        if low is not None and high is not None and low <= high:
            return Target(low, high, match["unit"].strip())
    value, unit = parse_target(text or "")
    return Target(value, None, unit)


def read_number(text):
    """A realisasi as written (``95,5``, ``1.250``, ``3 Rancangan``) -> a Decimal, or None
    for an empty cell. ``0`` is a number, not an empty cell."""
    if text is None or not str(text).strip():
        return None
    value, _ = parse_target(str(text))
    return value


def realisasi_problem(text, *targets):
    """Why ``text`` cannot be an indicator's realisasi, or "" when it can: a number, bare or
    followed by the unit of one of its ``targets`` (``2 Rancangan``); "9x" is refused rather
    than read as 9."""
    text = (text or "").strip()
    if not text:
        return ""
    value, unit = parse_target(text)
    units = {"", *(read_target(target).unit.casefold() for target in targets)}
    if value is None or unit.casefold() not in units:
        satuan = next((unit for unit in sorted(units) if unit), "")
        hint = f', boleh diikuti satuan "{satuan}"' if satuan else ""
        return (
            f'"{text[:40]}" bukan angka; tulis angkanya saja (misalnya 95 atau 97,5){hint}, '
            "atau kosongkan bila belum ada realisasi"
        )
    if abs(value) >= LARGEST:
        return f'"{text[:40]}" terlalu besar'
    return ""


def percent(numerator, denominator):
    return (numerator / denominator * HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


def capaian(target, realisasi, arah=NAIK, rumus=SELISIH):
    """The capaian of one realisasi against one target (a ``Target``)."""
    if realisasi is None:
        return Capaian(None, "Realisasi belum diisi.")
    if target.value is None:
        return Capaian(None, "Target bukan angka: capaian tidak dapat dihitung.")
    if target.is_range:
        if target.value <= realisasi <= target.high:
            return Capaian(HUNDRED.quantize(CENT))
        bound = target.high if realisasi > target.high else target.value
        return capaian(Target(bound), realisasi, arah, rumus)
    if target.value == 0:
        return Capaian(None, "Target nol: capaian tidak dapat dihitung.")
    if arah == NAIK:
        return Capaian(percent(realisasi, target.value))
    if rumus == RASIO:
        if realisasi == 0:
            return Capaian(None, "Realisasi nol pada rumus T/R: capaian tidak dapat dihitung.")
        return Capaian(percent(target.value, realisasi))
    return Capaian(max(percent(2 * target.value - realisasi, target.value), Decimal("0.00")))


def cumulative(quarters, upto, metode=JUMLAH, arah=NAIK, rumus=SELISIH):
    """The capaian up to quarter ``upto`` (1-4) from ``quarters``: ``{tw: (Target, R)}``.

    - ``jumlah``: ΣR / ΣT over the quarters 1..upto that have a realisasi;
    - ``terakhir``: the latest quarter with a realisasi, against that quarter's target;
    - ``rata_rata``: the mean of those realisasi against the mean of their targets.
    A range target is kept as a range for ``terakhir``; summing ranges is refused.
    """
    filled = [
        (tw, target, value)
        for tw, (target, value) in sorted(quarters.items())
        if tw <= upto and value is not None
    ]
    if not filled:
        return Capaian(None, "Belum ada realisasi sampai triwulan ini.")
    if metode == TERAKHIR:
        _, target, value = filled[-1]
        return capaian(target, value, arah, rumus)
    targets = [target for _, target, _ in filled]
    if any(target.value is None or target.is_range for target in targets):
        return Capaian(None, "Target triwulan bukan angka tunggal: tidak dapat dijumlahkan.")
    total_target = sum(target.value for target in targets)
    total_value = sum(value for _, _, value in filled)
    if metode == RATA_RATA:
        count = Decimal(len(filled))
        return capaian(Target(total_target / count), total_value / count, arah, rumus)
    return capaian(Target(total_target), total_value, arah, rumus)
