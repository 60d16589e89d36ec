from django.contrib.auth import get_user_model
from django.core.management import call_command

from budgets.models import Akun
from plans.models import (
    IndikatorKinerja,
    RencanaAksi,
    RencanaKegiatan,
    SasaranStrategis,
    Satker,
    SatkerRole,
    StatusChange,
)
from tests.queries import row_counts

DEMO_USERS = [
    "perencana.tomohon",
    "perencana.gorontalo",
    "sekretaris.tomohon",
    "sekretaris.gorontalo",
    "perencana.boalemo",
    "sekretaris.boalemo",
    "perencana.pohuwato",
    "sekretaris.pohuwato",
    "perencana.bonebolango",
    "admin",
]


def test_demo_gorontalo_plan_totals_the_seed(demo):
    plan = demo["KPU-PROV-GORONTALO"]
    assert plan.get_total_biaya() == 10_060_818_000
    assert plan.lines.count() == 45
    assert plan.indikator.count() == 44
    assert [s.number for s in plan.sasaran_strategis.all()] == ["1.", "2.", "6.", "7."]
    marks = sum(len(line.months) for line in plan.lines.all())
    assert marks == 193


def test_demo_tomohon_plan_keeps_the_printed_numbers_and_spans(demo):
    plan = demo["KPU-KOTA-TOMOHON"]
    numbers = list(plan.sasaran_strategis.values_list("number", flat=True))
    assert numbers == ["1", "2", "3", "12", "4", "27", "28"]
    assert plan.indikator.count() == 10
    spanning = plan.lines.get(kegiatan__text="Penyusunan Peraturan Pemilu")
    assert spanning.indikator_span == 3
    assert plan.signatory_name == "Stella S. Sompe"
    assert plan.columns == ["no", "program", "sasaran_strategis", "indikator", "kegiatan", "bulan"]


def test_demo_keeps_targets_costs_and_akun_as_written(demo):
    line = RencanaKegiatan.objects.get(text="ATK Administrasi Kepegawaian")
    assert (line.biaya, line.akun, line.months) == (8_378_000, "3358.EBC.954.A", list(range(1, 13)))
    assert IndikatorKinerja.objects.filter(target="Provinsi dan 6 Satker Kabupaten/Kota").exists()
    assert RencanaKegiatan.objects.get(text="Pengelolaan SIMPEG dan MYSAPK").biaya is None


def test_gorontalo_has_its_six_kabupaten_kota_with_plans_at_each_step(demo):
    below = Satker.objects.filter(parent__code="KPU-PROV-GORONTALO").order_by("code")
    assert [(s.code, s.name, s.city) for s in below] == [
        ("KPU-KAB-BOALEMO", "KPU Kabupaten Boalemo", "Tilamuta"),
        ("KPU-KAB-BONE-BOLANGO", "KPU Kabupaten Bone Bolango", "Suwawa"),
        ("KPU-KAB-GORONTALO", "KPU Kabupaten Gorontalo", "Limboto"),
        ("KPU-KAB-GORONTALO-UTARA", "KPU Kabupaten Gorontalo Utara", "Kwandang"),
        ("KPU-KAB-POHUWATO", "KPU Kabupaten Pohuwato", "Marisa"),
        ("KPU-KOTA-GORONTALO", "KPU Kota Gorontalo", "Gorontalo"),
    ]
    assert below.get(code="KPU-KAB-BOALEMO").secretary_title == (
        "Sekretaris Komisi Pemilihan Umum\nKabupaten Boalemo"
    )
    statuses = dict(
        RencanaAksi.objects.filter(satker__in=below).values_list("satker__code", "status")
    )
    assert statuses == {
        "KPU-KOTA-GORONTALO": "draft",
        "KPU-KAB-BONE-BOLANGO": "submitted",
        "KPU-KAB-BOALEMO": "returned",
        "KPU-KAB-POHUWATO": "approved",
    }


def test_demo_kabupaten_plans_are_tomohons_named_for_their_satker(demo):
    plan = demo["KPU-KAB-BOALEMO"]
    assert plan.title_lines[:2] == ["KOMISI PEMILIHAN UMUM", "KABUPATEN BOALEMO"]
    assert plan.lines.count() == 6 and plan.indikator.count() == 10
    assert not plan.indikator.filter(text__contains="Tomohon").exists()
    assert plan.indikator.filter(text__contains="KPU Kabupaten Boalemo").exists()
    assert plan.signatory_title == "Sekretaris Komisi Pemilihan Umum\nKabupaten Boalemo"


def test_demo_kabupaten_plans_went_through_the_workflow_by_their_people(demo):
    returned = StatusChange.objects.get(plan=demo["KPU-KAB-BOALEMO"], to_status="returned")
    assert returned.by.username == "sekretaris.boalemo"
    assert "Target indikator kinerja belum diisi" in returned.reason
    approved = demo["KPU-KAB-POHUWATO"]
    assert approved.submitted_by.username == "perencana.pohuwato"
    assert approved.approved_by.username == "sekretaris.pohuwato"
    assert len(approved.verification_code) == 10
    assert (approved.signatory_name, approved.signatory_place) == ("Sekretaris Pohuwato", "Marisa")
    assert demo["KPU-KAB-BONE-BOLANGO"].submitted_by.username == "perencana.bonebolango"


def test_demo_catalogue_names_the_seed_codes_and_the_common_belanja_accounts(demo):
    used = set(RencanaKegiatan.objects.exclude(akun="").values_list("akun", flat=True))
    catalogue = dict(Akun.objects.values_list("code", "uraian"))
    assert used <= set(catalogue)
    assert catalogue["3358.EBC.954.A"] == "Layanan Manajemen SDM"
    assert catalogue["6710.QGE.001.A"] == "Bimtek Verifikasi Partai Politik"
    assert catalogue["3358.EBC.954.051.A.521211"] == "Belanja Bahan"
    assert catalogue["3358.EBC.954.051.A.524113"] == "Belanja Perjalanan Dinas Dalam Kota"
    assert len(catalogue) == len(used) + 6
    assert all(uraian for uraian in catalogue.values())


def test_load_demo_is_idempotent(demo):
    models = Satker, get_user_model(), SatkerRole, RencanaAksi, SasaranStrategis
    models += RencanaKegiatan, StatusChange, Akun
    before = row_counts(*models)
    call_command("load_demo", "--tanpa-pemantauan", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert row_counts(*models) == before


def test_demo_users_sign_in_with_the_demo_password(demo, client):
    for username in DEMO_USERS:
        assert client.login(username=username, password="renaksi-demo"), username
