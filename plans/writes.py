"""The one way a plan changes: lock the plan row, check again, write only what you own.

Every writer - settings, node edits, month toggles, workflow steps, imports that replace,
admin saves - opens ``locked_plan``: one transaction, the plan row locked with
``SELECT ... FOR UPDATE`` (on SQLite the IMMEDIATE transaction takes the database's write
lock), and the rule that allows the change checked again on the locked row. A check made
before the lock is only a hint for the page: a submit or an approval may land in between,
and a save that trusted its earlier read would silently undo it.
"""

from contextlib import contextmanager

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from plans.access import can_edit
from plans.models import RencanaAksi


class EditConflict(Exception):
    """Someone saved the object after this editor loaded it; ``current`` is their version."""

    def __init__(self, current):
        super().__init__("edit conflict")
        self.current = current


def lock_plan(pk):
    """The plan row ``pk``, locked until the transaction ends (only that row: ``of``)."""
    return RencanaAksi.objects.select_for_update(of=("self",)).select_related("satker").get(pk=pk)


@contextmanager
def locked_plan(plan, user, *, allowed=can_edit):
    """A transaction in which ``plan`` is locked and ``allowed(user, plan)`` held on the
    locked row; yields the fresh, locked plan. ``PermissionDenied`` otherwise (nothing
    written)."""
    with transaction.atomic():
        locked = lock_plan(plan.pk if isinstance(plan, RencanaAksi) else plan)
        if not allowed(user, locked):
            raise PermissionDenied(_("Rencana aksi ini tidak dapat Anda ubah."))
        yield locked


def check_version(current, expected):
    """Refuse a save made from a copy older than ``current`` (optimistic locking): the
    form carried ``expected`` = the ``lock_version`` it was loaded with."""
    if expected is not None and current.lock_version != expected:
        raise EditConflict(current)


def save_fields(obj, fields):
    """Save ``fields`` of ``obj`` and nothing else, raising its ``lock_version``; columns
    derived from them (``obj.derived_fields``) go along, ``updated_at`` where it exists."""
    names = list(dict.fromkeys(fields))
    derived = getattr(obj, "derived_fields", {})
    for name in list(names):
        names.extend(derived.get(name, ()))
    names.append("lock_version")
    if any(field.name == "updated_at" for field in obj._meta.concrete_fields):
        names.append("updated_at")
    obj.lock_version += 1
    obj.save(update_fields=list(dict.fromkeys(names)))
    return obj


def form_fields(form):
    """The model fields a ModelForm shows (and so owns); layouts hide some of them."""
    return [name for name in form._meta.fields if name in form.fields]


def apply_form(form, target):
    """Copy the values a valid ModelForm cleaned onto ``target`` (the locked row), returning
    the names it owns; the form's own instance was read before the lock."""
    names = form_fields(form)
    for name in names:
        setattr(target, name, getattr(form.instance, name))
    return names
