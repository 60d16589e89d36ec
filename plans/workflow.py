"""The life of a plan: Draf -> Diajukan -> Disetujui, with Dikembalikan and revisions.

Each transition is a plain function that checks who is asking, changes the status in one
transaction, records who/when/why in ``StatusChange`` and tells the people who act next.
Approval freezes the version: its content can no longer change (``RencanaAksi.is_editable``)
and it carries its signatory and a verification code for the printed matrix.
"""

import logging
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from plans import notifications
from plans.access import can_approve, can_plan
from plans.building import build_tree, tree_data
from plans.matrix import load_tree
from plans.models import RencanaAksi, StatusChange
from plans.services import LAYOUT_FIELDS, SIGNATORY_FIELDS, signatory_defaults
from plans.writes import lock_plan, save_fields

log = logging.getLogger("renaksi.workflow")
Status = RencanaAksi.Status
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed


def available_actions(user, plan):
    """The transitions ``user`` may take on ``plan`` now, for the buttons on the plan page."""
    actions = []
    if plan.is_latest and plan.status in RencanaAksi.EDITABLE_STATUSES and can_plan(user, plan):
        actions.append("submit")
    if plan.status == Status.SUBMITTED and can_approve(user, plan):
        actions.append("return")
        if plan.submitted_by_id != user.pk:
            actions.append("approve")
    if plan.is_latest and plan.status == Status.APPROVED and can_plan(user, plan):
        actions.append("revise")
    return actions


def submit_checks():
    """The checks other apps add before a plan may be submitted (``PLAN_SUBMIT_CHECKS``: dotted
    paths of callables taking the locked plan and raising ``ValidationError``), so that
    ``plans`` asks ``budgets`` whether the plan fits its pagu without importing it."""
    return [import_string(path) for path in settings.PLAN_SUBMIT_CHECKS]


def _lock(plan):
    return lock_plan(plan.pk)


def _record(plan, from_status, by, reason=""):
    StatusChange.objects.create(
        plan=plan, from_status=from_status, to_status=plan.status, by=by, reason=reason
    )
    log.info(
        "status",
        extra={
            "plan": plan.pk,
            "satker": plan.satker.code,
            "year": plan.year,
            "version": plan.version,
            "from_status": from_status,
            "to_status": plan.status,
            "user": by.username,
        },
    )


@transaction.atomic
def submit(plan, by):
    """A planner hands a draft (or a returned plan) to the secretary."""
    plan = _lock(plan)
    if not can_plan(by, plan):
        raise PermissionDenied(_("Hanya perencana satker ini yang dapat mengajukan."))
    if not plan.is_latest or plan.status not in RencanaAksi.EDITABLE_STATUSES:
        raise ValidationError(
            _("Hanya rencana berstatus Draf atau Dikembalikan yang dapat diajukan.")
        )
    if not plan.lines.exists():
        raise ValidationError(_("Rencana aksi tanpa rencana kegiatan tidak dapat diajukan."))
    for check in submit_checks():
        check(plan)
    before = plan.status
    plan.status, plan.submitted_by, plan.submitted_at = Status.SUBMITTED, by, timezone.now()
    save_fields(plan, ["status", "submitted_by", "submitted_at"])
    _record(plan, before, by)
    transaction.on_commit(lambda: notifications.submitted(plan))
    return plan


@transaction.atomic
def return_plan(plan, by, reason):
    """The secretary sends a submitted plan back; the planner reads why."""
    plan = _lock(plan)
    if not can_approve(by, plan):
        raise PermissionDenied(_("Hanya sekretaris satker ini yang dapat mengembalikan."))
    if plan.status != Status.SUBMITTED:
        raise ValidationError(_("Hanya rencana yang diajukan yang dapat dikembalikan."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Tuliskan alasan pengembalian.")})
    plan.status = Status.RETURNED
    save_fields(plan, ["status"])
    _record(plan, Status.SUBMITTED, by, reason.strip())
    transaction.on_commit(lambda: notifications.returned(plan, reason.strip()))
    return plan


@transaction.atomic
def approve(plan, by, signatory=None):
    """The secretary approves: the signatory is fixed into this version with the date of
    approval, a verification code is issued, and the version it revises is superseded."""
    plan = _lock(plan)
    if not can_approve(by, plan):
        raise PermissionDenied(_("Hanya sekretaris satker ini yang dapat menyetujui."))
    if plan.status != Status.SUBMITTED:
        raise ValidationError(_("Hanya rencana yang diajukan yang dapat disetujui."))
    if plan.submitted_by_id == by.pk:
        raise PermissionDenied(_("Rencana yang Anda ajukan sendiri harus disetujui orang lain."))
    fields = default_signatory(plan) | (signatory or {})
    if not fields.get("signatory_name", "").strip():
        raise ValidationError({"signatory_name": _("Nama penanda tangan wajib diisi.")})
    for name, value in fields.items():
        setattr(plan, name, value)
    now = timezone.now()
    plan.signatory_date = timezone.localdate(now)
    plan.status, plan.approved_by, plan.approved_at = Status.APPROVED, by, now
    plan.verification_code = new_verification_code()
    save_fields(
        plan,
        [
            *fields,
            "signatory_date",
            "status",
            "approved_by",
            "approved_at",
            "verification_code",
        ],
    )
    _record(plan, Status.SUBMITTED, by)
    superseded = RencanaAksi.objects.filter(
        satker=plan.satker, year=plan.year, status=Status.APPROVED
    ).exclude(pk=plan.pk)
    for old in superseded.select_for_update():
        old.status = Status.SUPERSEDED
        save_fields(old, ["status"])
        _record(old, Status.APPROVED, by, _("Digantikan oleh versi %(v)s") % {"v": plan.version})
    transaction.on_commit(lambda: notifications.approved(plan))
    return plan


@transaction.atomic
def open_revision(plan, by, reason):
    """A planner reopens an approved plan as a new draft version; the approved one stays in
    force, unchanged and printable, until the revision is approved."""
    plan = _lock(plan)
    if not can_plan(by, plan):
        raise PermissionDenied(_("Hanya perencana satker ini yang dapat membuka revisi."))
    if not plan.is_latest or plan.status != Status.APPROVED:
        raise ValidationError(_("Revisi hanya dapat dibuka dari versi terakhir yang disetujui."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Tuliskan alasan revisi.")})
    plan.is_latest = False
    save_fields(plan, ["is_latest"])
    revision = RencanaAksi.objects.create(
        satker=plan.satker,
        year=plan.year,
        version=plan.version + 1,
        revision_of=plan,
        revision_reason=reason.strip(),
        title=plan.title,
        **{name: getattr(plan, name) for name in LAYOUT_FIELDS + SIGNATORY_FIELDS},
    )
    note = _("Disalin dari versi %(version)s") % {"version": plan.version}
    build_tree(revision, tree_data(load_tree(plan)), note=note, by=by)
    _record(revision, "", by, reason.strip())
    return revision


def default_signatory(plan):
    """What the secretary sees before approving: the plan's own signatory, completed from
    the satker's settings."""
    return signatory_defaults(plan.satker, plan)


def new_verification_code(model=RencanaAksi):
    """Ten characters no row of ``model`` carries yet: printed on signed documents and read
    aloud or typed back, hence no 0/O or 1/I."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))
        if not model.objects.filter(verification_code=code).exists():
            return code
