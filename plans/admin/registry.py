"""Admin for satkers, roles and every level of the plan tree.

The admin keeps the tree's rules as the planner pages do. A node's plan is never a form field:
it is its parent's (a sasaran strategis names its plan when added, and keeps it). A parent is
chosen among the nodes of plans that may still change, and an existing node moves only within
its own plan, so its descendants stay in that plan too. Every write - the form, its inlines,
a delete, "delete selected", a confirmed import - goes through ``writes.locked_plan`` with the
rule "the plan may still change", checked again on the locked row; a refusal found there
shows as an admin message and leaves nothing written.
"""

from contextlib import ExitStack

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from import_export.admin import ImportExportModelAdmin

from budgets.forms import AkunField, RupiahField
from plans import writes
from plans.admin.guard import (
    PLAN_FILTERS,
    FrozenPlanMixin,
    GuardedPlanAdmin,
    NodeAdmin,
    NodeAdminForm,
    Refused,
    editable_plan,
)
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
from plans.params import parse_int
from plans.resources import PlanLineResource, SatkerResource
from plans.vocabulary import MONTH_FIELDS


def tree_inline(model, fields, form=NodeAdminForm):
    """The inline rows of a node's children: ordered, frozen with the plan, linked to their
    own page."""
    attributes = {
        "model": model,
        "form": form,
        "fields": ["order", *fields],
        "extra": 0,
        "show_change_link": True,
    }
    return type(f"{model.__name__}Inline", (FrozenPlanMixin, admin.TabularInline), attributes)


@admin.register(Satker)
class SatkerAdmin(ImportExportModelAdmin):
    resource_classes = [SatkerResource]
    list_display = ["code", "name", "level", "parent", "kode_wilayah", "city"]
    list_filter = ["level"]
    search_fields = ["code", "name", "kode_wilayah", "city"]
    autocomplete_fields = ["parent"]


@admin.register(SatkerRole)
class SatkerRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "satker", "role"]
    list_filter = ["role", "satker"]
    search_fields = ["user__username", "satker__code", "satker__name"]
    autocomplete_fields = ["satker", "user"]


SasaranStrategisInline = tree_inline(SasaranStrategis, ["number", "program", "text"])


class RencanaAksiAdminForm(forms.ModelForm):
    def validate_unique(self):
        """Every constraint, also those on fields the page only shows (``is_latest``,
        ``version``): a second current plan of a satker and year is a form error, not a 500."""
        super().validate_unique()
        try:
            self.instance.validate_constraints()
        except ValidationError as error:
            self._update_errors(error)


@admin.register(RencanaAksi)
class RencanaAksiAdmin(GuardedPlanAdmin, admin.ModelAdmin):
    form = RencanaAksiAdminForm
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

    def save_model(self, request, obj, form, change):
        if not change:
            obj.save()  # a new draft: no row to lock yet
            return
        with editable_plan(request, obj) as plan:
            writes.save_fields(plan, writes.apply_form(form, plan))


SasaranProgramInline = tree_inline(SasaranProgram, ["text"])


@admin.register(SasaranStrategis)
class SasaranStrategisAdmin(NodeAdmin, admin.ModelAdmin):
    list_display = ["number", "text", "plan"]
    search_fields = ["text", "number"]
    fields = ["plan", "order", "number", "program", "text"]
    inlines = [SasaranProgramInline]


IndikatorInline = tree_inline(IndikatorKinerja, ["text", "target", *IndikatorKinerja.TW_FIELDS])


@admin.register(SasaranProgram)
class SasaranProgramAdmin(NodeAdmin, admin.ModelAdmin):
    list_display = ["text", "sasaran_strategis", "plan"]
    search_fields = ["text"]
    fields = ["plan", "sasaran_strategis", "order", "text"]
    inlines = [IndikatorInline]


KegiatanInline = tree_inline(Kegiatan, ["text"])


@admin.register(IndikatorKinerja)
class IndikatorKinerjaAdmin(NodeAdmin, admin.ModelAdmin):
    list_display = ["text", "target", "target_value", "target_unit", "plan"]
    search_fields = ["text", "target"]
    fields = [
        "plan",
        "sasaran_program",
        "order",
        "text",
        "target",
        "target_value",
        "target_unit",
        "target_tw1",
        "target_tw2",
        "target_tw3",
        "target_tw4",
    ]
    readonly_fields = ["target_value", "target_unit"]
    inlines = [KegiatanInline]


class RencanaKegiatanForm(NodeAdminForm):
    biaya = RupiahField(label="Perkiraan biaya")
    akun = AkunField(label="Akun")

    class Meta:
        model = RencanaKegiatan
        fields = ["order", "text", *MONTH_FIELDS, "biaya", "month_amounts", "akun", "ket"]
        fields += ["indikator_span"]


class RencanaKegiatanInline(FrozenPlanMixin, admin.TabularInline):
    model = RencanaKegiatan
    form = RencanaKegiatanForm
    extra = 0


@admin.register(Kegiatan)
class KegiatanAdmin(NodeAdmin, admin.ModelAdmin):
    list_display = ["text", "indikator", "plan"]
    search_fields = ["text"]
    fields = ["plan", "indikator", "order", "text"]
    inlines = [RencanaKegiatanInline]


@admin.register(RencanaKegiatan)
class RencanaKegiatanAdmin(NodeAdmin, ImportExportModelAdmin):
    resource_classes = [PlanLineResource]
    form = RencanaKegiatanForm
    list_display = ["__str__", "kegiatan", "schedule", "biaya", "akun", "plan"]
    list_filter = [*PLAN_FILTERS, "akun_kro"]
    search_fields = ["text", "kegiatan__text", "akun"]
    list_select_related = ["kegiatan", "plan__satker"]
    fields = ["plan", "kegiatan", *RencanaKegiatanForm.Meta.fields]

    @admin.display(description="Bulan")
    def schedule(self, line):
        return ", ".join(map(str, line.months)) or "-"

    def process_import(self, request, **kwargs):
        try:
            with transaction.atomic():
                return super().process_import(request, **kwargs)
        except Refused as refusal:
            url = reverse(
                "admin:plans_rencanakegiatan_changelist", current_app=self.admin_site.name
            )
            return self.refuse(request, refusal, url)

    def process_dataset(self, dataset, form, request, **kwargs):
        """A confirmed import writes lines into the plans its rows name: those are locked
        first (in one order) and must still be changeable, so the resource's own check of
        each row holds until the rows are in."""
        with ExitStack() as locks:
            for plan in plans_named(dataset):
                locks.enter_context(editable_plan(request, plan))
            return super().process_dataset(dataset, form, request, **kwargs)


def plans_named(dataset):
    """The pks, in order, of the plans the rows of a lines file name (satker, tahun, versi)."""
    named = Q(pk__in=[])
    for row in dataset.dict:
        year, version = parse_int(row.get("tahun")), parse_int(row.get("versi") or 1)
        if year and version:
            named |= Q(satker__code=row.get("satker"), year=year, version=version)
    return sorted(RencanaAksi.objects.filter(named).values_list("pk", flat=True))
