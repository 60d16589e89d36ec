"""The Django admin keeps the tree's rules: a node stays in its parent's plan, and nothing is
added to, moved into, moved out of or deleted from a plan that may no longer change."""

import io

import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.forms import CheckboxInput
from django.urls import reverse

from budgets.rupiah import format_rupiah
from plans import models, workflow
from plans.admin import FrozenPlanMixin, NodeAdminForm

User = get_user_model()


@pytest.fixture
def approved(demo):
    """Gorontalo's plan, submitted by its planner and approved by its secretary."""
    plan = demo["KPU-PROV-GORONTALO"]
    workflow.submit(plan, User.objects.get(username="perencana.gorontalo"))
    secretary = User.objects.get(username="sekretaris.gorontalo")
    return workflow.approve(plan, secretary, {"signatory_name": "Sekretaris Gorontalo"})


def form_data(response):
    """What the browser would post back from an admin form page, inlines included."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data |= {f"{management.prefix}-{key}": value for key, value in management.initial.items()}
        forms += inline.formset.forms
    for form in forms:
        for field in form:
            value = field.value()
            if isinstance(field.field.widget, CheckboxInput):
                if value:
                    data[field.html_name] = "on"
            elif value is not None:
                data[field.html_name] = value
    return data


def admin_post(client, url, changes, **kwargs):
    """Opens the admin form at ``url`` and posts it back as the browser would, with ``changes``."""
    return client.post(url, form_data(client.get(url)) | changes, **kwargs)


def new_line(prefix, index, **values):
    """An inline line form's fields, as a planner types them."""
    fields = {"order": 1, "text": "", "biaya": "", "akun": "", "ket": "", "indikator_span": 1}
    return {f"{prefix}-{index}-{name}": value for name, value in (fields | values).items()}


def costly_kegiatan(indikator):
    """A new kegiatan under ``indikator`` with one line of Rp 999.000.000, as the add form's
    fields."""
    kegiatan = {"indikator": indikator.pk, "order": 1, "text": "Kegiatan sisipan"}
    lines = {"lines-TOTAL_FORMS": 1} | new_line("lines", 0, text="Sisipan", biaya="Rp 999.000.000")
    return kegiatan | lines


def assert_refused(response, message):
    """The admin refused: it answered with a page (200, not a redirect) saying ``message``."""
    assert response.status_code == 200
    assert message in response.content.decode()


def kegiatan_with_lines(plan):
    return models.Kegiatan.objects.filter(plan=plan, lines__isnull=False).order_by("pk").first()


def assert_plan_renders(client, plan):
    """Its page, PDF, Excel file and comparison (with itself) all answer."""
    assert client.get(reverse("plan_detail", args=[plan.pk])).status_code == 200
    assert client.get(reverse("plan_pdf", args=[plan.pk])).status_code == 200
    assert client.get(reverse("plan_xlsx", args=[plan.pk])).status_code == 200
    compare = reverse("plan_compare", args=[plan.pk])
    assert client.get(compare, {"dari": plan.pk}).status_code == 200


@pytest.mark.parametrize("model", [level.model for level in models.TREE])
def test_admin_node_pages_open_in_a_draft_and_an_approved_plan(admin_client, approved, demo, model):
    name = f"admin:plans_{model._meta.model_name}"
    assert admin_client.get(reverse(f"{name}_add")).status_code == 200
    for plan in (approved, demo["KPU-KOTA-TOMOHON"]):
        node = model.objects.filter(plan=plan).first()
        page = admin_client.get(reverse(f"{name}_change", args=[node.pk]))
        assert page.status_code == 200
        assert "plan" not in page.context["adminform"].form.fields
        assert str(plan.satker) in page.content.decode()


def test_admin_refuses_a_kegiatan_with_a_costly_line_in_an_approved_plan(admin_client, approved):
    total = approved.get_total_biaya()
    verify = reverse("verify", args=[approved.verification_code])
    printed = format_rupiah(total)
    assert printed in admin_client.get(verify).content.decode()
    indikator = models.IndikatorKinerja.objects.filter(plan=approved).first()

    response = admin_post(
        admin_client, reverse("admin:plans_kegiatan_add"), costly_kegiatan(indikator)
    )

    assert not models.Kegiatan.objects.filter(text="Kegiatan sisipan").exists()
    assert approved.get_total_biaya() == total
    assert printed in admin_client.get(verify).content.decode()
    assert_refused(response, "masih dapat diubah")


def test_admin_add_page_offers_no_parent_in_a_frozen_plan(admin_client, approved, demo):
    response = admin_client.get(reverse("admin:plans_kegiatan_add"))
    choices = response.context["adminform"].form.fields["indikator"].queryset
    assert not choices.filter(plan=approved).exists()
    assert choices.filter(plan=demo["KPU-KOTA-TOMOHON"]).exists()


