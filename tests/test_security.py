"""Hostile visitors: every URL as anonymous, an outsider satker's planner and read-only
leadership; CSRF; script in every text field; fuzzed and corrupted workbooks; login lockout.

The URL table is checked against the URL conf, so a new view fails here until someone
decides who may reach it.
"""

import io
import random
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from plans.exports.pdf import render_pdf
from plans.importers import import_workbook
from plans.models import RencanaAksi, RencanaKegiatan, SatkerRole
from tests.factories import RoleFactory
from tests.samples import SAMPLES

LOGIN, NOT_FOUND, DENIED, OK, NOT_ALLOWED = 302, 404, 403, 200, 405

# name -> (method, {role: expected status}) for the Gorontalo draft plan and its items.
VIEW = {"anonymous": LOGIN, "outsider": NOT_FOUND, "reader": OK}
WRITE = {"anonymous": LOGIN, "outsider": NOT_FOUND, "reader": DENIED}
STAFF = {"anonymous": LOGIN, "outsider": DENIED, "reader": DENIED}
SIGNED_IN = {"anonymous": LOGIN, "outsider": OK, "reader": OK}
PUBLIC = {"anonymous": OK, "outsider": OK, "reader": OK}
EXPECTED = {
    "home": ("get", SIGNED_IN),
    "plan_create": ("get", SIGNED_IN),
    "plan_detail": ("get", VIEW),
    "plan_settings": ("post", WRITE),
    "month_toggle": ("post", WRITE),
    "node_add": ("post", WRITE),
    "node_edit": ("post", WRITE),
    "node_delete": ("post", WRITE),
    "node_move": ("post", WRITE),
    "line_span": ("post", WRITE),
    "validate_field": ("post", SIGNED_IN),
    "akun_options": ("get", SIGNED_IN),
    # the plan against its pagu: readers see it, only its planners give reasons
    # (tests/test_pagu_checks_pages.py)
    "budget_plan": ("post", WRITE),
    "budget_plan_summary": ("get", VIEW),
    "plan_pdf": ("get", VIEW),
    "plan_xlsx": ("get", VIEW),
    "import_upload": ("get", STAFF),
    "import_preview": ("get", STAFF),
    **dict.fromkeys(["plan_submit", "plan_return", "plan_approve", "plan_revise"], ("post", WRITE)),
    "plan_history": ("get", VIEW),
    "plan_compare": ("get", {"anonymous": LOGIN, "outsider": NOT_FOUND, "reader": LOGIN}),
    "province_overview": ("get", {"anonymous": LOGIN, "outsider": DENIED, "reader": OK}),
    # roll-ups (tests/test_rollup.py): the nation for KPU RI's secretariat and leadership and
    # admins only, a province for whoever oversees it (the reader is Gorontalo's leadership)
    "national_overview": ("get", {"anonymous": LOGIN, "outsider": NOT_FOUND, "reader": NOT_FOUND}),
    "province_rollup": ("get", {"anonymous": LOGIN, "outsider": NOT_FOUND, "reader": OK}),
    # capaian per satker per quarter, loaded by the province's page: the same rule as it
    "province_capaian": ("get", {"anonymous": LOGIN, "outsider": DENIED, "reader": OK}),
    "verify": ("get", {"anonymous": NOT_FOUND, "outsider": NOT_FOUND, "reader": NOT_FOUND}),
    "health": ("get", PUBLIC),
    "login": ("get", PUBLIC),
    "logout": ("post", {"anonymous": LOGIN, "outsider": LOGIN, "reader": LOGIN}),
    "set_language": ("post", {"anonymous": LOGIN, "outsider": LOGIN, "reader": LOGIN}),
    **dict.fromkeys(["password_change", "password_change_done"], ("get", SIGNED_IN)),
    **dict.fromkeys(
        [
            "password_reset",
            "password_reset_done",
            "password_reset_confirm",
            "password_reset_complete",
        ],
        ("get", PUBLIC),
    ),
    # printing: whoever may see the report downloads it (tests/test_report_printing.py); the
    # draft plan here has no report and no verified code, so 404 for all
    "report_pdf": ("get", {"anonymous": LOGIN, "outsider": NOT_FOUND, "reader": NOT_FOUND}),
    "report_xlsx": ("get", {"anonymous": LOGIN, "outsider": NOT_FOUND, "reader": NOT_FOUND}),
    "report_verification": (
        "get",
        {"anonymous": NOT_FOUND, "outsider": NOT_FOUND, "reader": NOT_FOUND},
    ),
    # evidence: planners of the satker add, replace and delete, readers download, outsiders
    # 404 (tests/test_evidence.py); the draft plan here has no report, so 404 for all
    "evidence_upload": ("post", {"anonymous": LOGIN, "outsider": NOT_FOUND, "reader": NOT_FOUND}),
    "evidence_download": ("get", {"anonymous": LOGIN, "outsider": NOT_FOUND, "reader": NOT_FOUND}),
    "evidence_replace": ("post", {"anonymous": LOGIN, "outsider": NOT_FOUND, "reader": NOT_FOUND}),
    "evidence_delete": ("post", {"anonymous": LOGIN, "outsider": NOT_FOUND, "reader": NOT_FOUND}),
    # the quarter page and its report's workflow: readers see, writes 403, outsiders 404
    # (tests/test_monitoring_pages.py, tests/test_monitoring_workflow.py); the draft plan
    # here has no report, so a report's URLs answer 404 and opening a quarter sends the
    # reader back to the plan
    "report_open": ("get", {"anonymous": LOGIN, "outsider": NOT_FOUND, "reader": LOGIN}),
    "report_detail": ("get", {"anonymous": LOGIN, "outsider": NOT_FOUND, "reader": NOT_FOUND}),
    **{
        name: ("post", {"anonymous": LOGIN, "outsider": NOT_FOUND, "reader": NOT_FOUND})
        for name in [
            "report_realisasi",
            "report_method",
            "report_tanggapan",
            "report_execution",
            "report_submit",
            "report_return",
            "report_verify",
            "report_reopen",
        ]
    },
    "capaian_bands_css": ("get", SIGNED_IN),
    # offline realisasi sheet: planners of the satker only (reader 403, outsider 404 in
    # tests/test_offline_realisasi.py); the draft plan here has no report, so 404 for all
    "offline_template": ("get", {"anonymous": LOGIN, "outsider": NOT_FOUND, "reader": NOT_FOUND}),
    "offline_upload": ("post", {"anonymous": LOGIN, "outsider": NOT_FOUND, "reader": NOT_FOUND}),
    "offline_preview": ("post", {"anonymous": LOGIN, "outsider": NOT_FOUND, "reader": NOT_FOUND}),
    # print runs: readers of a satker (and admins) print its scope, see and download its runs
    # (tests/test_printing.py); no satker posted and no run here, so 404 for all
    "print_run_create": ("post", {"anonymous": LOGIN, "outsider": NOT_FOUND, "reader": NOT_FOUND}),
    **dict.fromkeys(
        ["print_run_detail", "print_run_download"],
        ("get", {"anonymous": LOGIN, "outsider": NOT_FOUND, "reader": NOT_FOUND}),
    ),
    # the plan's RPD (Halaman III DIPA) and its downloads: whoever sees the plan
    # (tests/test_rpd_pages.py)
    **dict.fromkeys(["rpd_plan", "rpd_plan_pdf", "rpd_plan_xlsx"], ("get", VIEW)),
    # the satker's pagu: whoever sees the satker's budget reads it; its planners (and admins)
    # change lines and import (tests/test_pagu_pages.py)
    "pagu_detail": ("get", VIEW),
    **dict.fromkeys(["pagu_line_add", "pagu_line_edit", "pagu_line_delete"], ("post", WRITE)),
    **dict.fromkeys(["pagu_import", "pagu_import_preview"], ("get", WRITE)),
    # realisation and deviation of a satker-year: whoever sees the satker's budget
    # (tests/test_deviation_page.py)
    "budget_execution": ("get", VIEW),
}


