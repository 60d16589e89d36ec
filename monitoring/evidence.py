"""Bukti dukung: the files and links that back an indicator's realisasi in a quarter.

A file's type is read from its content (magic bytes; for .xlsx/.docx the zip's directory,
for .xls/.doc the compound file's), never from its name or the browser's word, and a file
over ``MAX_BYTES`` is refused as it streams in (``SizeLimitHandler``). Files live in the
private storage (``STORAGES["private"]``, under PRIVATE_MEDIA_ROOT) and reach users only
through the download view, which asks the report's access helper.

Every change runs under the report's lock (``monitoring.writes.locked_report``), so it
happens only while the planner may fill the report and a verified report's evidence is
frozen. Replacing keeps the earlier item, marked ``replaced_by``; deleting is for a mistaken
item while the report is being filled, and takes its earlier versions with it.
"""

import io
import re
import unicodedata
import uuid
import zipfile
from collections import defaultdict
from contextlib import contextmanager
from pathlib import PurePosixPath
from typing import NamedTuple
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.core.validators import URLValidator
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from xlrd.compdoc import CompDoc

from monitoring.access import get_report_for_user
from monitoring.models import Evidence, Realisasi, private_storage
from monitoring.writes import locked_report

MAX_BYTES = 10 * 1024 * 1024
NAME_LENGTH = 200  # Evidence.name
LINK_LENGTH = 500  # Evidence.link
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class Kind(NamedTuple):
    content_type: str
    extensions: tuple


KINDS = {
    "pdf": Kind("application/pdf", (".pdf",)),
    "png": Kind("image/png", (".png",)),
    "jpeg": Kind("image/jpeg", (".jpg", ".jpeg")),
    "xlsx": Kind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
    "xls": Kind("application/vnd.ms-excel", (".xls",)),
    "docx": Kind(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)
    ),
    "doc": Kind("application/msword", (".doc",)),
}
ACCEPT = ",".join(extension for kind in KINDS.values() for extension in kind.extensions)


def sniff_type(first_bytes, file=None):
    """``(kind, content_type)`` of a file judged by its content, or None when it is none of
    the accepted kinds. ``first_bytes`` is the file's start; the directory of a zip (.xlsx,
    .docx) or of a compound file (.xls, .doc) is read from ``file`` (seekable, binary), or
    from ``first_bytes`` when they are the whole file. Files with macros are refused."""
    head = bytes(first_bytes[:8])
    if head.startswith(b"%PDF-"):
        kind = "pdf"
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = "png"
    elif head.startswith(b"\xff\xd8\xff"):
        kind = "jpeg"
    elif head.startswith(b"PK\x03\x04"):
        kind = _office_open_kind(file or io.BytesIO(first_bytes))
    elif head == OLE_MAGIC:
        kind = _compound_kind(_whole(file) if file is not None else bytes(first_bytes))
    else:
        kind = None
    return (kind, KINDS[kind].content_type) if kind else None


def _office_open_kind(file):
    """xlsx or docx: a zip listing ``[Content_Types].xml`` and ``xl/`` or ``word/`` parts.
    Only the zip's directory is read, nothing is unpacked."""
    try:
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return None
    finally:
        file.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        return None
    tops = {name.split("/", 1)[0] for name in names if "/" in name}
    found = [kind for kind, top in (("xlsx", "xl"), ("docx", "word")) if top in tops]
    return found[0] if len(found) == 1 else None


def _compound_kind(data):
    """xls or doc: a compound file holding a ``Workbook`` (or ``Book``) or ``WordDocument``
    stream, and no macro storage."""
    try:
        names = {entry.name for entry in CompDoc(data, logfile=io.StringIO()).dirlist}
    except Exception:  # whatever a malformed compound file trips on, it is refused
        return None
    if names & {"_VBA_PROJECT_CUR", "Macros", "VBA"}:
        return None
    found = [
        kind
        for kind, streams in (("xls", {"Workbook", "Book"}), ("doc", {"WordDocument"}))
        if names & streams
    ]
    return found[0] if len(found) == 1 else None


def _whole(file):
    file.seek(0)
    data = file.read()
    file.seek(0)
    return data


