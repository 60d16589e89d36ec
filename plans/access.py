"""Who may see and change which plan: every rule in one place, asked by every view.

Outsiders get 404 (a plan they may not see does not exist for them); people who may see a
plan but not do what they ask - secretaries editing, leadership, anyone once the plan is
submitted or approved - get 403. The workflow functions ask the same rules again inside
their transaction (``plans.writes``), so a view's check is never the only one.

Seeing is the queryset's rule, ``RencanaAksi.objects.for_user(user)``; the rules for acting
on a plan are the ``can_*`` functions below, each ``(user, plan) -> bool``.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from plans.models import RencanaAksi, Satker, SatkerRole

READERS = (SatkerRole.Role.SEKRETARIS, SatkerRole.Role.PIMPINAN)


def is_planner(user, satker):
    """Planners of ``satker``; admins plan for every satker."""
    return user.is_staff or _has_role(user, satker, SatkerRole.Role.PERENCANA)


def planner_satkers(user):
    """The satkers ``user`` may create and edit plans for."""
    if user.is_staff:
        return Satker.objects.all()
    return Satker.objects.filter(roles__user=user, roles__role=SatkerRole.Role.PERENCANA)


def overseen_provinces(user):
    """The provinces whose satkers ``user`` watches: every one for admins, else those where
    they are secretary or leadership."""
    provinces = Satker.objects.filter(level=Satker.Level.PROVINSI)
    if user.is_staff:
        return provinces
    readers = SatkerRole.objects.filter(user=user, role__in=READERS).values("satker")
    # KPU RI's secretariat and leadership watch every province.
    return provinces.filter(Q(pk__in=readers) | Q(parent__in=readers))


def oversees_nation(user):
    """KPU RI's secretariat and leadership, and admins: they read the national roll-up."""
    if user.is_staff:
        return True
    return SatkerRole.objects.filter(
        user=user, role__in=READERS, satker__level=Satker.Level.RI
    ).exists()


def oversight(user):
    """``(provinces, nation)``: whether ``user`` watches some province's satkers and the
    whole nation's, in one query, for the navigation of every page."""
    if user.is_staff:
        return overseen_provinces(user).exists(), True
    levels = set(
        SatkerRole.objects.filter(user=user, role__in=READERS).values_list(
            "satker__level", flat=True
        )
    )
    return bool(levels & {Satker.Level.RI, Satker.Level.PROVINSI}), Satker.Level.RI in levels


def awaiting_approval(user):
    """Submitted plans of the satkers where ``user`` is the secretary: their to-do list."""
    return RencanaAksi.objects.filter(
        status=RencanaAksi.Status.SUBMITTED,
        is_latest=True,
        satker__roles__user=user,
        satker__roles__role=SatkerRole.Role.SEKRETARIS,
    )


def can_plan(user, plan):
    """Planners of the plan's satker (and admins) submit it and open its revisions."""
    return is_planner(user, plan.satker)


def can_edit(user, plan):
    """Planners of the plan's satker (and admins) may change a draft or returned plan."""
    return plan.is_editable and can_plan(user, plan)


def can_approve(user, plan):
    """Secretaries of the plan's own satker return and approve it; admins manage, they do
    not sign."""
    return _has_role(user, plan.satker, SatkerRole.Role.SEKRETARIS)


def get_plan_for_user(user, pk, *, edit=False, rule=None):
    """The plan ``pk`` if ``user`` may see it (404 otherwise); 403 unless they may also
    change it now (``edit``) or ``rule(user, plan)`` holds."""
    plan = get_object_or_404(RencanaAksi.objects.for_user(user).select_related("satker"), pk=pk)
    _require(user, plan, can_edit if edit else rule)
    return plan


def get_node_for_user(user, model, pk, *, edit=False):
    """A tree node (sasaran, indikator, kegiatan, line) through the plans ``user`` may see."""
    visible = RencanaAksi.objects.for_user(user)
    node = get_object_or_404(model.objects.select_related("plan__satker"), pk=pk, plan__in=visible)
    _require(user, node.plan, can_edit if edit else None)
    return node


def _require(user, plan, rule):
    if rule is not None and not rule(user, plan):
        raise PermissionDenied("Anda tidak berhak melakukan ini pada rencana aksi ini.")


def _has_role(user, satker, role):
    return SatkerRole.objects.filter(user=user, satker=satker, role=role).exists()
