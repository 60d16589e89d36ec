"""Who may see and change a satker's budget (pagu, realisation): the plans' rules, per satker.

Seeing follows the plans: a satker's own people, and the secretaries and leadership of the
satkers above it (admins see all). Changing the pagu and importing realisation is the
planners' work (and the admins'); the others read. Outsiders get 404, readers 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from plans.access import READERS, is_planner
from plans.models import Satker, SatkerRole


def visible_satkers(user):
    """The satkers whose budget ``user`` may see."""
    if not user.is_authenticated or not user.is_active:
        return Satker.objects.none()
    if user.is_staff:
        return Satker.objects.all()
    roles = SatkerRole.objects.filter(user=user)
    below = roles.filter(role__in=READERS).values("satker")
    return Satker.objects.filter(
        Q(pk__in=roles.values("satker")) | Q(parent__in=below) | Q(parent__parent__in=below)
    )


def can_change_budget(user, satker):
    """Planners of the satker and admins enter its pagu and realisation."""
    return is_planner(user, satker)


def get_satker_for_user(user, code, *, edit=False):
    """The satker ``code`` if ``user`` may see its budget (404 otherwise); 403 when ``edit``
    and they may only read it."""
    satker = get_object_or_404(visible_satkers(user), code=code)
    if edit and not can_change_budget(user, satker):
        raise PermissionDenied("Anda hanya dapat membaca anggaran satker ini.")
    return satker
