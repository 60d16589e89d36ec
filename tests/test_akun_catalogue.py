"""The akun catalogue: codes stored once, normalised, and offered to planners as they type."""

from django.urls import reverse

from budgets.models import Akun


def test_the_catalogue_keeps_the_code_normalised_and_reads_its_parts_from_it(db):
    akun = Akun.objects.create(code="3358.ebc.954.a", uraian="Layanan Perkantoran")
    assert akun.code == "3358.EBC.954.A"
    assert (akun.parsed.kro, akun.parsed.ro_code) == ("EBC", "3358.EBC.954")


def test_planners_get_the_catalogue_as_suggestions_with_names(demo, client):
    Akun.objects.create(code="3358.EBC.954.Z", uraian="Layanan Uji")
    assert client.login(username="perencana.gorontalo", password="renaksi-demo")
    page = client.get(reverse("akun_options")).content.decode()
    assert '<option value="3358.EBC.954.Z">Layanan Uji</option>' in page
    plan_page = client.get(demo["KPU-PROV-GORONTALO"].get_absolute_url()).content.decode()
    assert f'hx-get="{reverse("akun_options")}"' in plan_page
