"""Bukti dukung: a file's type is read from its content, files live outside the public
media and are served only to those who may see the report; planners add, replace and delete
while the report is fillable, and a verified report's evidence is frozen."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from monitoring import evidence, services
from monitoring.evidence import MAX_BYTES
from monitoring.models import Evidence
from plans import workflow
from plans.models import SatkerRole
from tests.evidence_files import (
    REFUSED,
    image_bytes,
    pdf_bytes,
)
from tests.factories import RoleFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


# The report, its people and where files go.


def user(name):
    return get_user_model().objects.get(username=name)


def client_for(name):
    client = Client()
    client.force_login(user(name) if isinstance(name, str) else name)
    return client


@pytest.fixture
def roots(settings, tmp_path):
    """Both media roots in folders of the test's own; the public one must stay empty."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {**settings.STORAGES["private"], "OPTIONS": {"location": tmp_path / "private"}},
    }
    return settings


@pytest.fixture
def report(demo, roots):
    plan = demo["KPU-PROV-GORONTALO"]
    workflow.submit(plan, user("perencana.gorontalo"))
    approved = workflow.approve(
        plan, user("sekretaris.gorontalo"), {"signatory_name": "Sekretaris"}
    )
    report = services.open_report(approved.satker, 2023, 1)
    report.reopened = True  # the demo year's windows closed long ago
    report.save()
    return report


@pytest.fixture
def indikator(report):
    return report.plan.indikator.order_by("pk").first()


@pytest.fixture
def planner():
    return client_for("perencana.gorontalo")


@pytest.fixture
def readers(report):
    """Those who read the report but do not fill it: leadership and the secretary."""
    pimpinan = RoleFactory(
        user__username="pimpinan.gorontalo",
        satker=report.satker,
        role=SatkerRole.Role.PIMPINAN,
    ).user
    return {"pimpinan": client_for(pimpinan), "sekretaris": client_for("sekretaris.gorontalo")}


def upload_url(report, indikator):
    return f"{reverse('evidence_upload', args=[report.pk])}?indikator={indikator.pk}"


def post_file(client, report, indikator, name, data, **extra):
    upload = SimpleUploadedFile(name, data, content_type="application/pdf")
    return client.post(upload_url(report, indikator), {"file": upload}, **HTMX, **extra)


def stored_files(root):
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def test_the_private_storage_is_the_setting_outside_the_public_media(settings):
    assert storages["private"].location == str(settings.PRIVATE_MEDIA_ROOT)
    assert settings.PRIVATE_MEDIA_ROOT != settings.MEDIA_ROOT
    assert Evidence._meta.get_field("file").storage.location == str(settings.PRIVATE_MEDIA_ROOT)


