from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from budgets.models import Akun
from budgets.resources import AkunResource


@admin.register(Akun)
class AkunAdmin(ImportExportModelAdmin):
    resource_classes = [AkunResource]
    list_display = ["code", "uraian", "kegiatan", "kro", "ro", "komponen", "belanja"]
    list_filter = ["kegiatan", "kro"]
    search_fields = ["code", "uraian"]
