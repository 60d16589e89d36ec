"""Evidence types are read from the content, whatever the name or the browser says; names
are cleaned and links must be whole web addresses."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from monitoring import evidence
from monitoring.evidence import MAX_BYTES, sniff_type
from tests.evidence_files import (
    ACCEPTED,
    REFUSED,
    XLSX,
    image_bytes,
    xlsx_bytes,
)


@pytest.mark.parametrize(("kind", "build", "content_type"), ACCEPTED)
def test_accepted_kinds_are_read_from_their_content(kind, build, content_type):
    assert sniff_type(build()) == (kind, content_type)


@pytest.mark.parametrize(("case", "build"), REFUSED)
def test_other_content_is_refused_whatever_its_name(case, build):
    assert sniff_type(build()) is None, case
    upload = SimpleUploadedFile("laporan.pdf", build(), content_type="application/pdf")
    with pytest.raises(ValidationError, match=r"“laporan\.pdf” tidak dikenali sebagai PDF"):
        evidence.check_upload(upload)


def test_the_directory_of_an_upload_is_read_from_the_file_not_just_its_start():
    data = xlsx_bytes()
    assert sniff_type(data[:8], io.BytesIO(data)) == ("xlsx", XLSX)
    assert sniff_type(data[:8]) is None  # the start alone does not make an Office file


def test_an_oversized_or_empty_file_is_refused_with_its_name():
    big = SimpleUploadedFile("foto besar.png", image_bytes("PNG") + bytes(MAX_BYTES))
    with pytest.raises(ValidationError, match=r"“foto besar\.png” lebih dari 10"):
        evidence.check_upload(big)
    with pytest.raises(ValidationError, match=r"“kosong\.pdf” kosong"):
        evidence.check_upload(SimpleUploadedFile("kosong.pdf", b""))


@pytest.mark.parametrize(
    ("raw", "kind", "name"),
    [
        ("Laporan TW I.pdf", "pdf", "Laporan TW I.pdf"),
        ("C:\\Users\\kpu\\foto.JPG", "jpeg", "foto.JPG"),
        ("../../etc/passwd.pdf", "pdf", "passwd.pdf"),
        ("foto.jpg", "png", "foto.png"),  # the name follows what the file is
        ("laporan.exe", "pdf", "laporan.pdf"),
        ("gambar\u202egnp.exe", "png", "gambargnp.png"),  # no right-to-left override
        ('a"b\r\n<c>.docx', "docx", "abc.docx"),
        ("...", "pdf", "bukti.pdf"),
        ("x" * 300 + ".xlsx", "xlsx", "x" * 195 + ".xlsx"),
    ],
)
def test_names_are_cleaned_and_end_in_the_real_extension(raw, kind, name):
    assert evidence.clean_name(raw, kind) == name


@pytest.mark.parametrize(
    ("link", "ok"),
    [
        ("https://drive.google.com/file/d/abc", True),
        ("http://kpu.go.id/bukti?id=1", True),
        ("javascript:alert(1)", False),
        ("ftp://kpu.go.id/bukti.pdf", False),
        ("kpu.go.id/bukti", False),
        ("https://" + "a" * 500 + ".id", False),
    ],
)
def test_links_are_whole_http_addresses(link, ok):
    if ok:
        assert evidence.check_link(link) == link
    else:
        with pytest.raises(ValidationError, match="http:// atau https://"):
            evidence.check_link(link)
