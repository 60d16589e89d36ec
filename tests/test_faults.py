"""Failures at the worst moment leave nothing half-saved; a lost database gives a clean page."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError, connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.urls import reverse

from plans import building, workflow
from plans.importers import import_workbook
from plans.models import RencanaAksi, RencanaKegiatan, SasaranStrategis
from plans.services import copy_plan
from tests.samples import SAMPLES

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def fail_on_lines(monkeypatch):
    """Make the last insert of a tree write - the lines, after every other level - blow up."""
    real = building.insert_with_history

    def create(model, nodes, **kwargs):
        if model is RencanaKegiatan:
            raise RuntimeError("server killed mid-write")
        return real(model, nodes, **kwargs)

    monkeypatch.setattr(building, "insert_with_history", create)


def test_an_import_killed_before_its_lines_saves_nothing(demo, fail_on_lines):
    before = (RencanaAksi.objects.count(), SasaranStrategis.objects.count())
    RencanaAksi.objects.filter(satker__code="KPU-PROV-GORONTALO").delete()
    before = (RencanaAksi.objects.count(), SasaranStrategis.objects.count())
    with pytest.raises(RuntimeError):
        import_workbook(SAMPLES / "rencana-aksi-kpu-provinsi-gorontalo-2023.xlsx")
    assert (RencanaAksi.objects.count(), SasaranStrategis.objects.count()) == before


def test_a_copy_killed_halfway_leaves_no_plan(demo, fail_on_lines):
    with pytest.raises(RuntimeError):
        copy_plan(demo["KPU-PROV-GORONTALO"], 2024)
    assert not RencanaAksi.objects.filter(year=2024).exists()
    assert not SasaranStrategis.objects.filter(plan__year=2024).exists()


def test_a_revision_killed_halfway_keeps_the_approved_version_in_force(
    demo, django_user_model, fail_on_lines
):
    plan = demo["KPU-PROV-GORONTALO"]
    planner = django_user_model.objects.get(username="perencana.gorontalo")
    secretary = django_user_model.objects.get(username="sekretaris.gorontalo")
    plan = workflow.approve(workflow.submit(plan, planner), secretary, {"signatory_name": "X"})
    with pytest.raises(RuntimeError):
        workflow.open_revision(plan, planner, "Pergeseran")
    plan.refresh_from_db()
    assert (plan.status, plan.is_latest) == ("approved", True)
    assert RencanaAksi.objects.filter(satker=plan.satker, year=plan.year).count() == 1


def test_a_save_request_killed_mid_transaction_changes_nothing(demo, client, monkeypatch):
    """The editor's save: the node is written, then the server dies before the commit."""
    line = RencanaKegiatan.objects.get(text="ATK Administrasi Kepegawaian")
    client.raise_request_exception = False
    client.login(username="perencana.gorontalo", password="renaksi-demo")

    def dying_save(self, *args, **kwargs):
        RencanaKegiatan.save_base(self, *args, **kwargs)
        raise RuntimeError("killed after the write, before the commit")

    monkeypatch.setattr(RencanaKegiatan, "save", dying_save)
    response = client.post(
        reverse("node_edit", args=["baris", line.pk]),
        {
            "text": "Teks yang tidak boleh tersimpan",
            "biaya": "1",
            "akun": line.akun,
            "ket": "",
            "lock_version": line.lock_version,
        },
    )
    assert response.status_code == 500
    line.refresh_from_db()
    assert line.text == "ATK Administrasi Kepegawaian" and line.biaya == 8_378_000


def test_a_database_that_goes_away_gives_a_clean_error_page(demo, monkeypatch):
    client = Client(raise_request_exception=False)
    client.login(username="perencana.gorontalo", password="renaksi-demo")

    def gone(self):
        raise OperationalError("could not connect to server: Connection refused")

    with monkeypatch.context() as patch:
        patch.setattr(BaseDatabaseWrapper, "ensure_connection", gone)
        response = client.get(reverse("home"))
        health = client.get(reverse("health"))
    page = response.content.decode()
    assert response.status_code == 500
    assert "Gangguan sementara" in page
    assert "Traceback" not in page and "OperationalError" not in page
    assert health.status_code == 503
    assert health.json() == {
        "status": "error",
        "database": "unavailable",
        "database_write": "skipped",
        "media": "ok",
    }


