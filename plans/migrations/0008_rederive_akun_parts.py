"""Re-read the stored akun parts of every line: a letter after the RO (``3358.EBC.954.A``) is
now a subkomponen with the komponen unknown, and ``akun_komponen`` keeps only 3-digit komponen.
"""

from django.db import migrations

from budgets.akun import AkunError, parse_akun

PARTS = ("akun_kegiatan", "akun_kro", "akun_ro", "akun_komponen", "akun_belanja")


def rederive(apps, schema_editor):
    Line = apps.get_model("plans", "RencanaKegiatan")
    changed = []
    for line in Line.objects.exclude(akun="").only("pk", "akun", *PARTS).iterator(chunk_size=2000):
        try:
            parts = parse_akun(line.akun).parts()
        except AkunError:
            parts = ("",) * len(PARTS)
        if tuple(getattr(line, name) for name in PARTS) != parts:
            for name, value in zip(PARTS, parts, strict=True):
                setattr(line, name, value)
            changed.append(line)
    Line.objects.bulk_update(changed, PARTS, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("plans", "0007_satker_kode_wilayah")]

    operations = [migrations.RunPython(rederive, migrations.RunPython.noop)]
