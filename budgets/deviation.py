"""Deviasi Halaman III DIPA: how far a satker's monthly realisation strays from its RPD, as
the DJPb's KPPN describe it for the IKPA indicator, and serapan (how much of the pagu is
spent).

For month m and jenis belanja j::

    deviasi(m, j) = |R − RPD| / RPD × 100, capped at 100
                    (0 when both are 0, 100 when RPD is 0 and R is not)

The month's deviation is the average of its jenis weighted by each jenis' share of the pagu
(``PaguLine`` amounts grouped by the first two digits of their akun). Without a pagu the
weights are each jenis' share of the year's RPD instead, and the page says so. The year's
deviation is the plain average of the monthly deviations from January to the last month
with realisation (the months elapsed as the data knows them; a month with RPD and nothing
spent counts as 100). Serapan is realisation over the whole pagu, per month and cumulative.

The functions above ``deviation_table`` are pure; ``year_deviation_for_satkers`` reads the
database in a fixed number of queries (``budgets.realisasi.spent_years``).
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet

from budgets.rpd import COLUMNS
from plans.vocabulary import MONTH_NAMES, MONTHS

ZERO, HUNDRED = Decimal(0), Decimal(100)
THRESHOLD = Decimal(5)  # the DJPb's tolerance: a month above 5 % is marked
PAGU, RPD = "pagu", "rpd"  # what the weights of the jenis come from


def deviation(realisasi, rpd):
    """The deviation in % of one month and jenis: ``|R − RPD| / RPD × 100`` capped at 100;
    0 when both are 0 and 100 when only the RPD is 0.

    >>> deviation(90, 100), deviation(0, 0), deviation(5, 0), deviation(350, 100)
    (Decimal('10'), Decimal('0'), Decimal('100'), Decimal('100'))
    """
    if not rpd:
        return ZERO if not realisasi else HUNDRED
    return min(HUNDRED, Decimal(abs(realisasi - rpd)) * 100 / Decimal(rpd))


def weights_of(amounts):
    """Each column's share of ``amounts`` (``{"52": 750, "53": 250}`` -> 0.75 and 0.25);
    columns with nothing are left out; ``{}`` when everything is 0."""
    total = sum(amount for amount in amounts.values() if amount > 0)
    if not total:
        return {}
    return {key: Decimal(amount) / total for key, amount in amounts.items() if amount > 0}


def month_deviation(rpd_row, real_row, weights):
    """The deviation of one month: each jenis' deviation weighted by ``weights``; None
    without weights."""
    if not weights:
        return None
    weighted = sum(
        weight * deviation(real_row.get(jenis, 0), rpd_row.get(jenis, 0))
        for jenis, weight in weights.items()
    )
    return weighted / sum(weights.values())


def year_average(deviations, through):
    """The mean of the months' ``deviations`` (``{month: Decimal | None}``) from January to
    ``through``; None when there is none."""
    values = [deviations.get(month) for month in range(1, (through or 0) + 1)]
    values = [value for value in values if value is not None]
    return sum(values) / len(values) if values else None


def serapan(amount, pagu):
    """``amount`` as % of ``pagu``; None without a pagu."""
    return Decimal(amount) * 100 / Decimal(pagu) if pagu else None


def rounded(value, places=2):
    """A percentage for showing and for JSON: 2 decimals, half up; None stays None."""
    if value is None:
        return None
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@dataclass
class MonthRow:
    """One month of the table: RPD and realisation per column, deviation per jenis and the
    month's, and the running totals."""

    month: int
    rpd: dict
    real: dict
    deviations: dict  # per weighted jenis
    deviation: Decimal | None
    rpd_cumulative: int = 0
    real_cumulative: int = 0
    serapan: Decimal | None = None
    serapan_cumulative: Decimal | None = None
    counted: bool = False  # within the months the year's average takes

    @property
    def name(self):
        return MONTH_NAMES[self.month - 1]

    @property
    def rpd_total(self):
        return self.rpd.get("total", 0)

    @property
    def real_total(self):
        return self.real.get("total", 0)

    @property
    def above_threshold(self):
        return self.deviation is not None and self.deviation > THRESHOLD


@dataclass
class DeviationTable:
    """A satker-year's RPD against realisation, month by month: ``months`` (1-12),
    ``weights`` per jenis and what they come from (``basis``: "pagu", "rpd" or None),
    ``through`` (the last month with realisation) and the year's average."""

    months: list
    weights: dict
    basis: str | None
    pagu_total: int
    through: int | None
    average: Decimal | None
    columns: tuple = COLUMNS
    notes: list = field(default_factory=list)

    @property
    def rpd_total(self):
        return sum(row.rpd_total for row in self.months)

    @property
    def real_total(self):
        return sum(row.real_total for row in self.months)

    @property
    def serapan_cumulative(self):
        """Serapan from January to the last month with realisation; None without."""
        return self.months[self.through - 1].serapan_cumulative if self.through else None

    def as_json(self):
        """Figures as JSON: Rupiah integers, percentages as strings with 2 decimals."""

        def pct(value):
            return None if value is None else str(rounded(value))

        return {
            "basis_bobot": self.basis,
            "bobot": {jenis: pct(weight * 100) for jenis, weight in self.weights.items()},
            "pagu": self.pagu_total,
            "sampai_bulan": self.through,
            "deviasi_rata_rata": pct(self.average),
            "bulan": {
                str(row.month): {
                    "rpd": dict(row.rpd),
                    "realisasi": dict(row.real),
                    "deviasi_jenis": {j: pct(value) for j, value in row.deviations.items()},
                    "deviasi": pct(row.deviation),
                    "serapan": pct(row.serapan),
                    "serapan_kumulatif": pct(row.serapan_cumulative),
                }
                for row in self.months
            },
        }