def test_admin_refuses_when_the_plan_is_approved_after_the_form_was_checked(
    admin_client, demo, monkeypatch
):
    """The form's check is a hint; the lock taken for the write decides."""
    plan = demo["KPU-PROV-GORONTALO"]
    total = plan.get_total_biaya()
    clean = NodeAdminForm.clean

    def approved_meanwhile(form):
        models.RencanaAksi.objects.filter(pk=plan.pk).update(
            status=models.RencanaAksi.Status.APPROVED
        )
        return clean(form)

    monkeypatch.setattr(NodeAdminForm, "clean", approved_meanwhile)
    indikator = models.IndikatorKinerja.objects.filter(plan=plan).first()

    response = admin_post(
        admin_client, reverse("admin:plans_kegiatan_add"), costly_kegiatan(indikator), follow=True
    )

    assert_refused(response, "tidak dapat diubah")
    assert not models.Kegiatan.objects.filter(text="Kegiatan sisipan").exists()
    assert models.RencanaKegiatan.objects.filter(plan=plan).count() == plan.lines.count()
    plan.refresh_from_db()
    assert plan.get_total_biaya() == total
    assert not LogEntry.objects.exists()


def test_admin_refuses_moving_a_kegiatan_to_another_plans_indicator(admin_client, demo):
    gorontalo, tomohon = demo["KPU-PROV-GORONTALO"], demo["KPU-KOTA-TOMOHON"]
    kegiatan = kegiatan_with_lines(gorontalo)
    url = reverse("admin:plans_kegiatan_change", args=[kegiatan.pk])
    elsewhere = models.IndikatorKinerja.objects.filter(plan=tomohon).first()

    response = admin_post(admin_client, url, {"indikator": elsewhere.pk})

    assert_refused(response, "rencana aksinya sendiri")
    kegiatan.refresh_from_db()
    assert kegiatan.plan == gorontalo
    assert kegiatan.indikator.plan == gorontalo
    assert_plan_renders(admin_client, gorontalo)
    assert_plan_renders(admin_client, tomohon)


def test_admin_refuses_moving_a_kegiatan_into_an_approved_plan(admin_client, approved, demo):
    tomohon = demo["KPU-KOTA-TOMOHON"]
    kegiatan = kegiatan_with_lines(tomohon)
    url = reverse("admin:plans_kegiatan_change", args=[kegiatan.pk])
    frozen = models.IndikatorKinerja.objects.filter(plan=approved).first()

    assert admin_post(admin_client, url, {"indikator": frozen.pk}).status_code == 200
    kegiatan.refresh_from_db()
    assert kegiatan.plan == tomohon
    assert set(kegiatan.lines.values_list("plan", flat=True)) == {tomohon.pk}
    assert_plan_renders(admin_client, approved)
    assert_plan_renders(admin_client, tomohon)


def test_admin_refuses_moving_a_kegiatan_from_under_a_merged_line(admin_client, demo):
    plan = demo["KPU-KOTA-TOMOHON"]
    merged = models.RencanaKegiatan.objects.filter(plan=plan, indikator_span__gt=1).first()
    kegiatan = merged.kegiatan
    target = (
        models.IndikatorKinerja.objects.filter(plan=plan).exclude(pk=kegiatan.indikator_id).first()
    )
    url = reverse("admin:plans_kegiatan_change", args=[kegiatan.pk])

    response = admin_post(admin_client, url, {"indikator": target.pk})

    assert_refused(response, "lepaskan gabungannya")
    kegiatan.refresh_from_db()
    assert kegiatan.indikator_id == merged.kegiatan.indikator_id


def test_admin_moves_a_kegiatan_within_its_plan_and_its_lines_stay_with_it(admin_client, demo):
    plan = demo["KPU-KOTA-TOMOHON"]
    kegiatan = kegiatan_with_lines(plan)
    models.RencanaKegiatan.objects.filter(plan=plan).update(indikator_span=1)
    target = (
        models.IndikatorKinerja.objects.filter(plan=plan).exclude(pk=kegiatan.indikator_id).first()
    )
    url = reverse("admin:plans_kegiatan_change", args=[kegiatan.pk])

    assert admin_post(admin_client, url, {"indikator": target.pk}).status_code == 302
    kegiatan.refresh_from_db()
    assert (kegiatan.indikator, kegiatan.plan) == (target, plan)
    assert set(kegiatan.lines.values_list("plan", flat=True)) == {plan.pk}
    assert_plan_renders(admin_client, plan)


