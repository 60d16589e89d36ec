"""``{{ amount|rupiah }}``: the one way templates print money (a builtin, no ``load``).

One rule everywhere: no amount (None, a plan without costs) prints ``-``, as the printed
plans show it; any amount, zero included, prints ``Rp 8.378.000``.
"""

from django import template

from budgets.rupiah import format_rupiah

register = template.Library()


@register.filter
def rupiah(amount):
    if amount in (None, ""):
        return format_rupiah(None)
    return format_rupiah(int(amount))
