"""Real tiny files of every kind evidence accepts, and impostors, built in memory."""

import io
import struct
import zipfile

import openpyxl
from PIL import Image
from pypdf import PdfWriter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def pdf_bytes():
    writer, out = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=72, height=72)
    writer.write(out)
    return out.getvalue()


def image_bytes(form):
    out = io.BytesIO()
    Image.new("RGB", (2, 2), "green").save(out, form)
    return out.getvalue()


def xlsx_bytes(extra=()):
    out = io.BytesIO()
    openpyxl.Workbook().save(out)
    return _with_parts(out.getvalue(), extra) if extra else out.getvalue()


def zip_bytes(parts):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return out.getvalue()


def docx_bytes():
    return zip_bytes(
        {
            "[Content_Types].xml": (
                '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
                '2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
                '<Override PartName="/word/document.xml" ContentType="application/vnd.openxml'
                'formats-officedocument.wordprocessingml.document.main+xml"/></Types>'
            ),
            "_rels/.rels": (
                '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                'package/2006/relationships"><Relationship Id="r1" Type="http://schemas.'
                'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
                'Target="word/document.xml"/></Relationships>'
            ),
            "word/document.xml": (
                '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Bukti</w:t></w:r></w:p>'
                "</w:body></w:document>"
            ),
        }
    )


def _with_parts(data, extra):
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a") as archive:
        for name in extra:
            archive.writestr(name, b"x")
    return out.getvalue()


def compound_file(*streams):
    """A compound file (the .xls/.doc container) holding ``streams``, 4096 bytes each: a
    header, one FAT sector, one directory sector, then the streams' sectors."""
    end, free, fat_sector, no_stream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    sectors_each = 8  # 4096 bytes: kept out of the mini stream
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16)
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
    header += struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
    header += struct.pack("<I", 0) + struct.pack("<I", free) * 108
    fat = [fat_sector, end]
    for index in range(len(streams)):
        first = 2 + index * sectors_each
        fat += [*range(first + 1, first + sectors_each), end]
    fat += [free] * (128 - len(fat))

    def entry(name, kind, child=no_stream, right=no_stream, start=end, size=0):
        encoded = name.encode("utf-16-le") + b"\0\0"
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBBIII", len(encoded), kind, 1, no_stream, right, child)
            + bytes(16 + 4 + 16)
            + struct.pack("<IQ", start, size)
        )

    directory = entry("Root Entry", 5, child=1)
    for index, name in enumerate(streams, start=1):
        right = index + 1 if index < len(streams) else no_stream
        directory += entry(name, 2, right=right, start=2 + (index - 1) * sectors_each, size=4096)
    directory = directory.ljust(512, b"\0")
    body = b"".join(bytes([index]) * 4096 for index, _name in enumerate(streams))
    return header + struct.pack("<128I", *fat) + directory + body


ACCEPTED = [
    ("pdf", pdf_bytes, "application/pdf"),
    ("png", lambda: image_bytes("PNG"), "image/png"),
    ("jpeg", lambda: image_bytes("JPEG"), "image/jpeg"),
    ("xlsx", xlsx_bytes, XLSX),
    ("docx", docx_bytes, DOCX),
    ("xls", lambda: compound_file("Workbook"), "application/vnd.ms-excel"),
    ("doc", lambda: compound_file("WordDocument", "1Table"), "application/msword"),
]
REFUSED = [
    ("a Windows program", lambda: b"MZ\x90\x00\x03\x00\x00\x00" + bytes(200)),
    ("a web page", lambda: b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
    ("a PDF with a page in front", lambda: b"<html>" + pdf_bytes()),
    ("a zip that is not an Office file", lambda: zip_bytes({"laporan.txt": "isi"})),
    ("a PowerPoint file", lambda: zip_bytes({"[Content_Types].xml": "<T/>", "ppt/a.xml": "<a/>"})),
    ("a workbook with macros", lambda: xlsx_bytes(extra=["xl/vbaProject.bin"])),
    ("a compound file that is neither", lambda: compound_file("PowerPoint Document")),
    ("a Word file with macros", lambda: compound_file("WordDocument", "Macros")),
    ("a broken compound file", lambda: compound_file("Workbook")[:700]),
    ("plain text", lambda: b"%PD"),
]
