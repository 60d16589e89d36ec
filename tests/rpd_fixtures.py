"""Shared by the RPD tests: the line of barang their hand-computed figures start from."""

from tests.factories import LineFactory


def barang_over_three_months(plan):
    """A new line of ``plan``: Rp 1.000.000 of barang (akun 521211, jenis 52) scheduled on
    Februari, Mei and September, so spread 333.333, 333.333 and 333.334. Returns its
    kegiatan, for the tests to add lines beside it."""
    return LineFactory(
        kegiatan__indikator__sasaran_program__sasaran_strategis__plan=plan,
        biaya=1_000_000,
        akun="3358.EBC.954.051.A.521211",
        b1=False,
        b2=True,
        b5=True,
        b9=True,
    ).kegiatan
