"""Admin for monitoring: the input windows, the capaian bands and the indicators' methods are
the admin's to set; quarterly reports and the reminders sent are only read here, since a
report changes only through its workflow (``monitoring.services``)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from monitoring.forms import CapaianBandForm
from monitoring.models import (
    CapaianBand,
    IndicatorMethod,
    InputWindow,
    QuarterReport,
    ReminderSent,
)
from plans.models import IndikatorKinerja


@admin.register(InputWindow)
class InputWindowAdmin(admin.ModelAdmin):
    list_display = ["year", "tw", "closes_on"]
    list_filter = ["year"]
    ordering = ["-year", "tw"]


@admin.register(CapaianBand)
class CapaianBandAdmin(admin.ModelAdmin):
    form = CapaianBandForm
    list_display = ["lower", "label", "color"]


@admin.register(IndicatorMethod)
class IndicatorMethodAdmin(admin.ModelAdmin):
    list_display = ["uid", "indicator", "arah", "rumus", "metode"]
    list_filter = ["arah", "metode"]
    search_fields = ["uid"]

    @admin.display(description=_("indikator"))
    def indicator(self, method):
        """The indicator's text in its latest version."""
        found = (
            IndikatorKinerja.objects.filter(uid=method.uid)
            .order_by("-plan__year", "-plan__version")
            .values_list("text", flat=True)
            .first()
        )
        return (found or "-")[:120]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Seen, never added, changed or deleted here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(QuarterReport)
class QuarterReportAdmin(ReadOnlyAdmin):
    list_display = ["satker", "year", "tw", "status", "reopened", "submitted_at", "verified_at"]
    list_filter = ["status", "year", "tw"]
    search_fields = ["satker__name", "satker__code", "verification_code"]
    list_select_related = ["satker"]

    def view_on_site(self, report):
        return reverse("report_detail", args=[report.pk])


@admin.register(ReminderSent)
class ReminderSentAdmin(ReadOnlyAdmin):
    list_display = ["sent_on", "satker", "year", "tw", "days_left", "recipients"]
    list_filter = ["sent_on", "year", "tw"]
    list_select_related = ["satker"]
