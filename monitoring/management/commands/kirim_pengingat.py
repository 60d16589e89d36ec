"""Remind the planners of each satker whose quarterly report is not submitted yet that its
input window closes in 7, 3 or 1 days. Run it every day (cron); each reminder is recorded
(``ReminderSent``) before it is mailed, in one transaction, so a second run the same day,
or two runs at once, mail nobody twice, and a failed mail is tried again the next run."""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from monitoring.models import QUARTER_NAMES, QUARTERS, InputWindow, QuarterReport, ReminderSent
from plans.models import RencanaAksi, SatkerRole

DAYS_BEFORE = (7, 3, 1)
log = logging.getLogger("renaksi.monitoring")


class Command(BaseCommand):
    help = (
        "Mengirim e-mail pengingat kepada perencana setiap satker yang laporan triwulannya "
        "belum diajukan, 7, 3 dan 1 hari sebelum batas pengisian. Aman dijalankan setiap hari."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--tanggal",
            help="hari yang dianggap hari ini, YYYY-MM-DD (untuk uji dan pengiriman susulan)",
        )

    def handle(self, *args, tanggal=None, **options):
        try:
            today = datetime.date.fromisoformat(tanggal) if tanggal else None
        except ValueError:
            raise CommandError(
                "--tanggal harus berbentuk YYYY-MM-DD, misalnya 2024-04-03.", returncode=2
            ) from None
        with translation.override(settings.LANGUAGE_CODE):
            sent = send_reminders(today or timezone.localdate())
        for reminder in sent:
            self.stdout.write(
                f"Terkirim: {reminder.satker.name} {QUARTER_NAMES[reminder.tw]} {reminder.year}, "
                f"{reminder.days_left} hari sebelum batas ({reminder.recipients})"
            )
        self.stdout.write(f"{len(sent)} pengingat terkirim.")


def closing_quarters(today):
    """``(year, tw, closes_on, days_left)`` of the quarters whose window closes 7, 3 or 1
    days after ``today``: the admin's windows, else the default one of each quarter."""
    dates = {today + datetime.timedelta(days=days): days for days in DAYS_BEFORE}
    windows = {
        (window.year, window.tw): window.closes_on
        for window in InputWindow.objects.filter(year__gte=today.year - 1)
        | InputWindow.objects.filter(closes_on__in=list(dates))
    }
    quarters = {(year, tw) for year in (today.year - 1, today.year) for tw in QUARTERS}
    quarters |= set(windows)
    for year, tw in sorted(quarters):
        closes = windows.get((year, tw)) or InputWindow.default_close(year, tw)
        if closes in dates:
            yield year, tw, closes, dates[closes]


def send_reminders(today):
    """Mail each satker concerned once today; returns the ``ReminderSent`` rows made."""
    sent = []
    for year, tw, closes, days_left in closing_quarters(today):
        # Submitted or verified, or reopened by the secretary (no deadline then).
        done = QuarterReport.objects.filter(year=year, tw=tw).exclude(
            status__in=QuarterReport.EDITABLE_STATUSES, reopened=False
        )
        plans = (
            RencanaAksi.objects.filter(year=year, status=RencanaAksi.Status.APPROVED)
            .exclude(satker__in=done.values("satker"))
            .select_related("satker")
            .order_by("satker__code")
        )
        for plan in plans:
            recipients = planner_emails(plan.satker)
            if not recipients:
                continue
            with transaction.atomic():
                reminder, created = ReminderSent.objects.get_or_create(
                    satker=plan.satker,
                    year=year,
                    tw=tw,
                    sent_on=today,
                    defaults={"days_left": days_left, "recipients": ", ".join(recipients)},
                )
                if not created:
                    continue
                subject, body = message(plan, tw, closes, days_left)
                send_mail(subject, body, None, recipients)
            log.info(
                "reminder",
                extra={"satker": plan.satker.code, "year": year, "tw": tw, "days": days_left},
            )
            sent.append(reminder)
    return sent


def planner_emails(satker):
    users = get_user_model().objects.filter(
        satker_roles__satker=satker, satker_roles__role=SatkerRole.Role.PERENCANA, is_active=True
    )
    return sorted({user.email for user in users if user.email})


def message(plan, tw, closes, days_left):
    names = {
        "satker": plan.satker.name,
        "tw": QUARTER_NAMES[tw],
        "year": plan.year,
        "days": days_left,
        "date": formats.date_format(closes, "l, j F Y"),
    }
    link = f"{settings.SITE_URL.rstrip('/')}{reverse('report_open', args=[plan.pk])}?tw={tw}"
    subject = _("Pengingat: batas pengisian %(tw)s %(year)s %(satker)s tinggal %(days)s hari")
    body = _(
        "Yth. Perencana %(satker)s,\n\n"
        "Batas pengisian realisasi %(tw)s %(year)s jatuh pada %(date)s, %(days)s hari lagi. "
        "Laporan triwulan satker Anda belum diajukan kepada sekretaris.\n\n"
        "Isi realisasi setiap indikator, faktor pendukung dan penghambat, tindak lanjut dan "
        "pelaksanaan kegiatan, lalu ajukan laporannya di:"
    )
    footer = _("Pesan ini dikirim otomatis oleh Renaksi.")
    return subject % names, f"{body % names}\n{link}\n\n{footer}\n"
