"""Which colour band a capaian falls in (``CapaianBand``, set by an admin)."""

from monitoring.models import CapaianBand


def band_for(value, bands=None):
    """The band of a capaian in percent (None: not computable, no band)."""
    if value is None:
        return None
    bands = list(bands if bands is not None else CapaianBand.objects.all())
    found = None
    for band in sorted(bands, key=lambda band: band.lower):
        if value >= band.lower:
            found = band
    return found
