"""Budget codes (akun / MAK) as the DIPA, the POK and the plans write them.

The full path is kegiatan (4 digits) . KRO (3 letters) . RO (3 digits) . komponen (3 digits)
. subkomponen (1-2 letters) . akun (6 digits): ``3358.EBC.954.051.A.521211``. Offices write
shortened forms, and every one of them is a code here: ``3358.EBC.954.A`` (a subkomponen
right after the RO, its komponen unknown), ``6709.QGE.004``, ``6871.QGE``,
``6710.QGE.001.C.521211`` and a bare account ``521211`` (path unknown, jenis belanja known).
Levels that are not written stay "" - never guessed. Stored as parts so that totals group per
level in the database; ``str()`` gives the normalised text back for printing.
"""

import re
from dataclasses import dataclass

EXAMPLE = "3358.EBC.954.A"
EXPECTED = (
    "format yang diharapkan: kegiatan (4 angka).KRO (3 huruf)[.RO (3 angka)]"
    "[.komponen (3 angka)][.subkomponen (huruf)][.akun (6 angka)] atau akun 6 angka saja, "
    f"misalnya 3358.EBC.954.051.A.521211, {EXAMPLE} atau 6871.QGE"
)
# The six levels of a code path, top down; also the keys of ``AkunCode.path()``.
LEVELS = ("kegiatan", "kro", "ro", "komponen", "subkomponen", "akun")
LEVEL_NAMES = {
    "kegiatan": "Kegiatan",
    "kro": "KRO",
    "ro": "RO",
    "komponen": "Komponen",
    "subkomponen": "Subkomponen",
    "akun": "Akun",
}
# Jenis belanja: the first two digits of the 6-digit akun.
JENIS_BELANJA = {
    "51": "Belanja Pegawai",
    "52": "Belanja Barang",
    "53": "Belanja Modal",
    "57": "Belanja Bantuan Sosial",
}
_CODE = re.compile(
    r"^(?:(?P<kegiatan>\d{4})\.(?P<kro>[A-Z]{3})"
    r"(?:\.(?P<ro>\d{3})(?:\.(?P<komponen>\d{3}))?(?:\.(?P<subkomponen>[A-Z]{1,2}))?)?"
    r"(?:\.(?P<akun>\d{6}))?"
    r"|(?P<bare>\d{6}))$"
)
# "…521211" / "...521211": an account written with its path left out on purpose.
_ELLIPSIS = re.compile(r"^(?:…|\.{2,3})(?=\d{6}$)")


class AkunError(ValueError):
    """A budget code that does not follow the kegiatan.KRO.RO.komponen.subkomponen.akun form."""


@dataclass(frozen=True)
class AkunCode:
    """One parsed budget code; ``str()`` gives the normalised code back.

    Unknown levels are "". ``belanja`` is the old name of ``akun`` and reads the same.
    """

    kegiatan: str = ""
    kro: str = ""
    ro: str = ""
    komponen: str = ""
    subkomponen: str = ""
    akun: str = ""

    def __str__(self):
        return ".".join(part for part in self.path() if part)

    def path(self):
        """The six levels ``(kegiatan, kro, ro, komponen, subkomponen, akun)``, "" if unknown."""
        return (self.kegiatan, self.kro, self.ro, self.komponen, self.subkomponen, self.akun)

    def parts(self):
        """The five parts a plan line stores for grouping (``RencanaKegiatan.akun_*``):
        kegiatan, KRO, RO, the 3-digit komponen and the 6-digit akun."""
        return (self.kegiatan, self.kro, self.ro, self.komponen, self.akun)

    def prefix(self, level):
        """The code text down to ``level``: ``prefix("ro")`` of ``3358.EBC.954.051.A.521211``
        is ``3358.EBC.954``; unknown levels are left out (``3358.EBC.954.A`` at
        "subkomponen"), and a level the code does not reach gives ""."""
        depth = LEVELS.index(level) + 1
        path = self.path()
        if not path[depth - 1]:
            return ""
        return ".".join(part for part in path[:depth] if part)

    @property
    def belanja(self):
        return self.akun

    @property
    def jenis_belanja(self):
        """``"52"`` for ``…521211``: 51 pegawai, 52 barang, 53 modal, 57 bantuan sosial
        (other two digits as they are); "" without a 6-digit akun."""
        return self.akun[:2]

    @property
    def jenis_belanja_name(self):
        """``Belanja Barang`` for ``52``; "" without an akun."""
        return jenis_belanja_name(self.jenis_belanja)

    @property
    def level(self):
        """The deepest level the code names, e.g. ``"ro"`` for ``6709.QGE.004``."""
        named = [level for level, part in zip(LEVELS, self.path(), strict=True) if part]
        return named[-1] if named else ""

    @property
    def ro_code(self):
        """The RO the cost is grouped under: ``3358.EBC.954`` (or ``6871.QGE`` without RO)."""
        return ".".join(part for part in (self.kegiatan, self.kro, self.ro) if part)


def normalise_akun(value):
    """Trim spaces and upper-case letters: planners type ``3358.ebc.954.a``."""
    return re.sub(r"\s+", "", str(value or "")).upper()


def parse_akun(value):
    """Return an AkunCode, or raise AkunError naming what was expected."""
    text = _ELLIPSIS.sub("", normalise_akun(value))
    match = _CODE.match(text) if len(text) <= 40 else None
    if not match:
        shown = str(value).strip()[:60]
        raise AkunError(f'Kode akun "{shown}" tidak sah; {EXPECTED}')
    parts = {key: part or "" for key, part in match.groupdict().items()}
    bare = parts.pop("bare")
    return AkunCode(**parts) if not bare else AkunCode(akun=bare)


def jenis_belanja_name(jenis):
    """The name of a jenis belanja code (``"53"`` -> ``Belanja Modal``); other codes as
    ``Belanja 59``, "" for none."""
    if not jenis:
        return ""
    return JENIS_BELANJA.get(jenis, f"Belanja {jenis}")