def test_admin_adds_a_sasaran_strategis_to_the_plan_chosen(admin_client, demo):
    plan = demo["KPU-KOTA-TOMOHON"]
    url = reverse("admin:plans_sasaranstrategis_add")

    response = admin_post(
        admin_client, url, {"plan": plan.pk, "number": "9", "text": "Sasaran baru"}
    )

    assert response.status_code == 302
    sasaran = models.SasaranStrategis.objects.get(text="Sasaran baru")
    last = models.SasaranStrategis.objects.filter(plan=plan).exclude(pk=sasaran.pk)
    assert sasaran.plan == plan
    assert sasaran.order > max(last.values_list("order", flat=True))
    assert_plan_renders(admin_client, plan)


def test_admin_refuses_a_sasaran_strategis_in_an_approved_plan(admin_client, approved):
    url = reverse("admin:plans_sasaranstrategis_add")
    response = admin_post(
        admin_client, url, {"plan": approved.pk, "number": "9", "text": "Sasaran baru"}
    )
    assert_refused(response, "masih dapat diubah")
    assert not models.SasaranStrategis.objects.filter(text="Sasaran baru").exists()


def test_admin_adds_a_line_to_the_kegiatan_chosen(admin_client, demo):
    kegiatan = kegiatan_with_lines(demo["KPU-PROV-GORONTALO"])
    total = kegiatan.plan.get_total_biaya()
    url = reverse("admin:plans_rencanakegiatan_add")
    line = {"kegiatan": kegiatan.pk, "text": "Baris baru", "biaya": "1.500.000", "b3": "on"}

    response = admin_post(admin_client, url, line)

    assert response.status_code == 302
    line = models.RencanaKegiatan.objects.get(text="Baris baru")
    assert (line.kegiatan, line.plan, line.months) == (kegiatan, kegiatan.plan, [3])
    assert line.order == kegiatan.lines.exclude(pk=line.pk).count() + 1
    assert kegiatan.plan.get_total_biaya() == total + 1_500_000
    assert_plan_renders(admin_client, kegiatan.plan)


def test_admin_refuses_a_line_in_an_approved_plan(admin_client, approved):
    kegiatan = kegiatan_with_lines(approved)
    url = reverse("admin:plans_rencanakegiatan_add")
    line = {"kegiatan": kegiatan.pk, "order": 1, "text": "Baris baru", "biaya": "1"}
    response = admin_post(admin_client, url, line)
    assert_refused(response, "masih dapat diubah")
    assert not models.RencanaKegiatan.objects.filter(text="Baris baru").exists()


def test_admin_adds_lines_inline_at_the_end_of_their_kegiatan(admin_client, demo):
    kegiatan = kegiatan_with_lines(demo["KPU-PROV-GORONTALO"])
    count = kegiatan.lines.count()
    url = reverse("admin:plans_kegiatan_change", args=[kegiatan.pk])
    added = new_line("lines", count, order="", text="Baris sisipan", biaya="2.000.000")

    assert (
        admin_post(admin_client, url, {"lines-TOTAL_FORMS": count + 1} | added).status_code == 302
    )
    line = models.RencanaKegiatan.objects.get(text="Baris sisipan")
    assert (line.plan, line.order) == (kegiatan.plan, count + 1)


def test_admin_changes_a_draft_plan_under_the_lock(admin_client, demo):
    plan = demo["KPU-KOTA-TOMOHON"]
    version = plan.lock_version
    url = reverse("admin:plans_rencanaaksi_change", args=[plan.pk])

    assert admin_post(admin_client, url, {"signatory_name": "Nama Baru"}).status_code == 302
    plan.refresh_from_db()
    assert (plan.signatory_name, plan.lock_version) == ("Nama Baru", version + 1)


def test_admin_adds_a_plan_but_not_a_second_current_one_for_a_satker_and_year(admin_client, demo):
    plan = demo["KPU-KOTA-TOMOHON"]
    url = reverse("admin:plans_rencanaaksi_add")
    data = form_data(admin_client.get(url)) | {"satker": plan.satker_id, "title": "RENCANA AKSI"}

    response = admin_client.post(url, data | {"year": plan.year})

    assert_refused(response, "sudah punya rencana aksi")
    assert admin_client.post(url, data | {"year": 2024}).status_code == 302
    assert models.RencanaAksi.objects.get(satker=plan.satker, year=2024).is_editable


