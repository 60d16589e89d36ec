"""The RPD of many plans at once, added up in the database: the roll-ups need Halaman III of
every satker's plan (tens of thousands of lines), not the lines themselves.

The spread is ``budgets.rpd.spread``'s: a cost in equal whole-Rupiah shares over its
scheduled months, the remainder on the last one. Lines of one plan of the same jenis
belanja (``budgets.rpd.jenis_parts``) and with the same months are added up in the
database: their costs (ΣB) and the remainders of their shares (Σ(B mod n) for n months), so
that each month but the last draws (ΣB − Σ(B mod n)) / n = Σ(B div n), exactly what the
lines' shares add up to, and the last month the rest. One row comes back per plan, jenis
and schedule instead of one per line.
Lines whose planner fixed amounts per month (``month_amounts``), rare, are read as they are
and spread by ``spread`` itself, which also decides whether the amounts still fit.
"""

from functools import cache, reduce
from operator import add

from django.db.models import BigIntegerField, F, IntegerField, QuerySet, Sum, Value
from django.db.models.functions import Cast, Mod, NullIf

from budgets.rpd import UNSCHEDULED, RpdTable, jenis_from_parts, jenis_parts, spread
from plans.models import RencanaKegiatan
from plans.vocabulary import MONTH_FIELDS, MONTHS

MONTH_ITEMS = list(enumerate(MONTH_FIELDS))


def _as_number(name):
    return Cast(F(name), IntegerField())  # a month flag as 0 or 1


def _schedule():
    """A line's months as one number (bit ``m - 1`` set for month ``m``), as an SQL
    expression: lines are grouped by it rather than by twelve columns. Built of arithmetic,
    not conditions, which Django turns into SQL far faster."""
    return reduce(add, (_as_number(name) * Value(1 << index) for index, name in MONTH_ITEMS))


def _remainder():
    """B mod n for a line of cost B over n scheduled months, as an SQL expression (NULL
    for a line without months, which draws nothing by month)."""
    count = reduce(add, (_as_number(name) for name in MONTH_FIELDS))
    return Cast(Mod(F("biaya"), NullIf(count, Value(0))), BigIntegerField())


@cache
def _months_of(schedule):
    """The months of a ``_schedule`` number, in order."""
    return [month for index, month in enumerate(MONTHS) if schedule >> index & 1]


def rpd_sums(plans):
    """``{plan pk: RpdTable}`` of ``plans`` (a list, or a query set read once and used as a
    subquery; ``bulan`` and ``unscheduled`` filled; the line counters stay 0), two queries
    whatever their number and size (three for a query set); the same figures as
    ``budgets.rpd.rpd_table`` gives each of them."""
    scope = plans.order_by().values("pk") if isinstance(plans, QuerySet) else None
    tables = {plan.pk: RpdTable(plan) for plan in plans}
    if not tables:
        return tables
    lines = (
        RencanaKegiatan.objects.filter(plan__in=list(tables) if scope is None else scope)
        .exclude(biaya__isnull=True)
        .exclude(biaya=0)
        .order_by()
    )
    groups = (
        lines.filter(month_amounts={})
        .annotate(**jenis_parts("akun_belanja"), schedule=_schedule())
        .values_list("plan_id", "jenis_prefix", "jenis_length", "schedule")
        .annotate(costs=Sum("biaya"), remainders=Sum(_remainder()))
    )
    for plan_id, prefix, length, schedule, costs, remainders in groups:
        table, jenis = tables[plan_id], jenis_from_parts(prefix, length)
        months = _months_of(schedule)
        if not months:
            table.put_jenis(UNSCHEDULED, jenis, costs)
            continue
        share = (costs - remainders) // len(months)
        for month in months[:-1]:
            table.put_jenis(month, jenis, share)
        table.put_jenis(months[-1], jenis, costs - share * (len(months) - 1))
    fixed = lines.exclude(month_amounts={}).values_list(
        "plan_id", "biaya", "akun_belanja", "month_amounts", *MONTH_FIELDS
    )
    for plan_id, biaya, akun_belanja, month_amounts, *flags in fixed:
        months = [month for month, on in zip(MONTHS, flags, strict=True) if on]
        for month, amount in spread(biaya, months, month_amounts).items():
            tables[plan_id].put(month, akun_belanja, amount)
    return tables
