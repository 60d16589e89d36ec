"""What a print run makes: the satkers of a scope in print order, and from their approved
plans either one booklet (cover, table of contents, each plan as its own stored PDF keeping
its own page numbers and verification footer) or one ZIP of every PDF and Excel.

Files are written aside and renamed into place (``written_aside``), so a reader - or a job
retried after its worker was killed - never sees half a file under the final name.
"""

import os
import tempfile
import zipfile
from collections import defaultdict
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from pypdf import PdfReader, PdfWriter

from monitoring.models import private_storage
from plans.exports.common import approval, export_filename, format_tanggal
from plans.exports.pdf import html_to_pdf, render_pdf_cached
from plans.exports.xlsx import workbook_bytes
from plans.models import RencanaAksi, Satker

TEMP_PREFIX = ".tmp-"


def scope_satkers(satker):
    """``satker`` and every satker below it, each followed by its own: KPU RI, then each
    province (by name) with its kabupaten/kota (by name). One query."""
    found = Satker.objects.filter(
        Q(pk=satker.pk) | Q(parent=satker.pk) | Q(parent__parent=satker.pk)
    ).order_by("name")
    below = defaultdict(list)
    for each in found:
        below[each.parent_id].append(each)
    ordered = []

    def walk(node):
        ordered.append(node)
        for child in below[node.pk]:
            walk(child)

    walk(satker)
    return ordered


def approved_plans(satkers, year):
    """``{satker pk: plan}`` of the approved version of each satker's plan for ``year``."""
    plans = RencanaAksi.objects.filter(
        satker__in=[satker.pk for satker in satkers], year=year, status=RencanaAksi.Status.APPROVED
    )
    return {plan.satker_id: plan for plan in plans}


def run_folder(run):
    """The run's folder in private storage (relative name)."""
    return f"cetak/{run.pk}"


def output_name(run):
    """``cetak/12/buku-rencana-aksi-kpu-provinsi-gorontalo-2023.pdf`` (or ``.zip``)."""
    stem = slugify(f"{'buku' if run.format == 'pdf' else 'berkas'} rencana aksi {run.satker.name}")
    return f"{run_folder(run)}/{stem}-{run.year}.{run.format}"


def part_xlsx_name(run, part):
    """Where a part's Excel file waits for the ZIP."""
    return f"{run_folder(run)}/bagian/{part.position:03d}-{part.satker.code.lower()}.xlsx"


def storage_path(name):
    return Path(private_storage().path(name))


def publish(temporary, final):
    """The last step of every write: the complete file takes its final name at once."""
    os.replace(temporary, final)


@contextmanager
def written_aside(path):
    """A file handle beside ``path`` under a temporary name; renamed to ``path`` when the
    block ends without error, removed otherwise."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=TEMP_PREFIX, delete=False)  # noqa: SIM115
    try:
        with handle:
            yield handle
        publish(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def remove_leftovers(folder):
    """Temporary files a killed job left in ``folder``."""
    for leftover in folder.glob(f"{TEMP_PREFIX}*"):
        leftover.unlink(missing_ok=True)


def render_part(run, part):
    """Store what ``part`` contributes: its plan's PDF (reused when the approved version was
    rendered before) and, for a ZIP, its Excel file."""
    render_pdf_cached(part.plan, run.site_url)
    if run.format == run.Format.ZIP:
        content = workbook_bytes(part.plan, run.site_url)
        with written_aside(storage_path(part_xlsx_name(run, part))) as handle:
            handle.write(content)


def write_output(run, parts):
    """Build the run's file from its ``parts`` (in order) under its final name; returns the
    name in private storage."""
    name = output_name(run)
    path = storage_path(name)
    pdfs = {part.pk: render_pdf_cached(part.plan, run.site_url) for part in parts if part.plan}
    with written_aside(path) as handle:
        if run.format == run.Format.PDF:
            booklet(run, parts, pdfs).write(handle)
        else:
            write_zip(handle, run, parts, pdfs)
    remove_leftovers(path.parent)
    return name


def booklet(run, parts, pdfs):
    """A ``PdfWriter`` of the cover and contents followed by every approved plan, with a
    bookmark per satker (nested under its province's when that is in the booklet)."""
    readers = {pk: PdfReader(BytesIO(content)) for pk, content in pdfs.items()}
    counts = {pk: len(reader.pages) for pk, reader in readers.items()}
    front, starts = front_matter(run, parts, counts)
    writer = PdfWriter()
    writer.append(PdfReader(BytesIO(front)), import_outline=False)
    writer.add_outline_item(title="Sampul dan daftar isi", page_number=0)
    items = {}
    for part in parts:
        if part.pk not in readers:
            continue
        writer.append(readers[part.pk], import_outline=False)
        items[part.satker_id] = writer.add_outline_item(
            title=part.satker.name,
            page_number=starts[part.pk] - 1,
            parent=items.get(part.satker.parent_id),
        )
    writer.add_metadata(
        {
            "/Title": booklet_title(run),
            "/Author": run.satker.name,
            "/Creator": "Renaksi",
        }
    )
    return writer


def booklet_title(run):
    return f"Buku Rencana Aksi {run.satker.name} Tahun {run.year}"


def front_matter(run, parts, counts):
    """The cover and table of contents as PDF bytes, and ``{part pk: first page}`` in the
    booklet. The contents may run over several pages, which moves every start: rendered
    again until its own length agrees with the numbers it prints."""
    front_pages = 2
    for _attempt in range(4):
        starts, page = {}, front_pages + 1
        for part in parts:
            if part.pk in counts:
                starts[part.pk] = page
                page += counts[part.pk]
        pdf = html_to_pdf(front_html(run, parts, starts))
        pages = len(PdfReader(BytesIO(pdf)).pages)
        if pages == front_pages:
            return pdf, starts
        front_pages = pages
    raise RuntimeError("Daftar isi tidak stabil.")


def front_html(run, parts, starts):
    """The cover and contents; ``starts`` gives each part's first page in a booklet (for a
    ZIP, ``None``: the contents name each part's files instead)."""
    approved = [part for part in parts if part.plan]
    rows = []
    for number, part in enumerate(parts, start=1):
        info = approval(part.plan, run.site_url) if part.plan else None
        rows.append(
            {
                "number": number,
                "satker": part.satker,
                "info": info,
                "start": starts.get(part.pk) if starts is not None else None,
                "prefix": f"{part.position:03d}",
                "level": part.satker.level,
            }
        )
    return render_to_string(
        "exports/booklet_front.html",
        {
            "title": booklet_title(run),
            "scope": run.satker,
            "year": run.year,
            "total": len(parts),
            "approved": len(approved),
            "missing": len(parts) - len(approved),
            "printed_on": format_tanggal(timezone.localdate()),
            "rows": rows,
            "booklet": starts is not None,
            "verify_url": run.site_url.rstrip("/") + "/verifikasi/",
        },
    )


def write_zip(handle, run, parts, pdfs):
    """Every approved plan's PDF and Excel, numbered in print order, with the cover and
    contents as the first entry (its page numbers those of the booklet)."""
    front = html_to_pdf(front_html(run, parts, starts=None))
    with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("000-sampul-dan-daftar-isi.pdf", front)
        for part in parts:
            if not part.plan:
                continue
            prefix = f"{part.position:03d}-"
            archive.writestr(prefix + export_filename(part.plan, "pdf"), pdfs[part.pk])
            archive.write(
                storage_path(part_xlsx_name(run, part)), prefix + export_filename(part.plan, "xlsx")
            )
