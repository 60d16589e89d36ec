from django.contrib import admin

from budgets.models import Akun


@admin.register(Akun)
class AkunAdmin(admin.ModelAdmin):
    list_display = ["code", "uraian", "kegiatan", "kro", "ro", "komponen", "belanja"]
    list_filter = ["kegiatan", "kro"]
    search_fields = ["code", "uraian"]
