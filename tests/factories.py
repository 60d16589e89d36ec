"""Factories mirroring the plan tree, with readable fixed defaults."""

import factory
from django.contrib.auth import get_user_model

from plans.models import LEVELS, RencanaAksi, Satker, SatkerRole


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


def node_factory(level, parent, **defaults):
    """A factory for one level of the plan tree (``plans.models.LEVELS``): each node comes
    after the ones made before it, under a parent made by ``parent`` and in its plan."""
    if level.parent_field is None:
        links = {"plan": factory.SubFactory(parent)}
    else:
        links = {
            level.parent_field: factory.SubFactory(parent),
            "plan": factory.SelfAttribute(f"{level.parent_field}.plan"),
        }
    return factory.make_factory(
        level.model,
        FACTORY_CLASS=factory.django.DjangoModelFactory,
        order=factory.Sequence(lambda n: n + 1),
        **links,
        **defaults,
    )


SasaranStrategisFactory = node_factory(
    LEVELS["sasaran"],
    PlanFactory,
    number=factory.Sequence(lambda n: f"{n + 1}."),
    text="Meningkatnya kapasitas SDM",
)
SasaranProgramFactory = node_factory(
    LEVELS["program"], SasaranStrategisFactory, text="Meningkatnya tertib administrasi"
)
IndikatorFactory = node_factory(
    LEVELS["indikator"],
    SasaranProgramFactory,
    text="Persentase pegawai yang mendapat layanan tepat waktu",
    target="97,5%",
)
KegiatanFactory = node_factory(LEVELS["kegiatan"], IndikatorFactory, text="Layanan Manajemen SDM")
LineFactory = node_factory(
    LEVELS["baris"],
    KegiatanFactory,
    text="ATK Administrasi Kepegawaian",
    biaya=8_378_000,
    akun="3358.EBC.954.A",
    b1=True,
)


def broken_span(plan):
    """Two indicators and, under the first, a line printed across both (1.000) followed by
    another line (5), as reordering leaves a merged cell: the span cannot be printed whole.
    Returns the second indicator."""
    first = IndikatorFactory(sasaran_program__sasaran_strategis__plan=plan)
    second = IndikatorFactory(sasaran_program=first.sasaran_program)
    kegiatan = KegiatanFactory(indikator=first)
    LineFactory(kegiatan=kegiatan, text="spanning", biaya=1_000, indikator_span=2)
    LineFactory(kegiatan=kegiatan, text="after", biaya=5)
    return second


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
