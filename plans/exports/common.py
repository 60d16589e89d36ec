"""What the PDF and the Excel export print the same way: cell texts, dates, the signatory."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from budgets.rupiah import format_rupiah
from plans import vocabulary
from plans.models import RencanaAksi

BULAN = vocabulary.MONTH_NAMES
FINAL_STATUSES = (RencanaAksi.Status.APPROVED, RencanaAksi.Status.SUPERSEDED)


def format_tanggal(date):
    """``2024-01-02`` -> ``2 Januari 2024``: printed documents spell the month in Indonesian,
    whatever the server's locale."""
    return f"{date.day} {BULAN[date.month - 1]} {date.year}"


def is_draft(plan):
    """Anything not approved (or approved and later replaced) prints with a DRAF mark, so an
    unapproved printout is never mistaken for the signed plan."""
    return plan.status not in FINAL_STATUSES


def place_and_date(plan):
    """``Gorontalo, 2 Januari 2024``; with the place only, ``Gorontalo,`` leaves the date to
    be written by hand as offices do; empty when neither is known."""
    date = format_tanggal(plan.signatory_date) if plan.signatory_date else ""
    if plan.signatory_place and date:
        return f"{plan.signatory_place}, {date}"
    if plan.signatory_place:
        return f"{plan.signatory_place},"
    return date


def signatory(plan):
    """The signatory block as stored on the plan (not the satker's current secretary: a
    printed version must not change when the office's staff does)."""
    return {
        "place_date": place_and_date(plan),
        "acknowledge": plan.signatory_acknowledge.strip(),
        "title_lines": [line.strip() for line in plan.signatory_title.splitlines() if line.strip()],
        "name": plan.signatory_name.strip(),
        "nip": f"NIP. {plan.signatory_nip.strip()}" if plan.signatory_nip.strip() else "",
    }


def verification_url(plan, site_url=None):
    """The absolute address of the public page that confirms a printed version, on
    ``site_url`` (``settings.SITE_URL`` unless a view says otherwise); empty before approval
    issues a code."""
    if not plan.verification_code:
        return ""
    site = site_url or settings.SITE_URL
    return site.rstrip("/") + reverse("verify", args=[plan.verification_code])


def approval(plan, site_url=None):
    """What an approved (or superseded) print says about itself in its footer: version,
    approval date, verification code and address (on ``site_url``); ``None`` for a draft."""
    if is_draft(plan):
        return None
    # The day it was approved, in the server's time zone: what the signatory date records.
    date = timezone.localdate(plan.approved_at) if plan.approved_at else plan.signatory_date
    return {
        "version": f"Versi {plan.version}",
        "date": format_tanggal(date) if date else "",
        "code": plan.verification_code,
        "url": verification_url(plan, site_url),
        "superseded": plan.status == RencanaAksi.Status.SUPERSEDED,
    }


def approval_line(info):
    """``Versi 2 · Disetujui 5 Desember 2026 · Kode verifikasi ABCD234567``: one line for the
    Excel footer and the note under the signatory (``info["verb"]``, when given, replaces
    ``Disetujui``: a quarterly report is ``Diverifikasi``)."""
    parts = [info["version"]]
    if info["date"]:
        parts.append(f"{info.get('verb', 'Disetujui')} {info['date']}")
    if info["code"]:
        parts.append(f"Kode verifikasi {info['code']}")
    return " · ".join(parts)


SUPERSEDED_NOTE = "Digantikan oleh versi yang lebih baru: tidak berlaku lagi"


def cell_text(cell):
    """The printed text of a matrix cell. A cost cell of an existing line shows ``-`` when it
    has no cost; a cell without a node (an indicator without lines) or a repeated piece of a
    broken span stays blank."""
    if cell.node is None or cell.continued:
        return ""
    if cell.column.key == "biaya":
        return format_rupiah(cell.value)
    if cell.column.is_month:
        return ""
    return "" if cell.value is None else str(cell.value)


def export_filename(plan, extension):
    """``rencana-aksi-kpu-provinsi-gorontalo-2023-v1.pdf``: satker, year and version, so two
    downloads of different versions never overwrite each other."""
    stem = slugify(f"rencana aksi {plan.satker.name} {plan.year}")
    return f"{stem}-v{plan.version}.{extension}"
