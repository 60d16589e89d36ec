"""Demo satkers, users and the two seed plans of 2023 (idempotent: re-running changes nothing)."""

import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from plans.building import build_tree
from plans.models import RencanaAksi, Satker, SatkerRole

DEMO_PASSWORD = "renaksi-demo"  # noqa: S105 (published demo logins)
FIXTURES = settings.BASE_DIR / "fixtures" / "demo"

SATKERS = [
    # code, name, level, parent, city, secretary title
    ("KPU-RI", "KPU Republik Indonesia", "ri", None, "Jakarta", "Sekretaris Jenderal KPU"),
    (
        "KPU-PROV-GORONTALO",
        "KPU Provinsi Gorontalo",
        "provinsi",
        "KPU-RI",
        "Gorontalo",
        "Sekretaris Komisi Pemilihan Umum\nProvinsi Gorontalo",
    ),
    (
        "KPU-PROV-SULUT",
        "KPU Provinsi Sulawesi Utara",
        "provinsi",
        "KPU-RI",
        "Manado",
        "Sekretaris Komisi Pemilihan Umum\nProvinsi Sulawesi Utara",
    ),
    (
        "KPU-KOTA-TOMOHON",
        "KPU Kota Tomohon",
        "kabkota",
        "KPU-PROV-SULUT",
        "Tomohon",
        "Sekretaris Komisi Pemilihan Umum\nKota Tomohon",
    ),
]
SECRETARY_NAMES = {"KPU-KOTA-TOMOHON": "Stella S. Sompe"}

USERS = [
    # username, full name, satker, role
    ("perencana.tomohon", "Perencana Tomohon", "KPU-KOTA-TOMOHON", SatkerRole.Role.PERENCANA),
    ("perencana.gorontalo", "Perencana Gorontalo", "KPU-PROV-GORONTALO", SatkerRole.Role.PERENCANA),
    ("sekretaris.tomohon", "Stella S. Sompe", "KPU-KOTA-TOMOHON", SatkerRole.Role.SEKRETARIS),
    (
        "sekretaris.gorontalo",
        "Sekretaris Gorontalo",
        "KPU-PROV-GORONTALO",
        SatkerRole.Role.SEKRETARIS,
    ),
]
PLANS = ["gorontalo-2023.json", "tomohon-2023.json"]


class Command(BaseCommand):
    help = "Memuat data demo: satker, pengguna demo dan dua rencana aksi 2023 dari seed."

    @transaction.atomic
    def handle(self, *args, **options):
        satkers = self.load_satkers()
        self.load_users(satkers)
        for name in PLANS:
            self.load_plan(json.loads((FIXTURES / name).read_text(encoding="utf-8")), satkers)
        self.stdout.write(f"Pengguna demo (kata sandi untuk semua: {DEMO_PASSWORD}):")
        for username, _name, satker, role in USERS:
            self.stdout.write(f"  {username:<22} {role.label} {satker}")
        self.stdout.write(f"  {'admin':<22} Admin (superuser)")

    def load_satkers(self):
        satkers = {}
        for code, name, level, parent, city, title in SATKERS:
            satkers[code], _ = Satker.objects.get_or_create(
                code=code,
                defaults={
                    "name": name,
                    "level": level,
                    "parent": satkers.get(parent),
                    "city": city,
                    "secretary_title": title,
                    "secretary_name": SECRETARY_NAMES.get(code, ""),
                },
            )
        return satkers

    def load_users(self, satkers):
        User = get_user_model()
        admin, created = User.objects.get_or_create(
            username="admin", defaults={"is_staff": True, "is_superuser": True}
        )
        if created:
            admin.set_password(DEMO_PASSWORD)
            admin.save(update_fields=["password"])
        for username, full_name, satker, role in USERS:
            first, _, last = full_name.partition(" ")
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@renaksi.example",
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            SatkerRole.objects.get_or_create(
                user=user, satker=satkers[satker], defaults={"role": role}
            )

    def load_plan(self, data, satkers):
        satker = satkers[data["satker"]]
        if RencanaAksi.objects.filter(satker=satker, year=data["year"]).exists():
            self.stdout.write(f"Rencana aksi {satker.code} {data['year']} sudah ada; dilewati.")
            return
        signatory = data["signatory"]
        plan = RencanaAksi.objects.create(
            satker=satker,
            year=data["year"],
            title="\n".join(data["title"]),
            columns=data["columns"],
            column_labels=data["column_labels"],
            month_style=data["month_style"],
            show_column_numbers=data["show_column_numbers"],
            paper=data["paper"],
            signatory_place=signatory["place"],
            signatory_acknowledge=signatory["acknowledge"],
            signatory_title=signatory["title"],
            signatory_name=signatory["name"],
            signatory_nip=signatory["nip"],
        )
        lines = build_tree(plan, data["sasaran_strategis"])
        self.stdout.write(f"Rencana aksi {satker.code} {data['year']}: {lines} baris dimuat.")
