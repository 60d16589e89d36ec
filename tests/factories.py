"""Factories mirroring the plan tree, with readable fixed defaults."""

import factory
from django.contrib.auth import get_user_model

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


class SatkerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Satker
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"KPU-KAB-{n:03d}")
    name = factory.Sequence(lambda n: f"KPU Kabupaten Contoh {n}")
    level = Satker.Level.KABKOTA
    parent = factory.LazyFunction(
        lambda: Satker.objects.get_or_create(
            code="KPU-PROV-CONTOH",
            defaults={
                "name": "KPU Provinsi Contoh",
                "level": Satker.Level.PROVINSI,
                "parent": Satker.objects.get_or_create(
                    code="KPU-RI", defaults={"name": "KPU RI", "level": Satker.Level.RI}
                )[0],
            },
        )[0]
    )
    city = "Kota Contoh"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"pengguna{n}")
    password = factory.django.Password("rahasia-uji")


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SatkerRole

    user = factory.SubFactory(UserFactory)
    satker = factory.SubFactory(SatkerFactory)
    role = SatkerRole.Role.PERENCANA


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RencanaAksi

    satker = factory.SubFactory(SatkerFactory)
    year = 2024
    title = factory.LazyAttribute(lambda plan: f"RENCANA AKSI TAHUN {plan.year}\nSEKRETARIS")


class SasaranStrategisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SasaranStrategis

    plan = factory.SubFactory(PlanFactory)
    order = factory.Sequence(lambda n: n + 1)
    number = factory.Sequence(lambda n: f"{n + 1}.")
    text = "Meningkatnya kapasitas SDM"


class SasaranProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SasaranProgram

    sasaran_strategis = factory.SubFactory(SasaranStrategisFactory)
    plan = factory.SelfAttribute("sasaran_strategis.plan")
    order = factory.Sequence(lambda n: n + 1)
    text = "Meningkatnya tertib administrasi"


class IndikatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndikatorKinerja

    sasaran_program = factory.SubFactory(SasaranProgramFactory)
    plan = factory.SelfAttribute("sasaran_program.plan")
    order = factory.Sequence(lambda n: n + 1)
    text = "Persentase pegawai yang mendapat layanan tepat waktu"
    target = "97,5%"


class KegiatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kegiatan

    indikator = factory.SubFactory(IndikatorFactory)
    plan = factory.SelfAttribute("indikator.plan")
    order = factory.Sequence(lambda n: n + 1)
    text = "Layanan Manajemen SDM"


class LineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RencanaKegiatan

    kegiatan = factory.SubFactory(KegiatanFactory)
    plan = factory.SelfAttribute("kegiatan.plan")
    order = factory.Sequence(lambda n: n + 1)
    text = "ATK Administrasi Kepegawaian"
    biaya = 8_378_000
    akun = "3358.EBC.954.A"
    b1 = True


def large_tree(lines=1000, per_kegiatan=2, per_indikator=2, per_program=5, per_sasaran=4):
    """Nested plan data with ``lines`` lines, for size-independence checks and benchmarks."""
    sasaran, made = [], 0
    while made < lines:
        programs = []
        for p in range(per_sasaran):
            indicators = []
            for i in range(per_program):
                kegiatan = []
                for k in range(per_indikator):
                    rows = []
                    for _ in range(per_kegiatan):
                        if made >= lines:
                            break
                        made += 1
                        rows.append(
                            {
                                "text": f"Rencana kegiatan {made}",
                                "months": [1 + made % 12, 1 + (made * 5) % 12],
                                "biaya": 1_000_000 + made,
                                "akun": "3358.EBC.954.A",
                                "ket": "",
                            }
                        )
                    kegiatan.append({"text": f"Kegiatan {p}.{i}.{k}", "lines": rows})
                indicators.append(
                    {"text": f"Indikator {p}.{i}", "target": "100%", "kegiatan": kegiatan}
                )
            programs.append({"text": f"Sasaran program {p}", "indikator": indicators})
        sasaran.append(
            {
                "number": f"{len(sasaran) + 1}.",
                "text": "Sasaran strategis",
                "sasaran_program": programs,
            }
        )
    return sasaran
