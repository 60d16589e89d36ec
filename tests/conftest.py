"""Fixtures for the people who use Renaksi: planner, secretary, admin and an outsider."""

import pytest
from django.conf import settings
from django.core.management import call_command

from plans.models import RencanaAksi, SatkerRole
from tests.factories import PlanFactory, RoleFactory, SatkerFactory, UserFactory
from tests.matrix_workbooks import load_satkers
from tests.monitoring_fixtures import approve_gorontalo


@pytest.fixture(autouse=True, scope="session")
def fast_password_hashing():
    """MD5 instead of PBKDF2's million rounds: a demo load sets five passwords and every
    login checks one, which cost ~0.9 s each on a 2-core machine."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """SQLite tests use a database file, as deployments do: an in-memory database shares
    one cache between threads and never shows the locking that concurrent writers meet."""
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        database.setdefault("TEST", {})["NAME"] = str(
            tmp_path_factory.mktemp("sqlite") / "renaksi-test.sqlite3"
        )


@pytest.fixture
def satker(db):
    return SatkerFactory(code="KPU-KAB-SATU", name="KPU Kabupaten Satu")


@pytest.fixture
def plan(satker):
    return PlanFactory(satker=satker)


@pytest.fixture
def planner(satker):
    return RoleFactory(user__username="perencana", satker=satker).user


@pytest.fixture
def secretary(satker):
    return RoleFactory(
        user__username="sekretaris", satker=satker, role=SatkerRole.Role.SEKRETARIS
    ).user


@pytest.fixture
def outsider(db):
    other = SatkerFactory(code="KPU-KAB-LAIN", name="KPU Kabupaten Lain")
    return RoleFactory(user__username="orang.lain", satker=other).user


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin.uji", is_staff=True, is_superuser=True)


@pytest.fixture
def demo(db):
    """The demo satkers, users and both seed plans, without the monitoring demo: the
    Gorontalo 2023 plan stays a draft for the tests that edit and submit it."""
    call_command("load_demo", "--tanpa-pemantauan", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return {plan.satker.code: plan for plan in RencanaAksi.objects.select_related("satker").all()}


@pytest.fixture
def approved(demo):
    """The demo's Gorontalo plan, submitted by its planner and approved by its secretary."""
    return approve_gorontalo(demo)


@pytest.fixture
def demo_monitoring(db, settings, tmp_path):
    """The whole demo as ``make run`` loads it: the Gorontalo 2023 plan approved with TW I
    verified, TW II returned and TW III a draft (``monitoring.demo``); evidence files in a
    private media folder of the test's own."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {**settings.STORAGES["private"], "OPTIONS": {"location": tmp_path / "private"}},
    }
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return {plan.satker.code: plan for plan in RencanaAksi.objects.select_related("satker").all()}


@pytest.fixture
def satkers(db):
    """The demo satkers alone, for imports to find their satker in."""
    return load_satkers()


@pytest.fixture
def media(settings, tmp_path):
    """An empty MEDIA_ROOT of the test's own, for uploads and stored printouts."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def fetched(monkeypatch):
    """Every address the PDF renderer fetches during the test, in order."""
    # Imported here: loading WeasyPrint costs most test runs that never print ~0.7 s.
    from plans.exports.pdf import LocalOnlyFetcher

    urls = []
    fetch = LocalOnlyFetcher.fetch

    def spy(self, url, headers=None):
        urls.append(url)
        return fetch(self, url, headers)

    monkeypatch.setattr(LocalOnlyFetcher, "fetch", spy)
    return urls