def _row(amounts):
    row = {column: amounts.get(column, 0) for column in COLUMNS}
    row["total"] = sum(row.values())
    return row


def deviation_table(rpd_bulan, real_bulan, pagu_by_jenis):
    """The table of one satker-year from ``rpd_bulan`` and ``real_bulan`` (``{month:
    {column: Rupiah}}``, columns as in ``budgets.rpd.COLUMNS``) and the pagu per column.
    Pure: no query."""
    rpd = {month: _row(rpd_bulan.get(month, {})) for month in MONTHS}
    real = {month: _row(real_bulan.get(month, {})) for month in MONTHS}
    pagu_total = sum(pagu_by_jenis.values())
    weights, basis = _weights(rpd, pagu_by_jenis)
    through = _through(real)
    rows, rpd_running, real_running = [], 0, 0
    for month in MONTHS:
        counted = through is not None and month <= through
        per_jenis = {
            jenis: deviation(real[month].get(jenis, 0), rpd[month].get(jenis, 0))
            for jenis in weights
        }
        rpd_running += rpd[month]["total"]
        real_running += real[month]["total"]
        rows.append(
            MonthRow(
                month=month,
                rpd=rpd[month],
                real=real[month],
                deviations=per_jenis if counted else {},
                deviation=month_deviation(rpd[month], real[month], weights) if counted else None,
                rpd_cumulative=rpd_running,
                real_cumulative=real_running,
                serapan=serapan(real[month]["total"], pagu_total) if counted else None,
                serapan_cumulative=serapan(real_running, pagu_total) if counted else None,
                counted=counted,
            )
        )
    average = year_average({row.month: row.deviation for row in rows}, through)
    return DeviationTable(
        months=rows,
        weights=weights,
        basis=basis,
        pagu_total=pagu_total,
        through=through,
        average=average,
    )


def _weights(rpd, pagu_by_jenis):
    """The weights of the jenis and what they come from: the pagu's shares, else the year's
    RPD's (``rpd``: ``{month: {column: Rupiah}}``), else none."""
    weights = weights_of(pagu_by_jenis)
    if weights:
        return weights, PAGU
    year_rpd = {
        column: sum(rpd.get(month, {}).get(column, 0) for month in MONTHS) for column in COLUMNS
    }
    weights = weights_of(year_rpd)
    return weights, RPD if weights else None


def _through(real):
    """The last month of ``real`` (``{month: {column: Rupiah}}``) with realisation; None."""
    for month in reversed(MONTHS):
        row = real.get(month)
        if row and sum(row.get(column, 0) for column in COLUMNS):
            return month
    return None


def year_average_of(rpd_bulan, real_bulan, pagu_by_jenis):
    """The year's average deviation of ``deviation_table``'s table of the same figures,
    without building the table (the roll-ups need it for hundreds of satkers)."""
    weights, _ = _weights(rpd_bulan, pagu_by_jenis)
    through = _through(real_bulan)
    deviations = {
        month: month_deviation(rpd_bulan.get(month, {}), real_bulan.get(month, {}), weights)
        for month in range(1, (through or 0) + 1)
    }
    return year_average(deviations, through)


def table_for(budget_year):
    """The deviation table of a ``budgets.realisasi.BudgetYear``."""
    rpd_bulan = budget_year.rpd.bulan if budget_year.rpd is not None else {}
    return deviation_table(rpd_bulan, budget_year.realisation.bulan, budget_year.pagu_by_jenis)


def year_deviation_for_satkers(satkers, year):
    """``{satker_id: the year's average deviation (Decimal, unrounded) or None}`` of
    ``satkers``: ids (every one of them in the result; None without a plan or without
    realisation) or a query set of satkers or of their pks (read as a subquery; only the
    satkers with a deviation in the result). A fixed number of queries whatever the number
    of satkers (``budgets.realisasi.spent_years``); no RPD is read for a satker without
    realisation and no table is built, only the year's average."""
    from budgets.realisasi import spent_years  # reads the database; the rest here is pure

    if not isinstance(satkers, QuerySet):
        satkers = list(satkers)
    result = {} if isinstance(satkers, QuerySet) else dict.fromkeys(satkers)
    for satker_id, budget_year in spent_years(satkers, year).items():
        result[satker_id] = year_average_of(
            budget_year.rpd.bulan, budget_year.realisation.bulan, budget_year.pagu_by_jenis
        )
    return result