def test_health_check_reports_the_database_and_media(client, db):
    assert client.get(reverse("health")).json() == {
        "status": "ok",
        "database": "ok",
        "database_write": "ok",
        "media": "ok",
    }


def test_health_check_says_when_the_database_refuses_writes(client, db):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA query_only = ON")
        else:
            cursor.execute("SET LOCAL transaction_read_only = on")
    try:
        response = client.get(reverse("health"))
    finally:
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA query_only = OFF")
    assert response.status_code == 503
    assert response.json()["database"] == "ok"
    assert response.json()["database_write"] == "refused"


def test_health_check_says_when_media_cannot_be_written(client, db, settings, tmp_path):
    blocker = tmp_path / "bukan-folder"
    blocker.write_text("")
    settings.MEDIA_ROOT = blocker / "media"
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["media"] == "not writable"


# --- backup and restore -------------------------------------------------------------------

SNAPSHOT = """
import json
from plans.exports.xlsx import build_workbook
from plans.models import RencanaAksi
out = {}
for plan in RencanaAksi.objects.order_by("pk"):
    sheet = build_workbook(plan).active
    out[f"{plan.satker.code} {plan.year} v{plan.version}"] = [
        [cell for cell in row] for row in sheet.iter_rows(values_only=True)
    ]
print(json.dumps(out, default=str))
"""


def _run(env, script, *args):
    """The output of a Python script of the project, run with ``env``."""
    return subprocess.run(
        [sys.executable, script, *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def _manage(env, *args):
    return _run(env, "manage.py", *args)


def _round_trip(env, tmp_path):
    _manage(env, "migrate", "-v0")
    _manage(env, "load_demo", "--tanpa-pemantauan")
    before = json.loads(_manage(env, "shell", "-v", "0", "-c", SNAPSHOT))
    made = _run(env, "scripts/backup.py", "backup", "--dir", str(tmp_path)).strip()
    _manage(
        env,
        "shell",
        "-c",
        "from plans.models import RencanaAksi as R; "
        "R.objects.filter(satker__code='KPU-KOTA-TOMOHON').delete(); "
        "from plans.models import RencanaKegiatan as L; L.objects.update(biaya=1)",
    )
    assert json.loads(_manage(env, "shell", "-v", "0", "-c", SNAPSHOT)) != before
    _run(env, "scripts/backup.py", "restore", made)
    after = json.loads(_manage(env, "shell", "-v", "0", "-c", SNAPSHOT))
    assert after == before
    assert len(after) == 6


def _env(database_url):
    env = dict(os.environ, DATABASE_URL=database_url, SECRET_KEY="backup-test", DEBUG="1")
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def test_backup_and_restore_round_trip_every_plan_on_sqlite(tmp_path):
    _round_trip(_env(f"sqlite:///{tmp_path / 'renaksi.sqlite3'}"), tmp_path / "backups")


def test_backup_and_restore_round_trip_every_plan_on_postgresql(tmp_path):
    if not shutil.which("pg_dump") or not shutil.which("createdb"):
        pytest.skip("PostgreSQL client tools are not installed")
    name = f"renaksi_backup_{os.getpid()}"
    server = ["-U", "postgres", "-h", "127.0.0.1"]
    if subprocess.run(["createdb", *server, name], capture_output=True).returncode:
        pytest.skip("no PostgreSQL server at 127.0.0.1:5432")
    try:
        _round_trip(_env(f"postgres://postgres@127.0.0.1:5432/{name}"), tmp_path)
    finally:
        subprocess.run(["dropdb", *server, "--if-exists", name], capture_output=True)
