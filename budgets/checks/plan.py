"""A plan against its satker's pagu for the year: loading, reasons and the submit check."""

from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from budgets.akun import LEVELS
from budgets.checks.compare import TOTAL, compare
from budgets.models import OverPaguReason, Pagu
from budgets.rupiah import format_rupiah
from plans.writes import locked_plan

# The print order of the plan's lines, so that listed lines read as the matrix does.
LINE_ORDER = (
    "kegiatan__indikator__sasaran_program__sasaran_strategis__order",
    "kegiatan__indikator__sasaran_program__order",
    "kegiatan__indikator__order",
    "kegiatan__order",
    "order",
    "pk",
)


@dataclass(eq=False)
class PlanChecks:
    """The checks of one plan: ``comparison`` (None without a pagu) and the planner's
    reasons by group code."""

    plan: object
    pagu: Pagu | None
    comparison: object
    reasons: dict

    @property
    def has_pagu(self):
        return self.pagu is not None

    @cached_property
    def over(self):
        """``(group, reason or None)`` for every over-pagu group."""
        if self.comparison is None:
            return []
        return [(group, self.reasons.get(group.code)) for group in self.comparison.over]

    @property
    def missing(self):
        """Over-pagu groups without a reason: they block the submit."""
        return [group for group, reason in self.over if reason is None]

    @property
    def stale(self):
        """Reasons kept for groups that are no longer over the pagu."""
        current = {group.code for group, _reason in self.over}
        return [reason for code, reason in sorted(self.reasons.items()) if code not in current]


def check_plan(plan):
    """The pagu checks of ``plan`` in four queries whatever its size: the pagu, its lines,
    the plan's lines and the reasons."""
    pagu = Pagu.objects.filter(satker_id=plan.satker_id, year=plan.year).first()
    reasons = {reason.kode: reason for reason in plan.over_pagu_reasons.select_related("by")}
    if pagu is None:
        return PlanChecks(plan, None, None, reasons)
    pagu_lines = pagu.lines.order_by("kode").values("kode", "uraian", "jumlah", *LEVELS)
    lines = plan.lines.order_by(*LINE_ORDER).values("pk", "text", "akun", "biaya", "kegiatan__text")
    return PlanChecks(plan, pagu, compare(list(lines), list(pagu_lines)), reasons)


def group_label(group):
    return _("Total") if group.code == TOTAL else group.code


def check_before_submit(plan):
    """``PLAN_SUBMIT_CHECKS``: every over-pagu group needs the planner's reason; a plan
    without a pagu for its year passes."""
    missing = check_plan(plan).missing
    if missing:
        groups = "; ".join(
            _("%(kode)s (lebih %(excess)s)")
            % {"kode": group_label(group), "excess": format_rupiah(group.excess)}
            for group in missing
        )
        raise ValidationError(
            _(
                "Rencana aksi melebihi pagu tanpa alasan: %(groups)s. Tuliskan alasannya di "
                "halaman Anggaran rencana sebelum mengajukan."
            )
            % {"groups": groups}
        )


def save_reason(plan, user, kode, reason):
    """Keep the planner's reason for over-pagu group ``kode``, with the plan locked and still
    editable by ``user`` (``PermissionDenied`` otherwise); refused for a group that is not
    over the pagu now."""
    with locked_plan(plan, user) as locked:
        if kode not in {group.code for group, _reason in check_plan(locked).over}:
            raise ValidationError(
                _("%(kode)s tidak melebihi pagu; alasan tidak diperlukan.") % {"kode": kode}
            )
        OverPaguReason.objects.update_or_create(
            plan=locked, kode=kode, defaults={"reason": reason, "by": user}
        )


def delete_reason(plan, user, kode):
    """Remove the reason for ``kode`` (the planner's choice, e.g. one no longer needed)."""
    with locked_plan(plan, user) as locked:
        OverPaguReason.objects.filter(plan=locked, kode=kode).delete()
