"""Rencana Penarikan Dana (RPD): when a plan's money is drawn, month by month, as the
satker's DIPA prints it on Halaman III (months × jenis belanja).

Each line's cost is spread over its scheduled months in equal whole-Rupiah shares, the
remainder on the last scheduled month (Rp 1.000.000 over three months: 333.333, 333.333,
333.334), unless the planner fixed an amount per month for the line
(``RencanaKegiatan.month_amounts``, which ``clean()`` keeps on scheduled months and summing
to the cost). A cost without a month is counted as "tanpa jadwal".

The jenis belanja is the first two digits of the line's 6-digit akun: 51 pegawai, 52 barang,
53 modal, 57 bantuan sosial. A line without a 6-digit akun is "belum diketahui"; so is one
whose akun is of another jenis (54, 55, 56, 58...), which a KPU satker's DIPA does not carry:
Halaman III has no column for it, and counting it there keeps every total equal to the plan's.
"""

from dataclasses import dataclass, field

from django.db.models.functions import Length, Substr

from budgets.akun import JENIS_BELANJA
from plans.models import RencanaAksi, RencanaKegiatan
from plans.vocabulary import MONTH_FIELDS, MONTHS

JENIS = tuple(JENIS_BELANJA)  # "51", "52", "53", "57": the columns of Halaman III
UNKNOWN = "belum_diketahui"
COLUMNS = (*JENIS, UNKNOWN)
UNSCHEDULED = None  # the key ``spread`` files a cost without months under


def jenis_of(akun_belanja):
    """``"521211"`` -> ``"52"``; ``""`` or a jenis Halaman III has no column for ->
    ``"belum_diketahui"``."""
    akun = akun_belanja or ""
    return jenis_from_parts(akun[:2], len(akun))


def jenis_from_parts(prefix, length):
    """The jenis of an akun from its first two characters and its length, as
    ``jenis_parts`` reads them in the database (None for a missing akun)."""
    return prefix if length == 6 and prefix in JENIS else UNKNOWN


def jenis_parts(field):
    """What ``jenis_of`` reads of the akun in ``field`` as annotations to group by (its first
    two characters and its length), so that rows are added up per jenis in the database
    rather than per akun; ``jenis_from_parts`` names the jenis of each group."""
    return {"jenis_prefix": Substr(field, 1, 2), "jenis_length": Length(field)}


def fixed_amounts(biaya, months, month_amounts):
    """The planner's amounts as ``{month: Rupiah}`` when they still fit the line (only
    scheduled months, whole non-negative Rupiah, adding up to ``biaya``); None otherwise, so
    the cost is spread evenly instead (a month unscheduled after the amounts were set)."""
    if not month_amounts or not biaya or not months:
        return None
    amounts = {}
    for key, amount in month_amounts.items():
        month = int(key) if str(key).isdigit() else None
        if month not in months or type(amount) is not int or amount < 0:
            return None
        amounts[month] = amount
    return amounts if sum(amounts.values()) == biaya else None


def spread(biaya, months, month_amounts=None):
    """How a line's cost is drawn: ``{month: Rupiah}`` over its scheduled ``months``.

    Equal whole-Rupiah shares with the remainder on the last scheduled month, or the
    planner's ``month_amounts`` (``{"3": 600000, ...}``) when they fit the line; a cost
    without months is ``{None: biaya}`` (tanpa jadwal); no cost (None or 0) is ``{}``.

    >>> spread(1_000_000, [2, 5, 9])
    {2: 333333, 5: 333333, 9: 333334}
    """
    if not biaya:
        return {}
    months = sorted(set(months))
    if not months:
        return {UNSCHEDULED: biaya}
    fixed = fixed_amounts(biaya, months, month_amounts)
    if fixed is not None:
        return {month: fixed.get(month, 0) for month in months}
    share = biaya // len(months)
    amounts = dict.fromkeys(months, share)
    amounts[months[-1]] = biaya - share * (len(months) - 1)
    return amounts


