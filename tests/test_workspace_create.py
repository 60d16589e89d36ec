from django.urls import reverse

from plans.models import RencanaAksi


def test_planner_copies_last_years_plan_with_everything(demo, client):
    source = demo["KPU-PROV-GORONTALO"]
    client.login(username="perencana.gorontalo", password="renaksi-demo")
    response = client.post(
        reverse("plan_create"), {"satker": source.satker.pk, "year": 2024, "source": source.pk}
    )
    copy = RencanaAksi.objects.get(satker=source.satker, year=2024)
    assert response["Location"] == copy.get_absolute_url()
    assert copy.status == "draft" and copy.version == 1
    assert copy.title_lines[0] == "RENCANA AKSI TAHUN 2024"
    assert copy.get_total_biaya() == 10_060_818_000
    assert copy.lines.count() == 45 and copy.indikator.count() == 44
    assert [line.months for line in copy.lines.all()] == [
        line.months for line in source.lines.all()
    ]
    assert list(copy.lines.values_list("indikator_span", flat=True)) == list(
        source.lines.values_list("indikator_span", flat=True)
    )


def test_planner_creates_a_blank_plan_with_the_satkers_signatory(demo, client):
    satker = demo["KPU-KOTA-TOMOHON"].satker
    client.login(username="perencana.tomohon", password="renaksi-demo")
    client.post(reverse("plan_create"), {"satker": satker.pk, "year": 2025})
    plan = RencanaAksi.objects.get(satker=satker, year=2025)
    assert plan.lines.count() == 0
    assert plan.signatory_name == "Stella S. Sompe"
    assert "KOMISI PEMILIHAN UMUM KOTA TOMOHON" in plan.title


def test_a_second_plan_for_the_same_year_is_refused(demo, client):
    satker = demo["KPU-KOTA-TOMOHON"].satker
    client.login(username="perencana.tomohon", password="renaksi-demo")
    response = client.post(reverse("plan_create"), {"satker": satker.pk, "year": 2023})
    assert "sudah punya rencana aksi" in response.content.decode()


def test_planners_cannot_create_for_or_copy_from_other_satkers(demo, client):
    client.login(username="perencana.tomohon", password="renaksi-demo")
    gorontalo = demo["KPU-PROV-GORONTALO"]
    response = client.post(
        reverse("plan_create"),
        {"satker": gorontalo.satker.pk, "year": 2024, "source": gorontalo.pk},
    )
    assert response.status_code == 200
    assert not RencanaAksi.objects.filter(year=2024).exists()


def test_settings_change_layout_and_signatory(demo, client):
    plan = demo["KPU-KOTA-TOMOHON"]
    client.login(username="perencana.tomohon", password="renaksi-demo")
    response = client.post(
        reverse("plan_settings", args=[plan.pk]),
        {
            "title": "RENCANA AKSI\nKPU KOTA TOMOHON",
            "layout": "lengkap",
            "month_style": "angka",
            "paper": "F4",
            "signatory_acknowledge": "Mengetahui,",
            "signatory_name": "Nama Baru",
            "lock_version": plan.lock_version,
            "label_indikator": "Indikator kinerja",
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert "biaya" in plan.columns and plan.paper == "F4"
    assert plan.signatory_name == "Nama Baru"
    assert plan.column_labels == {"indikator": "Indikator kinerja"}


def test_settings_require_write_access(demo, client):
    plan = demo["KPU-KOTA-TOMOHON"]
    client.login(username="sekretaris.tomohon", password="renaksi-demo")
    assert client.get(reverse("plan_settings", args=[plan.pk])).status_code == 200
    assert client.post(reverse("plan_settings", args=[plan.pk]), {}).status_code == 403
