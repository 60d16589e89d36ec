"""kirim_pengingat: run every day, it mails the planners of each satker whose report is not
submitted 7, 3 and 1 days before the quarter's window closes, and never twice."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command

from monitoring import services
from monitoring.models import InputWindow, QuarterReport, ReminderSent
from plans import workflow

DEFAULT_CLOSE = datetime.date(2023, 4, 10)  # TW I 2023 without an admin's window


@pytest.fixture(autouse=True)
def locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://renaksi.example"


@pytest.fixture
def approved(demo):
    people = get_user_model().objects
    plan = demo["KPU-PROV-GORONTALO"]
    workflow.submit(plan, people.get(username="perencana.gorontalo"))
    secretary = people.get(username="sekretaris.gorontalo")
    return workflow.approve(plan, secretary, {"signatory_name": "Sekretaris"})


def run(day):
    out = io.StringIO()
    call_command("kirim_pengingat", "--tanggal", day.isoformat(), stdout=out)
    return out.getvalue()


def before(days, closes=DEFAULT_CLOSE):
    return closes - datetime.timedelta(days=days)


@pytest.mark.parametrize("days", [7, 3, 1])
def test_planners_are_reminded_7_3_and_1_days_before_the_window_closes(approved, days):
    output = run(before(days))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["perencana.gorontalo@renaksi.example"]
    assert message.subject == (
        f"Pengingat: batas pengisian TW I 2023 KPU Provinsi Gorontalo tinggal {days} hari"
    )
    assert "Senin, 10 April 2023" in message.body
    assert f"https://renaksi.example/pemantauan/rencana/{approved.pk}/?tw=1" in message.body
    assert "1 pengingat terkirim." in output
    sent = ReminderSent.objects.get()
    assert (sent.year, sent.tw, sent.sent_on, sent.days_left) == (2023, 1, before(days), days)


@pytest.mark.parametrize("days", [0, 2, 4, 6, 8, 14])
def test_nothing_is_sent_on_other_days(approved, days):
    run(before(days))
    assert mail.outbox == [] and not ReminderSent.objects.exists()


def test_running_twice_the_same_day_mails_once(approved):
    run(before(3))
    output = run(before(3))
    assert len(mail.outbox) == 1 and "0 pengingat terkirim." in output
    run(before(1))
    assert len(mail.outbox) == 2


@pytest.mark.parametrize("status", [QuarterReport.Status.SUBMITTED, QuarterReport.Status.VERIFIED])
def test_a_satker_that_submitted_is_not_reminded(approved, status):
    report = services.open_report(approved.satker, 2023, 1)
    QuarterReport.objects.filter(pk=report.pk).update(status=status)
    run(before(3))
    assert mail.outbox == []


def test_a_draft_or_returned_report_is_reminded_but_a_reopened_one_is_not(approved):
    report = services.open_report(approved.satker, 2023, 1)
    QuarterReport.objects.filter(pk=report.pk).update(status=QuarterReport.Status.RETURNED)
    run(before(7))
    assert len(mail.outbox) == 1
    QuarterReport.objects.filter(pk=report.pk).update(reopened=True)
    run(before(3))
    assert len(mail.outbox) == 1


def test_the_admins_window_decides_the_days(approved):
    closes = datetime.date(2023, 4, 20)
    InputWindow.objects.create(year=2023, tw=1, closes_on=closes)
    run(before(3))  # 7 April: three days before the default, not before the admin's date
    assert mail.outbox == []
    run(before(3, closes))
    assert len(mail.outbox) == 1 and "Kamis, 20 April 2023" in mail.outbox[0].body


def test_the_fourth_quarter_closes_in_january_of_the_next_year(approved):
    run(datetime.date(2024, 1, 3))  # 7 days before 10 January 2024
    assert len(mail.outbox) == 1 and "TW IV 2023" in mail.outbox[0].subject


def test_satkers_without_an_approved_plan_or_without_addresses_get_nothing(demo):
    run(before(7))  # Gorontalo's plan is a draft; Pohuwato's planner has no address
    assert mail.outbox == [] and not ReminderSent.objects.exists()


def test_a_mail_that_fails_is_not_recorded_and_is_sent_on_the_next_run(approved, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr("monitoring.management.commands.kirim_pengingat.send_mail", broken)
    with pytest.raises(OSError):
        run(before(3))
    assert not ReminderSent.objects.exists()
    monkeypatch.undo()
    run(before(3))
    assert len(mail.outbox) == 1


def test_a_date_that_is_not_a_date_is_refused():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("kirim_pengingat", "--tanggal", "3 April")
