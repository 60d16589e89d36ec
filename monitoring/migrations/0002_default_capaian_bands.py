from decimal import Decimal

from django.db import migrations

BANDS = [
    (Decimal("0"), "Sangat kurang", "#e06666"),
    (Decimal("60"), "Kurang", "#f6b26b"),
    (Decimal("80"), "Cukup", "#ffd966"),
    (Decimal("95"), "Baik", "#93c47d"),
    (Decimal("105.01"), "Melampaui", "#6fa8dc"),
]


def add_bands(apps, schema_editor):
    band = apps.get_model("monitoring", "CapaianBand")
    for lower, label, color in BANDS:
        band.objects.get_or_create(lower=lower, defaults={"label": label, "color": color})


def remove_bands(apps, schema_editor):
    apps.get_model("monitoring", "CapaianBand").objects.filter(
        lower__in=[lower for lower, _, _ in BANDS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0001_initial")]
    operations = [migrations.RunPython(add_bands, remove_bands)]
