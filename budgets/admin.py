from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from budgets.models import Akun
from budgets.resources import AkunResource


@admin.register(Akun)
class AkunAdmin(ImportExportModelAdmin):
    resource_classes = [AkunResource]
    list_display = ["code", "uraian", "ro"]
    search_fields = ["code", "uraian"]

    @admin.display(description="RO")
    def ro(self, akun):
        return akun.parsed.ro_code