def test_a_planner_uploads_and_downloads_a_file(report, indikator, planner, roots):
    pdf = pdf_bytes()
    response = post_file(planner, report, indikator, "Laporan TW I.pdf", pdf)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bukti dukung ditambahkan." in html and "Laporan TW I.pdf" in html
    item = Evidence.objects.get()
    assert (item.realisasi.report, item.realisasi.indikator) == (report, indikator)
    assert (item.content_type, item.size, item.uploaded_by.username) == (
        "application/pdf",
        len(pdf),
        "perencana.gorontalo",
    )
    # Under the private root, in the report's folder, under a name of our own.
    [path] = stored_files(roots.PRIVATE_MEDIA_ROOT)
    assert path.read_bytes() == pdf
    assert path.parent == roots.PRIVATE_MEDIA_ROOT / "bukti/2023/KPU-PROV-GORONTALO/tw1"
    assert "Laporan" not in path.name
    assert stored_files(roots.MEDIA_ROOT) == []

    response = planner.get(reverse("evidence_download", args=[item.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Laporan TW I.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_type_is_taken_from_the_content_not_the_browser(report, indikator, planner):
    post_file(planner, report, indikator, "foto.pdf", image_bytes("PNG"))
    item = Evidence.objects.get()
    assert (item.name, item.content_type) == ("foto.png", "image/png")
    response = planner.get(reverse("evidence_download", args=[item.pk]))
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="foto.png"'


def test_a_non_ascii_name_downloads_under_its_own_name(report, indikator, planner):
    post_file(planner, report, indikator, "Laporan “akhir”.pdf", pdf_bytes())
    item = Evidence.objects.get()
    response = planner.get(reverse("evidence_download", args=[item.pk]))
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''Laporan%20%E2%80%9Cakhir%E2%80%9D.pdf"
    )


@pytest.mark.parametrize(("case", "build"), REFUSED[:4])
def test_an_impostor_upload_is_refused_and_nothing_is_stored(
    case, build, report, indikator, planner, roots
):
    response = post_file(planner, report, indikator, "laporan.pdf", build())
    assert response.status_code == 200, case
    assert "“laporan.pdf” tidak dikenali sebagai PDF" in response.content.decode()
    assert not Evidence.objects.exists()
    assert stored_files(roots.PRIVATE_MEDIA_ROOT) == stored_files(roots.MEDIA_ROOT) == []


def test_an_oversized_upload_is_refused_as_it_streams_in(
    report, indikator, planner, roots, monkeypatch
):
    monkeypatch.setattr(evidence, "check_upload", lambda upload: pytest.fail("it was kept"))
    data = image_bytes("PNG") + bytes(MAX_BYTES)  # over the limit by a few bytes
    response = post_file(planner, report, indikator, "foto besar.png", data)
    assert "“foto besar.png” lebih dari 10" in response.content.decode()
    assert not Evidence.objects.exists()
    assert stored_files(roots.PRIVATE_MEDIA_ROOT) == []


def test_a_body_far_over_the_limit_is_refused_before_it_is_read(report, indikator, planner):
    data = image_bytes("PNG") + bytes(MAX_BYTES + 200 * 1024)
    response = post_file(planner, report, indikator, "foto.png", data)
    assert "Unggahan lebih dari 10" in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_planner_adds_a_link_and_a_bad_link_is_refused(report, indikator, planner):
    url = upload_url(report, indikator)
    response = planner.post(url, {"link": "javascript:alert(1)"}, **HTMX)
    assert "tidak dapat dipakai" in response.content.decode()
    response = planner.post(url, {"link": "https://drive.google.com/x", "name": ""}, **HTMX)
    html = response.content.decode()
    item = Evidence.objects.get()
    assert (item.link, item.name, item.file.name) == (
        "https://drive.google.com/x",
        "drive.google.com/x",
        "",
    )
    assert 'href="https://drive.google.com/x" rel="noopener noreferrer"' in html
    assert planner.get(reverse("evidence_download", args=[item.pk])).status_code == 404


def test_a_file_or_a_link_is_asked_for(report, indikator, planner):
    response = planner.post(upload_url(report, indikator), {}, **HTMX)
    assert "Pilih satu berkas atau tulis satu tautan." in response.content.decode()


def test_a_plain_post_goes_back_where_it_came_from(report, indikator, planner):
    upload = SimpleUploadedFile("a.pdf", pdf_bytes())
    back = reverse("plan_detail", args=[report.plan.pk])
    response = planner.post(
        upload_url(report, indikator), {"file": upload}, HTTP_REFERER=f"http://testserver{back}"
    )
    assert (response.status_code, response["Location"]) == (302, f"http://testserver{back}")
    response = planner.post(
        upload_url(report, indikator), {"link": "x"}, HTTP_REFERER="https://evil.example/"
    )
    assert response["Location"] == report.plan.get_absolute_url()


def test_an_upload_needs_the_csrf_token(report, indikator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user("perencana.gorontalo"))
    response = post_file(client, report, indikator, "a.pdf", pdf_bytes())
    assert response.status_code == 403
    assert not Evidence.objects.exists()
    # With the token it goes through: checked inside, after the size limit is in place.
    client.cookies["csrftoken"] = token = "k" * 32
    upload = SimpleUploadedFile("a.pdf", pdf_bytes())
    response = client.post(
        upload_url(report, indikator), {"file": upload, "csrfmiddlewaretoken": token}, **HTMX
    )
    assert response.status_code == 200 and Evidence.objects.count() == 1


def test_an_indicator_of_another_plan_is_not_found(report, demo, planner):
    other = demo["KPU-KOTA-TOMOHON"].indikator.first()
    response = post_file(planner, report, other, "a.pdf", pdf_bytes())
    assert response.status_code == 404


# Who may do what.


@pytest.fixture
def item(report, indikator):
    upload = SimpleUploadedFile("bukti.pdf", pdf_bytes())
    return evidence.attach_file(report, indikator, upload, user("perencana.gorontalo"))


def change_urls(report, indikator, item):
    return {
        "upload": upload_url(report, indikator),
        "replace": reverse("evidence_replace", args=[item.pk]),
        "delete": reverse("evidence_delete", args=[item.pk]),
    }


def post_each(client, urls):
    answers = {}
    for action, url in urls.items():
        upload = SimpleUploadedFile("lain.pdf", pdf_bytes())
        answers[action] = client.post(url, {"file": upload}, **HTMX).status_code
    return answers


def test_an_outsider_finds_nothing(report, indikator, item):
    outsider = client_for("perencana.tomohon")
    assert outsider.get(reverse("evidence_download", args=[item.pk])).status_code == 404
    answers = post_each(outsider, change_urls(report, indikator, item))
    assert answers == {"upload": 404, "replace": 404, "delete": 404}
    assert Evidence.objects.count() == 1


@pytest.mark.parametrize("reader", ["pimpinan", "sekretaris"])
def test_readers_download_but_do_not_change(reader, readers, report, indikator, item):
    client = readers[reader]
    response = client.get(reverse("evidence_download", args=[item.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()
    answers = post_each(client, change_urls(report, indikator, item))
    assert answers == {"upload": 403, "replace": 403, "delete": 403}
    assert Evidence.objects.count() == 1


def test_anonymous_visitors_are_sent_to_sign_in(report, indikator, item):
    response = Client().get(reverse("evidence_download", args=[item.pk]))
    assert response.status_code == 302 and "/akun/" in response["Location"]


def test_a_verified_reports_evidence_is_frozen(report, indikator, item, planner):
    services.submit_report(report, user("perencana.gorontalo"))
    services.verify_report(report, user("sekretaris.gorontalo"))
    answers = post_each(planner, change_urls(report, indikator, item))
    assert answers == {"upload": 403, "replace": 403, "delete": 403}
    # The write path asks again on the locked row, whatever a view checked.
    with pytest.raises(PermissionDenied):
        evidence.attach_link(report, indikator, "https://kpu.go.id", user("perencana.gorontalo"))
    with pytest.raises(PermissionDenied):
        evidence.replace(item, user("perencana.gorontalo"), link="https://kpu.go.id")
    assert planner.get(reverse("evidence_download", args=[item.pk])).status_code == 200
    assert Evidence.objects.count() == 1


def test_a_submitted_report_takes_no_evidence(report, indikator, planner):
    services.submit_report(report, user("perencana.gorontalo"))
    assert post_file(planner, report, indikator, "a.pdf", pdf_bytes()).status_code == 403


# Replacing and deleting.


def test_replacing_keeps_the_earlier_file_shown_as_replaced(
    report, indikator, item, planner, roots
):
    newer = image_bytes("JPEG")
    response = planner.post(
        reverse("evidence_replace", args=[item.pk]),
        {"file": SimpleUploadedFile("bukti baru.jpg", newer)},
        **HTMX,
    )
    html = response.content.decode()
    item.refresh_from_db()
    new = Evidence.objects.exclude(pk=item.pk).get()
    assert item.replaced_by == new and new.name == "bukti baru.jpg"
    assert "Bukti dukung diganti." in html
    assert html.index("bukti baru.jpg") < html.index("bukti.pdf")  # in force first
    assert "evidence-replaced" in html and "diganti " in html
    assert len(stored_files(roots.PRIVATE_MEDIA_ROOT)) == 2
    earlier = planner.get(reverse("evidence_download", args=[item.pk]))
    assert b"".join(earlier.streaming_content) == pdf_bytes()
    # An item already replaced is not replaced again.
    response = planner.post(
        reverse("evidence_replace", args=[item.pk]), {"link": "https://kpu.go.id"}, **HTMX
    )
    assert "sudah diganti" in response.content.decode()
    assert Evidence.objects.count() == 2


def test_deleting_removes_the_item_its_history_and_files(
    report, indikator, item, planner, roots, django_capture_on_commit_callbacks
):
    newer = evidence.replace(
        item, user("perencana.gorontalo"), upload=SimpleUploadedFile("b.png", image_bytes("PNG"))
    )
    keep = evidence.attach_link(report, indikator, "https://kpu.go.id", user("perencana.gorontalo"))
    with django_capture_on_commit_callbacks(execute=True):
        response = planner.post(reverse("evidence_delete", args=[newer.pk]), **HTMX)
    assert "dihapus" in response.content.decode()
    assert list(Evidence.objects.all()) == [keep]
    assert stored_files(roots.PRIVATE_MEDIA_ROOT) == []


def test_a_refused_change_leaves_no_file_behind(report, indikator, roots, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(Evidence, "save", fail)
    upload = SimpleUploadedFile("a.pdf", pdf_bytes())
    with pytest.raises(RuntimeError):
        evidence.attach_file(report, indikator, upload, user("perencana.gorontalo"))
    assert stored_files(roots.PRIVATE_MEDIA_ROOT) == []


# The quarter page reads all evidence at once.


def test_evidence_by_indicator_takes_one_query(report, item, django_assert_num_queries):
    others = report.plan.indikator.order_by("pk")[1:4]
    planner = user("perencana.gorontalo")
    for number, other in enumerate(others):
        evidence.attach_link(report, other, f"https://kpu.go.id/{number}", planner)
    evidence.replace(item, planner, link="https://kpu.go.id/baru")
    with django_assert_num_queries(1):
        found = evidence.evidence_by_indicator(report)
        names = {
            key: [(e.name, e.replaced_by and e.replaced_by.name) for e in v]
            for key, v in found.items()
        }
        uploaders = {e.uploaded_by.username for group in found.values() for e in group}
    assert len(found) == 4 and uploaders == {"perencana.gorontalo"}
    assert names[item.realisasi.indikator_id] == [
        ("kpu.go.id/baru", None),
        ("bukti.pdf", "kpu.go.id/baru"),
    ]


def test_the_row_include_lists_and_offers_forms_only_to_who_may_fill(report, indikator, item, rf):
    from django.template.loader import render_to_string

    from monitoring.summary import summarize

    rows = evidence.add_to_rows(summarize(report), report)
    row = next(row for row in rows if row.indikator.pk == indikator.pk)
    request = rf.get("/")
    request.user = user("perencana.gorontalo")
    context = {"report": report, "row": row, "request": request}
    filling = render_to_string("monitoring/_evidence.html", {**context, "can_fill": True})
    reading = render_to_string("monitoring/_evidence.html", {**context, "can_fill": False})
    download = reverse("evidence_download", args=[item.pk])
    assert download in filling and download in reading
    assert upload_url(report, indikator) in filling.replace("&amp;", "&")
    assert "evidence_replace" not in reading and 'type="file"' not in reading
    assert "<script" not in filling and "style=" not in filling
