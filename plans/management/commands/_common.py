"""Pieces shared by the management commands of ``plans`` and ``monitoring``.

The leading underscore keeps Django from taking this module for a command.
"""

import json
from pathlib import Path

from django.core.management.base import CommandError

from plans.models import Satker

EXIT_REFUSED = 1
EXIT_USAGE = 2
YEARS = range(2000, 2101)  # the budget years a plan, a pagu or a realisation may have


def add_satker_year(parser, example="KPU-KOTA-TOMOHON"):
    """The required ``--satker`` and ``--year`` options."""
    parser.add_argument("--satker", required=True, help=f"kode satker, mis. {example}")
    parser.add_argument("--year", required=True, type=int, help="tahun anggaran")


def find_satker(code):
    """The satker of ``code`` (any case, spaces around ignored); a usage error otherwise."""
    code = code.strip().upper()
    satker = Satker.objects.filter(code=code).first()
    if satker is None:
        raise CommandError(f"Satker dengan kode {code} tidak ada.", returncode=EXIT_USAGE)
    return satker


def budget_year(year):
    """``year`` if it is a plausible budget year; a usage error otherwise."""
    if year not in YEARS:
        raise CommandError(
            f"Tahun {year} di luar {YEARS.start}-{YEARS.stop - 1}; yang diharapkan tahun "
            "anggaran, mis. 2024.",
            returncode=EXIT_USAGE,
        )
    return year


def existing_file(name):
    """``name`` as a path to a file that exists; a usage error otherwise."""
    path = Path(name)
    if not path.is_file():
        raise CommandError(f"Berkas {path} tidak ditemukan.", returncode=EXIT_USAGE)
    return path


def write_output(command, name, content, label):
    """Write ``content`` to ``name`` and say so on the command's stdout."""
    output = Path(name)
    try:
        output.write_bytes(content)
    except OSError as error:
        raise CommandError(f"Berkas {output} tidak dapat ditulis: {error}") from error
    command.stdout.write(f"{label} disimpan ke {output} ({len(content):,} bita).")


def finish_import(command, result, as_json, returncode):
    """Print an import's result (as JSON or through ``command.report``); refuse on errors."""
    if as_json:
        command.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
    else:
        command.report(result)
    if result.errors:
        raise CommandError(
            f"{len(result.errors)} kesalahan; tidak ada yang disimpan.", returncode=returncode
        )


def write_problems(command, result):
    """The warnings and errors of an import, one a line."""
    for warning in result.warnings:
        command.stdout.write(command.style.WARNING(f"Peringatan: {warning}"))
    for error in result.errors:
        command.stdout.write(command.style.ERROR(f"Kesalahan: {error}"))