def test_admin_refuses_deleting_in_an_approved_plan(admin_client, approved):
    kegiatan = kegiatan_with_lines(approved)
    lines = approved.lines.count()
    delete = reverse("admin:plans_kegiatan_delete", args=[kegiatan.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403

    changelist = reverse("admin:plans_kegiatan_changelist")
    bulk = {"action": "delete_selected", "_selected_action": [kegiatan.pk]}
    confirm = admin_client.post(changelist, bulk)
    assert confirm.status_code == 200
    assert confirm.context["perms_lacking"]
    assert admin_client.post(changelist, bulk | {"post": "yes"}).status_code in {302, 403}

    assert models.Kegiatan.objects.filter(pk=kegiatan.pk).exists()
    assert approved.lines.count() == lines


def test_admin_bulk_delete_is_checked_again_under_the_lock(admin_client, approved, monkeypatch):
    """Even when the page's permission check lets it through, the locked check refuses,
    and nothing of the attempt - rows or log entries - is kept."""
    monkeypatch.setattr(FrozenPlanMixin, "has_delete_permission", lambda *args, **kwargs: True)
    doomed = list(models.Kegiatan.objects.filter(plan=approved).values_list("pk", flat=True)[:2])
    changelist = reverse("admin:plans_kegiatan_changelist")
    bulk = {"action": "delete_selected", "_selected_action": doomed, "post": "yes"}

    response = admin_client.post(changelist, bulk, follow=True)

    assert_refused(response, "tidak dapat diubah")
    assert models.Kegiatan.objects.filter(pk__in=doomed).count() == 2
    assert not LogEntry.objects.exists()


def test_admin_deletes_nodes_of_a_draft_plan(admin_client, demo):
    plan = demo["KPU-KOTA-TOMOHON"]
    program = models.SasaranProgram.objects.filter(plan=plan).first()
    changelist = reverse("admin:plans_sasaranprogram_changelist")
    bulk = {"action": "delete_selected", "_selected_action": [program.pk], "post": "yes"}

    assert admin_client.post(changelist, bulk).status_code == 302
    assert not models.SasaranProgram.objects.filter(pk=program.pk).exists()
    assert not models.RencanaKegiatan.objects.filter(kegiatan__indikator__sasaran_program=program)
    assert_plan_renders(admin_client, plan)


def lines_file(plan, text):
    """A one-row lines file (CSV) adding ``text`` under the plan's first kegiatan."""
    line = models.RencanaKegiatan.objects.filter(plan=plan).select_related(
        "kegiatan__indikator__sasaran_program__sasaran_strategis"
    )[0]
    kegiatan = line.kegiatan
    program = kegiatan.indikator.sasaran_program
    row = {
        "satker": plan.satker.code,
        "tahun": plan.year,
        "versi": plan.version,
        "sasaran_strategis": program.sasaran_strategis.text,
        "sasaran_program": program.text,
        "indikator": kegiatan.indikator.text,
        "kegiatan": kegiatan.text,
        "rencana_kegiatan": text,
        "biaya": "999000000",
    }
    content = ",".join(row) + "\n" + ",".join(f'"{value}"' for value in row.values()) + "\n"
    upload = io.BytesIO(content.encode())
    upload.name = "baris.csv"
    return upload


def csv_format():
    formats = admin.site._registry[models.RencanaKegiatan].get_import_formats()
    return [fmt().get_title() for fmt in formats].index("csv")


def test_admin_import_confirmed_after_an_approval_writes_nothing(admin_client, demo):
    """The preview passed while the plan was a draft; the confirmation locks the plan and
    finds it approved."""
    plan = demo["KPU-PROV-GORONTALO"]
    total = plan.get_total_biaya()
    preview = admin_client.post(
        reverse("admin:plans_rencanakegiatan_import"),
        {"format": csv_format(), "resource": 0, "import_file": lines_file(plan, "Baris impor")},
    )
    confirm = preview.context["confirm_form"]
    models.RencanaAksi.objects.filter(pk=plan.pk).update(status=models.RencanaAksi.Status.APPROVED)

    response = admin_client.post(
        reverse("admin:plans_rencanakegiatan_process_import"), confirm.initial, follow=True
    )

    assert_refused(response, "tidak dapat diubah")
    assert not models.RencanaKegiatan.objects.filter(text="Baris impor").exists()
    assert plan.get_total_biaya() == total


def test_admin_import_into_a_draft_still_works(admin_client, demo):
    plan = demo["KPU-PROV-GORONTALO"]
    preview = admin_client.post(
        reverse("admin:plans_rencanakegiatan_import"),
        {"format": csv_format(), "resource": 0, "import_file": lines_file(plan, "Baris impor")},
    )
    confirm = preview.context["confirm_form"]
    response = admin_client.post(
        reverse("admin:plans_rencanakegiatan_process_import"), confirm.initial
    )
    assert response.status_code == 302
    assert models.RencanaKegiatan.objects.get(text="Baris impor").plan == plan
