"""Cost totals of a plan grouped by budget code, computed by the database."""

from django.db.models import Count, Sum

from plans.models import RencanaKegiatan

GROUPINGS = {
    "kegiatan": ["akun_kegiatan"],
    "kro": ["akun_kegiatan", "akun_kro"],
    "ro": ["akun_kegiatan", "akun_kro", "akun_ro"],
    "akun": ["akun"],
}


def totals_by(plan, level="ro"):
    """Rows of ``{<parts>..., "total": Rupiah, "lines": n}`` for one plan, by akun level.

    Lines without a code are grouped under empty parts, so the rows always add up to the
    plan's total.
    """
    fields = GROUPINGS[level]
    return list(
        RencanaKegiatan.objects.filter(plan=plan)
        .order_by()
        .values(*fields)
        .annotate(total=Sum("biaya"), lines=Count("pk"))
        .order_by(*fields)
    )
