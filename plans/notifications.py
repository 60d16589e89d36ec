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


def _send(plan, recipients, subject, body):
    if not recipients:
        log.info("no recipients for %s of plan %s", subject, plan.pk)
        return
    link = f"{settings.SITE_URL.rstrip('/')}{plan.get_absolute_url()}"
    send_mail(subject, f"{body}\n\n{link}\n", None, recipients)


def submitted(plan):
    _send(
        plan,
        _emails(plan, SatkerRole.Role.SEKRETARIS),
        _("Rencana aksi %(satker)s %(year)s diajukan") % _names(plan),
        _("Rencana aksi %(satker)s tahun %(year)s versi %(version)s menunggu persetujuan Anda.")
        % _names(plan),
    )


def returned(plan, reason):
    _send(
        plan,
        _emails(plan, SatkerRole.Role.PERENCANA),
        _("Rencana aksi %(satker)s %(year)s dikembalikan") % _names(plan),
        _("Rencana aksi %(satker)s tahun %(year)s dikembalikan dengan alasan:") % _names(plan)
        + f"\n\n{reason}",
    )


def approved(plan):
    _send(
        plan,
        _emails(plan, SatkerRole.Role.PERENCANA),
        _("Rencana aksi %(satker)s %(year)s disetujui") % _names(plan),
        _("Rencana aksi %(satker)s tahun %(year)s versi %(version)s telah disetujui.")
        % _names(plan),
    )


def _names(plan):
    return {"satker": plan.satker.name, "year": plan.year, "version": plan.version}
