"""Budget codes (akun / MAK) as printed in the plans: ``3358.EBC.954.A``.

The parts are kegiatan (4 digits), KRO (3 letters), RO (3 digits), komponen (1-3 letters or
digits), subkomponen (a letter, after a 3-digit komponen) and, in the long MAK form, the
6-digit belanja account: ``6710.QGE.001.C.521211``, ``3358.EBC.954.051.A.521211``.
Stored as parts so that totals can be grouped per kegiatan, KRO and RO in the database.
"""

import re
from dataclasses import dataclass

EXAMPLE = "3358.EBC.954.A"
EXPECTED = (
    "format yang diharapkan: kegiatan (4 angka).KRO (3 huruf)[.RO (3 angka)][.komponen]"
    f"[.akun 6 angka], misalnya {EXAMPLE} atau 6871.QGE"
)
_CODE = re.compile(
    r"^(?P<kegiatan>\d{4})\.(?P<kro>[A-Z]{3})"
    r"(?:\.(?P<ro>\d{3})(?:\.(?P<komponen>(?!\d{6}$)[A-Z0-9]{1,3})"
    r"(?:\.(?P<subkomponen>[A-Z]{1,2}))?)?)?"
    r"(?:\.(?P<belanja>\d{6}))?$"
)


class AkunError(ValueError):
    """A budget code that does not follow the kegiatan.KRO.RO.komponen form."""


@dataclass(frozen=True)
class AkunCode:
    """One parsed budget code; ``str()`` gives the normalised code back."""

    kegiatan: str
    kro: str
    ro: str = ""
    komponen: str = ""
    belanja: str = ""
    subkomponen: str = ""

    def __str__(self):
        path = (self.kegiatan, self.kro, self.ro, self.komponen, self.subkomponen, self.belanja)
        return ".".join(part for part in path if part)

    def parts(self):
        """The parts a line stores for grouping (the subkomponen is read from the text)."""
        return (self.kegiatan, self.kro, self.ro, self.komponen, self.belanja)

    @property
    def ro_code(self):
        """The RO the cost is grouped under: ``3358.EBC.954`` (or ``6871.QGE`` without RO)."""
        return ".".join(part for part in (self.kegiatan, self.kro, self.ro) if part)


def normalise_akun(value):
    """Trim spaces and upper-case letters: planners type ``3358.ebc.954.a``."""
    return re.sub(r"\s+", "", str(value or "")).upper()


def parse_akun(value):
    """Return an AkunCode, or raise AkunError naming what was expected."""
    text = normalise_akun(value)
    match = _CODE.match(text)
    if not match:
        shown = str(value).strip()
        raise AkunError(f'Kode akun "{shown}" tidak sah; {EXPECTED}')
    return AkunCode(**{key: part or "" for key, part in match.groupdict().items()})
