"""Admin for satkers, roles and every level of the plan tree."""

from django import forms
from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from budgets.forms import AkunField, RupiahField
from plans.layouts import MONTHS
from plans.models import (
    IndikatorKinerja,
    Kegiatan,
    RencanaAksi,
    RencanaKegiatan,
    SasaranProgram,
    SasaranStrategis,
    Satker,
    SatkerRole,
)
from plans.resources import PlanLineResource, SatkerResource

PLAN_FILTERS = ["plan__satker", "plan__year", "plan__status"]


def _plan_of(obj):
    return obj if isinstance(obj, RencanaAksi) else obj.plan


class FrozenPlanMixin:
    """A submitted or approved plan changes only through the workflow (return, revision):
    the admin shows it read-only, like the planner pages do."""

    def has_change_permission(self, request, obj=None):
        if obj is not None and not _plan_of(obj).is_editable:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not _plan_of(obj).is_editable:
            return False
        return super().has_delete_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        if obj is not None and not _plan_of(obj).is_editable:
            return False
        if isinstance(self, admin.options.InlineModelAdmin):
            return super().has_add_permission(request, obj)
        return super().has_add_permission(request)


@admin.register(Satker)
class SatkerAdmin(ImportExportModelAdmin):
    resource_classes = [SatkerResource]
    list_display = ["code", "name", "level", "parent", "city"]
    list_filter = ["level"]
    search_fields = ["code", "name", "city"]
    autocomplete_fields = ["parent"]


@admin.register(SatkerRole)
class SatkerRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "satker", "role"]
    list_filter = ["role", "satker"]
    search_fields = ["user__username", "satker__code", "satker__name"]
    autocomplete_fields = ["satker", "user"]


class SasaranStrategisInline(FrozenPlanMixin, admin.TabularInline):
    model = SasaranStrategis
    fields = ["order", "number", "program", "text"]
    extra = 0
    show_change_link = True


@admin.register(RencanaAksi)
class RencanaAksiAdmin(FrozenPlanMixin, admin.ModelAdmin):
    list_display = ["satker", "year", "version", "status", "is_latest", "updated_at"]
    list_filter = ["satker", "year", "status", "is_latest"]
    search_fields = ["satker__code", "satker__name", "title"]
    readonly_fields = [
        "status",
        "is_latest",
        "version",
        "revision_of",
        "submitted_by",
        "submitted_at",
        "approved_by",
        "approved_at",
        "verification_code",
        "lock_version",
    ]
    autocomplete_fields = ["satker"]
    inlines = [SasaranStrategisInline]


class SasaranProgramInline(FrozenPlanMixin, admin.TabularInline):
    model = SasaranProgram
    fields = ["order", "text"]
    extra = 0
    show_change_link = True


@admin.register(SasaranStrategis)
class SasaranStrategisAdmin(FrozenPlanMixin, admin.ModelAdmin):
    list_display = ["number", "text", "plan"]
    list_filter = PLAN_FILTERS
    search_fields = ["text", "number"]
    exclude = ["plan"]
    inlines = [SasaranProgramInline]


class IndikatorInline(FrozenPlanMixin, admin.TabularInline):
    model = IndikatorKinerja
    fields = ["order", "text", "target", "target_tw1", "target_tw2", "target_tw3", "target_tw4"]
    extra = 0
    show_change_link = True


@admin.register(SasaranProgram)
class SasaranProgramAdmin(FrozenPlanMixin, admin.ModelAdmin):
    list_display = ["text", "sasaran_strategis", "plan"]
    list_filter = PLAN_FILTERS
    search_fields = ["text"]
    exclude = ["plan"]
    inlines = [IndikatorInline]


class KegiatanInline(FrozenPlanMixin, admin.TabularInline):
    model = Kegiatan
    fields = ["order", "text"]
    extra = 0
    show_change_link = True


@admin.register(IndikatorKinerja)
class IndikatorKinerjaAdmin(FrozenPlanMixin, admin.ModelAdmin):
    list_display = ["text", "target", "target_value", "target_unit", "plan"]
    list_filter = PLAN_FILTERS
    search_fields = ["text", "target"]
    exclude = ["plan"]
    readonly_fields = ["target_value", "target_unit"]
    inlines = [KegiatanInline]


class RencanaKegiatanForm(forms.ModelForm):
    biaya = RupiahField(label="Perkiraan biaya")
    akun = AkunField(label="Akun")

    class Meta:
        model = RencanaKegiatan
        fields = ["order", "text", *[f"b{m}" for m in MONTHS], "biaya", "akun", "ket"]
        fields += ["indikator_span"]


class RencanaKegiatanInline(FrozenPlanMixin, admin.TabularInline):
    model = RencanaKegiatan
    form = RencanaKegiatanForm
    extra = 0


@admin.register(Kegiatan)
class KegiatanAdmin(FrozenPlanMixin, admin.ModelAdmin):
    list_display = ["text", "indikator", "plan"]
    list_filter = PLAN_FILTERS
    search_fields = ["text"]
    exclude = ["plan"]
    inlines = [RencanaKegiatanInline]


@admin.register(RencanaKegiatan)
class RencanaKegiatanAdmin(FrozenPlanMixin, ImportExportModelAdmin):
    resource_classes = [PlanLineResource]
    form = RencanaKegiatanForm
    list_display = ["__str__", "kegiatan", "schedule", "biaya", "akun", "plan"]
    list_filter = [*PLAN_FILTERS, "akun_kro"]
    search_fields = ["text", "kegiatan__text", "akun"]
    list_select_related = ["kegiatan", "plan__satker"]

    @admin.display(description="Bulan")
    def schedule(self, line):
        return ", ".join(map(str, line.months)) or "-"
