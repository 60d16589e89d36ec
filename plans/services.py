"""Changes that touch several rows at once, each in one transaction."""

import re

from django.db import transaction
from django.utils.translation import gettext as _

from plans import layouts
from plans.building import build_tree, tree_data
from plans.matrix import load_tree
from plans.models import RencanaAksi, Satker

# Fields a copy or a revision carries over from its source as they are.
LAYOUT_FIELDS = ["columns", "column_labels", "month_style", "show_column_numbers", "paper"]
SIGNATORY_FIELDS = [
    "signatory_place",
    "signatory_acknowledge",
    "signatory_title",
    "signatory_name",
    "signatory_nip",
]


def default_title(satker, year):
    return f"RENCANA AKSI TAHUN {year}\nSEKRETARIS\n{satker_heading(satker)}"


def satker_heading(satker):
    """``KPU Provinsi Gorontalo`` -> ``KOMISI PEMILIHAN UMUM PROVINSI GORONTALO``."""
    return re.sub(r"^KPU\b", "KOMISI PEMILIHAN UMUM", satker.name.upper())


@transaction.atomic
def create_plan(satker: Satker, year: int):
    """A blank draft in the full layout, its signatory taken from the satker's settings."""
    return RencanaAksi.objects.create(
        satker=satker,
        year=year,
        title=default_title(satker, year),
        columns=list(layouts.LENGKAP),
        **signatory_defaults(satker),
    )


def signatory_defaults(satker, plan=None):
    """The signatory block: the plan's own where it has one, else the satker's secretary."""

    def own(name):
        return getattr(plan, name, "") if plan is not None else ""

    return {
        "signatory_place": own("signatory_place") or satker.city,
        "signatory_acknowledge": own("signatory_acknowledge") or "Mengetahui,",
        "signatory_title": own("signatory_title") or satker.secretary_title,
        "signatory_name": own("signatory_name") or satker.secretary_name,
        "signatory_nip": own("signatory_nip") or satker.secretary_nip,
    }


@transaction.atomic
def copy_plan(source: RencanaAksi, year: int):
    """A draft for ``year`` with the whole tree of ``source``: targets, lines, months, akun
    and costs; the year in the title follows, the signatory date is left for the new year."""
    plan = RencanaAksi.objects.create(
        satker=source.satker,
        year=year,
        title=source.title.replace(str(source.year), str(year)),
        **{name: getattr(source, name) for name in LAYOUT_FIELDS},
        **signatory_defaults(source.satker, source),
    )
    note = _("Disalin dari Rencana Aksi %(year)s") % {"year": source.year}
    build_tree(plan, tree_data(load_tree(source)), note=note)
    return plan