def clean_name(raw, kind=None):
    """An uploaded name fit to show and to offer on download: its last path part, without
    control or format characters (a right-to-left override can disguise ``.exe``) or those
    Windows forbids, at most ``NAME_LENGTH`` characters, and ending in the extension of
    what the file really is."""
    name = re.split(r"[\\/]", str(raw or ""))[-1]
    name = "".join(c for c in name if unicodedata.category(c) not in {"Cc", "Cf", "Cs"})
    name = " ".join(re.sub(r'[<>:"|?*]', "", name).split()).strip(". ")
    path = PurePosixPath(name or "bukti")
    stem, extension = path.stem, path.suffix
    if kind is not None and extension.lower() not in KINDS[kind].extensions:
        stem, extension = (stem if extension else name) or "bukti", KINDS[kind].extensions[0]
    return stem[: NAME_LENGTH - len(extension)] + extension


def too_large_message(name):
    return _("Berkas “%(name)s” lebih dari %(limit)s; unggah berkas yang lebih kecil.") % {
        "name": clean_name(name),
        "limit": filesizeformat(MAX_BYTES),
    }


def check_upload(upload):
    """``(kind, content_type)`` of an uploaded file, or ``ValidationError`` naming the file
    and saying what was expected."""
    name = clean_name(upload.name)
    if upload.size > MAX_BYTES:
        raise ValidationError(too_large_message(upload.name))
    if not upload.size:
        raise ValidationError(_("Berkas “%(name)s” kosong.") % {"name": name})
    upload.seek(0)
    sniffed = sniff_type(upload.read(8), upload)
    if sniffed is None:
        raise ValidationError(
            _(
                "Berkas “%(name)s” tidak dikenali sebagai PDF, gambar PNG/JPEG, Excel "
                "(.xlsx/.xls) atau Word (.docx/.doc); isinya yang diperiksa, bukan namanya. "
                "Berkas bermakro tidak diterima."
            )
            % {"name": name}
        )
    return sniffed


def check_link(url):
    """The link, stripped, when it is a whole http(s) address; ``ValidationError`` else."""
    url = (url or "").strip()
    try:
        if len(url) > LINK_LENGTH:
            raise ValidationError("too long")
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ValidationError(
            _(
                "Tautan “%(link)s” tidak dapat dipakai: tulis alamat lengkap yang diawali "
                "http:// atau https:// (paling banyak %(max)s karakter)."
            )
            % {"link": url[:80], "max": LINK_LENGTH}
        ) from None
    return url


class SizeLimitHandler(FileUploadHandler):
    """Goes first among the upload handlers: a file that passes ``limit`` bytes is skipped
    as it streams in (the rest of it is read past, never stored) and its name is kept in
    ``too_large`` for the form to report."""

    def __init__(self, request=None, limit=MAX_BYTES):
        super().__init__(request)
        self.limit = limit
        self.too_large = []

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            self.too_large.append(self.file_name)
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None


def get_evidence_for_user(user, pk, *, rule=None):
    """``(evidence, report)`` when ``user`` may see the evidence's report (404 otherwise);
    403 unless ``rule(user, report)`` holds."""
    item = get_object_or_404(Evidence.objects.select_related("realisasi__indikator"), pk=pk)
    return item, get_report_for_user(user, item.realisasi.report_id, rule=rule)


def attach_file(report, indikator, upload, by):
    """A new file for ``indikator`` in ``report``, checked (``check_upload``) and stored."""
    kind = check_upload(upload)[0]
    with _filling(report, by) as (report, stored):
        realisasi = _realisasi(report, indikator)
        return _add(realisasi, by, stored, upload=upload, kind=kind)


def attach_link(report, indikator, url, by, name=""):
    """A new link for ``indikator`` in ``report``, named ``name`` or after its address."""
    url = check_link(url)
    with _filling(report, by) as (report, stored):
        realisasi = _realisasi(report, indikator)
        return _add(realisasi, by, stored, link=url, name=name)


