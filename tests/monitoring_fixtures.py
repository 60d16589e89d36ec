"""Shared by the monitoring tests: the demo's people by username, the Gorontalo province's plan
approved, and its TW I 2023 report open for input."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from monitoring import services
from monitoring.models import InputWindow
from plans import workflow
from plans.models import SatkerRole
from tests.factories import RoleFactory

GORONTALO = "KPU-PROV-GORONTALO"
# The kabupaten/kota the demo's Gorontalo province oversees, in page order.
GORONTALO_KABKOTA = [
    "KPU Kabupaten Boalemo",
    "KPU Kabupaten Bone Bolango",
    "KPU Kabupaten Gorontalo",
    "KPU Kabupaten Gorontalo Utara",
    "KPU Kabupaten Pohuwato",
    "KPU Kota Gorontalo",
]


def user(name):
    return get_user_model().objects.get(username=name)


def approve_gorontalo(demo):
    """The demo's Gorontalo plan, submitted by its planner and approved by its secretary."""
    plan = demo[GORONTALO]
    workflow.submit(plan, user("perencana.gorontalo"))
    return workflow.approve(plan, user("sekretaris.gorontalo"), {"signatory_name": "Sekretaris"})


def open_reopened(plan, tw=1, year=2023):
    """Quarter ``tw`` of ``plan``, reopened: the demo year's windows closed long ago."""
    report = services.open_report(plan.satker, year, tw)
    report.reopened = True
    report.save()
    return report


def open_window(year=2023, tw=1):
    """The input window of quarter ``tw``, closing five days from now."""
    closes = timezone.localdate() + datetime.timedelta(days=5)
    InputWindow.objects.update_or_create(year=year, tw=tw, defaults={"closes_on": closes})


def open_for_input(plan, tw=1, year=2023):
    """Quarter ``tw`` of ``plan``, its input window (long closed for the demo year) extended."""
    open_window(year, tw)
    return services.open_report(plan.satker, year, tw)


def gorontalo_reader(demo):
    """The Gorontalo province's read-only leadership, ``pimpinan.gorontalo``."""
    satker = demo[GORONTALO].satker
    role = SatkerRole.Role.PIMPINAN
    return RoleFactory(user__username="pimpinan.gorontalo", satker=satker, role=role).user
