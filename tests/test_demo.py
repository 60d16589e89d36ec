from django.core.management import call_command

from plans.models import IndikatorKinerja, RencanaAksi, RencanaKegiatan, SasaranStrategis


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


def test_load_demo_is_idempotent(demo):
    counts = (
        RencanaAksi.objects.count(),
        SasaranStrategis.objects.count(),
        RencanaKegiatan.objects.count(),
    )
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts == (
        RencanaAksi.objects.count(),
        SasaranStrategis.objects.count(),
        RencanaKegiatan.objects.count(),
    )


def test_demo_users_sign_in_with_the_demo_password(demo, client):
    for username in [
        "perencana.tomohon",
        "perencana.gorontalo",
        "sekretaris.tomohon",
        "sekretaris.gorontalo",
        "admin",
    ]:
        assert client.login(username=username, password="renaksi-demo"), username