def replace(evidence, by, *, upload=None, link=None, name=""):
    """A new file (or link) in place of ``evidence``, which stays, marked ``replaced_by``."""
    if (upload is None) == (not link):
        raise ValueError("replace takes an upload or a link")
    kind = check_upload(upload)[0] if upload is not None else None
    link = check_link(link) if link else ""
    with _filling(evidence.realisasi.report_id, by) as (report, stored):
        earlier = _current(evidence, report)
        new = _add(earlier.realisasi, by, stored, upload=upload, kind=kind, link=link, name=name)
        earlier.replaced_by = new
        earlier.save(update_fields=["replaced_by"])
        return new


def delete(evidence, by):
    """Removes ``evidence`` with the earlier versions it replaced, and their files once the
    transaction commits: for a mistaken item while the report is being filled."""
    with _filling(evidence.realisasi.report_id, by) as (report, _stored):
        chain = newest = [_current(evidence, report)]
        while newest := list(Evidence.objects.filter(replaced_by__in=newest)):
            chain = chain + newest
        names = [item.file.name for item in chain if item.file]
        Evidence.objects.filter(pk__in=[item.pk for item in chain]).delete()
        transaction.on_commit(lambda: [private_storage().delete(name) for name in names])
        return len(chain)


def evidence_by_indicator(report, indikator=None):
    """``{indikator_id: [Evidence, ...]}`` of ``report`` in one query: per indicator the
    items in force in upload order, then the replaced ones, newest first, each with its
    ``replaced_by`` and ``uploaded_by`` at hand."""
    items = Evidence.objects.filter(realisasi__report=report).select_related(
        "realisasi", "replaced_by", "uploaded_by"
    )
    if indikator is not None:
        items = items.filter(realisasi__indikator=indikator)
    grouped = defaultdict(list)
    for item in items.order_by("uploaded_at", "pk"):
        grouped[item.realisasi.indikator_id].append(item)
    return {
        indikator_id: [item for item in group if not item.replaced_by_id]
        + [item for item in reversed(group) if item.replaced_by_id]
        for indikator_id, group in grouped.items()
    }


def add_to_rows(rows, report):
    """Sets ``row.evidence`` on the quarter's summary rows (``monitoring.summary.Row``), one
    query for the whole report; ``templates/monitoring/_evidence.html`` lists it."""
    found = evidence_by_indicator(report)
    for row in rows:
        row.evidence = found.get(row.indikator.pk, [])
    return rows


@contextmanager
def _filling(report, by):
    """The report locked while ``by`` may fill it; files stored in the block are removed
    again when it fails, so a refused change leaves no file behind."""
    stored = []
    try:
        with locked_report(report, by) as locked:
            yield locked, stored
    except BaseException:
        for name in stored:
            private_storage().delete(name)
        raise


def _realisasi(report, indikator):
    if indikator.plan_id != report.plan_id:
        raise ValidationError(_("Indikator ini bukan bagian dari rencana laporan ini."))
    realisasi, _created = Realisasi.objects.get_or_create(report=report, indikator=indikator)
    return realisasi


def _current(evidence, report):
    """``evidence`` read again under the report's lock; only an item in force changes."""
    item = Evidence.objects.select_related("realisasi").get(
        pk=evidence.pk, realisasi__report=report
    )
    if item.replaced_by_id:
        raise ValidationError(_("Bukti “%(name)s” sudah diganti.") % {"name": item.name})
    return item


def _add(realisasi, by, stored, *, upload=None, kind=None, link="", name=""):
    if upload is not None:
        item = Evidence(
            realisasi=realisasi,
            name=clean_name(name or upload.name, kind),
            content_type=KINDS[kind].content_type,
            size=upload.size,
            uploaded_by=by,
        )
        upload.seek(0)
        # A name of our own: the uploaded one is shown and offered, never used as a path.
        item.file.save(f"{uuid.uuid4().hex}{KINDS[kind].extensions[0]}", upload, save=False)
        stored.append(item.file.name)
    else:
        label = " ".join((name or "").split()) or _link_label(link)
        item = Evidence(realisasi=realisasi, link=link, name=label[:NAME_LENGTH], uploaded_by=by)
    item.save()
    return item


def _link_label(url):
    parts = urlsplit(url)
    return (parts.netloc + parts.path).rstrip("/") or url
