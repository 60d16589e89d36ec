from django.contrib import admin
from django.db import transaction
from import_export.admin import ImportExportModelAdmin

from budgets.models import Akun, Pagu, PaguLine
from budgets.pagu_forms import PaguLineForm
from budgets.resources import AkunResource


@admin.register(Akun)
class AkunAdmin(ImportExportModelAdmin):
    resource_classes = [AkunResource]
    list_display = ["code", "uraian", "ro"]
    search_fields = ["code", "uraian"]

    @admin.display(description="RO")
    def ro(self, akun):
        return akun.parsed.ro_code


class PaguLineInline(admin.TabularInline):
    """The lines of a pagu; their parts are read from the code on save."""

    model = PaguLine
    form = PaguLineForm
    fields = ["kode", "uraian", "jumlah", "jenis_belanja"]
    readonly_fields = ["jenis_belanja"]
    extra = 0


@admin.register(Pagu)
class PaguAdmin(admin.ModelAdmin):
    """A satker's pagu for a year; saving locks its row like the pagu page and the import."""

    list_display = ["satker", "year", "source", "updated_at"]
    list_filter = ["year"]
    search_fields = ["satker__code", "satker__name"]
    autocomplete_fields = ["satker"]
    readonly_fields = ["updated_by", "updated_at"]
    inlines = [PaguLineInline]

    def save_related(self, request, form, formsets, change):
        with transaction.atomic():
            Pagu.objects.select_for_update().filter(pk=form.instance.pk).first()
            super().save_related(request, form, formsets, change)


@admin.register(PaguLine)
class PaguLineAdmin(admin.ModelAdmin):
    list_display = ["kode", "uraian", "jumlah", "jenis_belanja", "pagu"]
    list_filter = ["pagu__year", "kegiatan", "kro"]
    search_fields = ["kode", "uraian", "pagu__satker__code"]
    list_select_related = ["pagu__satker"]
    form = PaguLineForm
    readonly_fields = ["kegiatan", "kro", "ro", "komponen", "subkomponen", "akun"]
    raw_id_fields = ["pagu"]

    def get_fields(self, request, obj=None):
        return ["pagu", "kode", "uraian", "jumlah", *self.readonly_fields]
