"""The legacy workbooks the import tests read, kept in the repository (``tests/data/``)
with the figures an importer must reproduce (``*.expected.json``)."""

from pathlib import Path

SAMPLES = Path(__file__).resolve().parent / "data"
