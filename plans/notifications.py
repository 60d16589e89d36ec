"""Emails to the people who act next on a plan (Django's email framework)."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils.translation import gettext as _

from plans.models import SatkerRole

log = logging.getLogger("renaksi.workflow")


def _emails(plan, role):
    users = get_user_model().objects.filter(
        satker_roles__satker=plan.satker, satker_roles__role=role, is_active=True
    )
    return sorted({user.email for user in users if user.email})


def _send(plan, role, subject, body, extra=""):
    """Mail the people with ``role`` in the plan's satker; ``subject`` and ``body`` name the
    plan through ``%(satker)s``, ``%(year)s`` and ``%(version)s``."""
    recipients = _emails(plan, role)
    if not recipients:
        log.info("no recipients for %s of plan %s", subject, plan.pk)
        return
    names = {"satker": plan.satker.name, "year": plan.year, "version": plan.version}
    link = f"{settings.SITE_URL.rstrip('/')}{plan.get_absolute_url()}"
    send_mail(subject % names, f"{body % names}{extra}\n\n{link}\n", None, recipients)


def submitted(plan):
    _send(
        plan,
        SatkerRole.Role.SEKRETARIS,
        _("Rencana aksi %(satker)s %(year)s diajukan"),
        _("Rencana aksi %(satker)s tahun %(year)s versi %(version)s menunggu persetujuan Anda."),
    )


def returned(plan, reason):
    _send(
        plan,
        SatkerRole.Role.PERENCANA,
        _("Rencana aksi %(satker)s %(year)s dikembalikan"),
        _("Rencana aksi %(satker)s tahun %(year)s dikembalikan dengan alasan:"),
        f"\n\n{reason}",
    )


def approved(plan):
    _send(
        plan,
        SatkerRole.Role.PERENCANA,
        _("Rencana aksi %(satker)s %(year)s disetujui"),
        _("Rencana aksi %(satker)s tahun %(year)s versi %(version)s telah disetujui."),
    )