def app_url_names(patterns=None):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name != "admin":
                yield from app_url_names(entry.url_patterns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield entry.name


def url_for(name, plan):
    line = plan.lines.first()
    program = plan.sasaran_program.first()
    kwargs = {
        "plan_detail": {"pk": plan.pk},
        "node_add": {"pk": plan.pk, "slug": "indikator"},
        "node_edit": {"slug": "baris", "pk": line.pk},
        "node_delete": {"slug": "baris", "pk": line.pk},
        "node_move": {"slug": "baris", "pk": line.pk},
        "line_span": {"pk": line.pk},
        "validate_field": {"field": "akun"},
        "import_preview": {"token": "a" * 32},
        "offline_preview": {"pk": plan.pk, "token": "a" * 32},
        **{
            name: {"satker": plan.satker.code, "year": plan.year, **extra}
            for name, extra in [
                ("pagu_detail", {}),
                ("pagu_line_add", {}),
                ("pagu_line_edit", {"pk": plan.pk}),
                ("pagu_line_delete", {"pk": plan.pk}),
                ("pagu_import", {}),
                ("pagu_import_preview", {"token": "a" * 32}),
                ("budget_execution", {}),
            ]
        },
        "report_open": {"plan": plan.pk},
        "report_realisasi": {"pk": plan.pk, "indikator": program.indikator.first().pk},
        "report_method": {"pk": plan.pk, "indikator": program.indikator.first().pk},
        "report_tanggapan": {"pk": plan.pk, "indikator": program.indikator.first().pk},
        "report_execution": {"pk": plan.pk, "baris": line.pk},
        "verify": {"code": "BELUMADA23"},
        "report_verification": {"code": "BELUMADA23"},
        "password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
        "province_rollup": {"code": "KPU-PROV-GORONTALO"},
    }.get(name)
    if kwargs is None and "<int:pk>" in str(get_resolver().reverse_dict.getlist(name)):
        kwargs = {"pk": plan.pk}
    try:
        url = reverse(name, kwargs=kwargs)
    except Exception:
        url = reverse(name, kwargs={"pk": plan.pk})
    return url + (f"?parent={program.pk}" if name == "node_add" else "")


@pytest.fixture
def people(demo, django_user_model):
    reader = RoleFactory(
        user__username="pimpinan.gorontalo",
        satker=demo["KPU-PROV-GORONTALO"].satker,
        role=SatkerRole.Role.PIMPINAN,
    ).user
    clients = {"anonymous": Client()}
    for role, user in [("outsider", "perencana.tomohon"), ("reader", reader)]:
        clients[role] = Client()
        clients[role].force_login(
            user if not isinstance(user, str) else django_user_model.objects.get(username=user)
        )
    return clients


def test_every_url_has_a_decided_audience():
    assert set(app_url_names()) == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_url_answers_each_visitor_as_due(name, demo, people):
    plan = demo["KPU-PROV-GORONTALO"]
    if name in {"plan_return", "plan_approve"}:
        plan.status = "submitted"
        plan.save()
    method, expected = EXPECTED[name]
    url = url_for(name, plan)
    for role, client in people.items():
        response = getattr(client, method)(url, {"bulan": "1:1:1", "arah": "naik", "reason": "x"})
        assert response.status_code == expected[role], (name, role, url)
    plan.refresh_from_db()
    assert plan.lines.count() == 45 and plan.get_total_biaya() == 10_060_818_000


def test_csrf_is_enforced_on_writes(demo, django_user_model):
    client = Client(enforce_csrf_checks=True)
    client.force_login(django_user_model.objects.get(username="perencana.gorontalo"))
    line = RencanaKegiatan.objects.get(text="Monitoring Disiplin Pegawai")
    response = client.post(
        reverse("month_toggle", args=[line.plan_id]), {"bulan": f"{line.pk}:5:1"}
    )
    assert response.status_code == 403
    line.refresh_from_db()
    assert 5 not in line.months


SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_script_in_every_text_field_is_escaped_in_pages_and_inert_in_pdfs(demo, client):
    plan = demo["KPU-PROV-GORONTALO"]
    plan.title = SCRIPT
    plan.signatory_name = SCRIPT
    plan.save()
    for items in (plan.sasaran_strategis, plan.sasaran_program, plan.indikator, plan.kegiatan):
        items.update(text=SCRIPT)
    plan.indikator.update(target=SCRIPT)
    plan.lines.update(text=SCRIPT, ket=SCRIPT)
    client.login(username="perencana.gorontalo", password="renaksi-demo")
    for url in [plan.get_absolute_url(), reverse("plan_history", args=[plan.pk]), "/"]:
        page = client.get(url).content.decode()
        assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert" in client.get(plan.get_absolute_url()).content.decode()
    pdf = render_pdf(plan)
    assert pdf.startswith(b"%PDF") and b"/JavaScript" not in pdf and b"/URI" not in pdf


def test_login_locks_out_after_repeated_failures(demo):
    client = Client()
    for _ in range(5):
        response = client.post(
            reverse("login"), {"username": "perencana.gorontalo", "password": "salah-terus"}
        )
        assert response.status_code in (200, 429)
    response = client.post(
        reverse("login"), {"username": "perencana.gorontalo", "password": "renaksi-demo"}
    )
    assert response.status_code == 429
    assert "Terlalu banyak percobaan" in response.content.decode()
    assert "_auth_user_id" not in client.session


# --- hostile workbooks -----------------------------------------------------------------

CELL = st.one_of(
    st.none(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(
        [
            "NO",
            "SASARAN STRATEGIS",
            "INDIKATOR KINERJA",
            "KEGIATAN",
            "AKUN",
            "PERKIRAAN BIAYA",
            "B 1",
            "Jan",
            "JUMLAH",
            "=1+1",
            "@SUM(A1)",
            "Rp -",
            "3358.EBC.954.A",
            "8.378.000",
            "v",
            "√",
            "Mengetahui,",
            "NIP. 1",
        ]
    ),
)


def workbook_bytes(rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append([c if not isinstance(c, str) else c.replace("\x00", "") for c in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(rows=st.lists(st.lists(CELL, min_size=1, max_size=24), min_size=1, max_size=25))
def test_fuzzed_workbooks_are_refused_or_read_never_crash_and_never_half_save(demo, rows):
    try:
        data = workbook_bytes(rows)
    except (ValueError, TypeError, IllegalCharacterError):  # openpyxl refuses to write it
        return
    count = RencanaAksi.objects.count()
    result = import_workbook(data, satker="KPU-KOTA-TOMOHON", year=2031)
    if result.errors:
        assert RencanaAksi.objects.count() == count
    else:
        assert RencanaAksi.objects.count() in (count, count + 1)
        RencanaAksi.objects.filter(year=2031).delete()


DATA_PARTS = ("xl/worksheets/", "xl/sharedStrings.xml", "xl/workbook.xml", "xl/styles.xml")


def corruptions(data, seed):
    rng = random.Random(seed)
    yield "truncated", data[: rng.randrange(10, len(data))]
    flipped = bytearray(data)
    for _ in range(20):
        flipped[rng.randrange(len(flipped))] ^= 0xFF
    yield "flipped", bytes(flipped)
    yield "zeros", data[:2000] + bytes(2000) + data[4000:]
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            members = {info.filename: source.read(info) for info in source.infolist()}
        # Only the parts that carry the matrix: a halved theme or document-properties part
        # loses nothing an import reads, and reading such a file is right.
        victim = rng.choice(sorted(name for name in members if name.startswith(DATA_PARTS)))
        members[victim] = members[victim][: len(members[victim]) // 2]
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for name, content in members.items():
                target.writestr(name, content)
        yield f"half {victim}", out.getvalue()
    except zipfile.BadZipFile:
        return


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("sample", ["tomohon", "provinsi-gorontalo"])
def test_corrupted_sample_files_are_refused_cleanly_and_save_nothing(
    demo, admin_client, sample, seed
):
    name = f"rencana-aksi-kpu-{'kota-' if sample == 'tomohon' else ''}{sample}-2023.xlsx"
    data = (SAMPLES / name).read_bytes()
    count = RencanaAksi.objects.count()
    for label, corrupt in corruptions(data, seed):
        result = import_workbook(corrupt, year=2032)
        assert result.errors, f"{label}: a corrupted file was imported"
        assert RencanaAksi.objects.filter(year=2032).count() == 0, label
        response = admin_client.post(
            reverse("import_upload"),
            {"file": SimpleUploadedFile(name, corrupt), "year": 2032},
        )
        assert response.status_code in (200, 302), label
        assert RencanaAksi.objects.filter(year=2032).count() == 0, label
    assert RencanaAksi.objects.count() == count
