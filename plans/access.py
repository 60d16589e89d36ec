"""Who may see and change which plan: the one place every view asks.

Outsiders get 404 (a plan they may not see does not exist for them); people who may see a
plan but not change it - secretaries, leadership, anyone once the plan is submitted or
approved - get 403 on any write.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from plans.models import RencanaAksi, SatkerRole


def is_planner(user, satker):
    return (
        user.is_staff
        or SatkerRole.objects.filter(
            user=user, satker=satker, role=SatkerRole.Role.PERENCANA
        ).exists()
    )


def can_edit(user, plan):
    """Planners of the plan's satker (and admins) may change a draft or returned plan."""
    return plan.is_editable and is_planner(user, plan.satker)


def get_plan_for_user(user, pk, *, edit=False):
    """The plan ``pk`` if ``user`` may see it (404 otherwise); with ``edit``, 403 unless they
    may also change it now."""
    plan = get_object_or_404(RencanaAksi.objects.for_user(user).select_related("satker"), pk=pk)
    if edit and not can_edit(user, plan):
        raise PermissionDenied("Rencana aksi ini tidak dapat Anda ubah.")
    return plan


def get_node_for_user(user, model, pk, *, edit=False):
    """A tree node (sasaran, indikator, kegiatan, line) through the plans ``user`` may see."""
    visible = RencanaAksi.objects.for_user(user)
    node = get_object_or_404(model.objects.select_related("plan__satker"), pk=pk, plan__in=visible)
    if edit and not can_edit(user, node.plan):
        raise PermissionDenied("Rencana aksi ini tidak dapat Anda ubah.")
    return node