def _empty_row():
    return dict.fromkeys((*COLUMNS, "total"), 0)


@dataclass
class RpdTable:
    """Halaman III of one plan: ``bulan[month][column]`` for months 1-12 and the columns
    ``"51" "52" "53" "57" "belum_diketahui" "total"``; ``unscheduled`` the same row for
    costs without months (``tanpa_jadwal`` its total); ``cumulative[month]`` the running
    total; ``columns_total`` each column summed over the year and the unscheduled row."""

    plan: RencanaAksi
    bulan: dict = field(default_factory=lambda: {month: _empty_row() for month in MONTHS})
    unscheduled: dict = field(default_factory=_empty_row)
    lines: int = 0  # lines with a cost
    fixed: int = 0  # of which drawn by the planner's amounts per month
    mismatched: int = 0  # of which had amounts that no longer fit, spread evenly

    def add(self, biaya, months, month_amounts, akun_belanja):
        """Count one line."""
        if not biaya:
            return
        self.lines += 1
        if month_amounts:
            if fixed_amounts(biaya, months, month_amounts) is None:
                self.mismatched += 1
            else:
                self.fixed += 1
        for month, amount in spread(biaya, months, month_amounts).items():
            self.put(month, akun_belanja, amount)

    def put(self, month, akun_belanja, amount):
        """Count ``amount`` drawn in ``month`` (``UNSCHEDULED``: without a month) on the
        column of ``akun_belanja``."""
        self.put_jenis(month, jenis_of(akun_belanja), amount)

    def put_jenis(self, month, jenis, amount):
        """Count ``amount`` drawn in ``month`` on the column ``jenis``."""
        row = self.unscheduled if month is UNSCHEDULED else self.bulan[month]
        row[jenis] += amount
        row["total"] += amount

    @property
    def tanpa_jadwal(self):
        return self.unscheduled["total"]

    @property
    def total(self):
        return sum(row["total"] for row in self.bulan.values()) + self.tanpa_jadwal

    @property
    def cumulative(self):
        """``{month: Rupiah drawn from January to that month}``."""
        running, result = 0, {}
        for month in MONTHS:
            running += self.bulan[month]["total"]
            result[month] = running
        return result

    @property
    def columns_total(self):
        totals = dict(self.unscheduled)
        for row in self.bulan.values():
            for key, amount in row.items():
                totals[key] += amount
        return totals

    def as_json(self):
        """The ``rpd --json`` shape: ``{"bulan": {"1": {"51": n, "52": n, "53": n, "57": n,
        "belum_diketahui": n, "total": n}, ... "12": {...}}, "tanpa_jadwal": n, "total": n}``
        in whole Rupiah."""
        return {
            "bulan": {str(month): dict(row) for month, row in self.bulan.items()},
            "tanpa_jadwal": self.tanpa_jadwal,
            "total": self.total,
        }


def rpd_table(plan):
    """The RPD of ``plan`` (a ``RencanaAksi``), its lines read in one query."""
    table = RpdTable(plan)
    rows = (
        RencanaKegiatan.objects.filter(plan=plan)
        .exclude(biaya__isnull=True)
        .exclude(biaya=0)
        .order_by()
        .values_list("biaya", "akun_belanja", "month_amounts", *MONTH_FIELDS)
    )
    for biaya, akun_belanja, month_amounts, *flags in rows:
        months = [month for month, on in zip(MONTHS, flags, strict=True) if on]
        table.add(biaya, months, month_amounts, akun_belanja)
    return table


def plan_for_rpd(satker, year):
    """The plan whose RPD stands for ``satker`` in ``year``: the approved version if there
    is one (a revision being drafted does not move money until it is approved), else the
    latest version; None when the satker has no plan that year."""
    plans = RencanaAksi.objects.filter(satker=satker, year=year).select_related("satker")
    approved = plans.filter(status=RencanaAksi.Status.APPROVED).order_by("-version").first()
    return approved or plans.order_by("-version").first()
