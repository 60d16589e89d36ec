"""Checks of a plan against its pagu: the pure comparison (``compare``) and the plan's
checks, reasons and submit check (``plan``)."""

from budgets.checks.compare import TOTAL, Comparison, LineMatch, Node, compare
from budgets.checks.plan import (
    PlanChecks,
    check_before_submit,
    check_plan,
    delete_reason,
    save_reason,
)

__all__ = [
    "TOTAL",
    "Comparison",
    "LineMatch",
    "Node",
    "PlanChecks",
    "check_before_submit",
    "check_plan",
    "compare",
    "delete_reason",
    "save_reason",
]
