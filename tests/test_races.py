"""Two people at once: a save that began before a workflow step can never undo it.

Each race runs its two actions in two threads, each with its own database connection, on
committed data (``transaction=True``). The interleaving that lost work before is forced with
events: the first request is held right before it takes the plan's lock until the other
action has committed. Row locks are PostgreSQL's; SQLite serialises writers with its
IMMEDIATE transactions (``test_sqlite_serialises_concurrent_workflow_steps``).
"""

import itertools
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from plans import workflow, writes
from plans.forms import PlanSettingsForm
from plans.models import RencanaAksi, RencanaKegiatan, SatkerRole, StatusChange
from tests.factories import LineFactory, RoleFactory

Status = RencanaAksi.Status
pytestmark = pytest.mark.django_db(transaction=True)
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks are PostgreSQL's"
)
WAIT = 20  # seconds an event may take before the test calls the run broken


@pytest.fixture
def filled(plan):
    LineFactory(kegiatan__indikator__sasaran_program__sasaran_strategis__plan=plan)
    return plan


@pytest.fixture
def people(plan):
    satker = plan.satker
    satker.secretary_name = "Sekretaris Uji"
    satker.save()

    def make(name, role):
        return RoleFactory(user__username=name, satker=satker, role=role).user

    return {
        "planner": make("perencana", SatkerRole.Role.PERENCANA),
        "planner2": make("perencana2", SatkerRole.Role.PERENCANA),
        "secretary": make("sekretaris", SatkerRole.Role.SEKRETARIS),
    }


class Worker(threading.Thread):
    """Runs ``action`` in its own thread and connection, keeping its result or error."""

    def __init__(self, name, action):
        super().__init__(name=name, daemon=True)
        self.action, self.result, self.error = action, None, None

    def run(self):
        try:
            self.result = self.action()
        except Exception as error:  # handed to the test to assert on
            self.error = error
        finally:
            connection.close()

    def finish(self):
        self.join(WAIT)
        assert not self.is_alive(), f"{self.name} is stuck"
        return self


@pytest.fixture
def held_before_lock(monkeypatch):
    """Holds the thread named ``slow`` right before it locks the plan, until released."""
    reached, release = threading.Event(), threading.Event()
    real = writes.lock_plan

    def lock_plan(pk):
        if threading.current_thread().name == "slow":
            reached.set()
            assert release.wait(WAIT)
        return real(pk)

    monkeypatch.setattr(writes, "lock_plan", lock_plan)
    return reached, release


@pytest.fixture
def held_after_record(monkeypatch):
    """``held_after_record(name)`` holds the thread called ``name`` right after it records a
    workflow step (still inside its transaction), until released."""

    def hold(name):
        recorded, release = threading.Event(), threading.Event()
        real_record = workflow._record

        def record(plan, from_status, by, reason=""):
            real_record(plan, from_status, by, reason)
            if threading.current_thread().name == name:
                recorded.set()
                assert release.wait(WAIT)

        monkeypatch.setattr(workflow, "_record", record)
        return recorded, release

    return hold


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def post_until_held(reached, user, url, data):
    """Posts ``data`` to ``url`` as ``user`` in the thread ``held_before_lock`` holds (named
    ``slow``), and returns that thread once it waits right before the plan's lock."""
    slow = Worker("slow", lambda: client_for(user).post(url, data))
    slow.start()
    assert reached.wait(WAIT)
    return slow


def settings_post(plan, **changes):
    """The settings form as the page sent it, with ``changes``."""
    form = PlanSettingsForm(instance=plan)
    data = {name: form[name].value() for name in form.fields}
    data = {name: "" if value is None else value for name, value in data.items()}
    data["show_column_numbers"] = "on" if data["show_column_numbers"] else ""
    data.update(changes)
    return data


def steps(plan):
    return list(StatusChange.objects.filter(plan=plan).values_list("from_status", "to_status"))


def valid_sequence(changes):
    """Each step starts where the one before ended."""
    return all(after[0] == before[1] for before, after in itertools.pairwise(changes))


@on_postgresql
def test_a_slow_settings_save_cannot_undo_a_submit(filled, people, held_before_lock):
    reached, release = held_before_lock
    data = settings_post(filled, title="JUDUL BARU")
    url = reverse("plan_settings", args=[filled.pk])
    slow = post_until_held(reached, people["planner"], url, data)
    workflow.submit(filled, people["planner2"])
    release.set()
    response = slow.finish().result

    assert response.status_code == 403
    plan = RencanaAksi.objects.get(pk=filled.pk)
    assert (plan.status, plan.submitted_by) == (Status.SUBMITTED, people["planner2"])
    assert plan.title != "JUDUL BARU"
    assert steps(plan) == [(Status.DRAFT, Status.SUBMITTED)]


@on_postgresql
def test_an_approval_its_code_and_verification_page_survive_a_slow_settings_save(
    filled, people, held_before_lock
):
    reached, release = held_before_lock
    data = settings_post(filled, signatory_name="Orang Lain")
    url = reverse("plan_settings", args=[filled.pk])
    slow = post_until_held(reached, people["planner"], url, data)
    workflow.submit(filled, people["planner2"])
    approved = workflow.approve(filled, people["secretary"])
    release.set()
    assert slow.finish().result.status_code == 403

    plan = RencanaAksi.objects.get(pk=filled.pk)
    assert plan.status == Status.APPROVED
    assert plan.verification_code == approved.verification_code != ""
    assert plan.signatory_name == "Sekretaris Uji"
    assert steps(plan) == [(Status.DRAFT, Status.SUBMITTED), (Status.SUBMITTED, Status.APPROVED)]
    page = Client().get(reverse("verify", args=[plan.verification_code]))
    assert page.status_code == 200


@on_postgresql
def test_a_month_toggle_that_began_before_the_approval_changes_nothing(
    filled, people, held_before_lock
):
    reached, release = held_before_lock
    line = RencanaKegiatan.objects.get(plan=filled)
    scheduled = line.b5
    url = reverse("month_toggle", args=[filled.pk])
    post = {"bulan": f"{line.pk}:5:{0 if scheduled else 1}"}
    slow = post_until_held(reached, people["planner"], url, post)
    workflow.submit(filled, people["planner2"])
    workflow.approve(filled, people["secretary"])
    release.set()

    assert slow.finish().result.status_code == 403
    assert RencanaKegiatan.objects.get(pk=line.pk).b5 == scheduled


@on_postgresql
def test_a_settings_save_waits_for_a_return_in_progress_and_keeps_it(
    filled, people, held_after_record, monkeypatch
):
    """The other order: the secretary's return holds the lock first; the planner's save
    waits for it, then finds a returned (editable) plan whose counter has moved on."""
    workflow.submit(filled, people["planner"])
    loaded = RencanaAksi.objects.get(pk=filled.pk)
    in_return, release = held_after_record("return")
    returning = Worker(
        "return", lambda: workflow.return_plan(filled, people["secretary"], "Lengkapi target")
    )
    returning.start()
    assert in_return.wait(WAIT)
    locked = threading.Event()
    real_lock = writes.lock_plan

    def lock_plan(pk):
        locked.set()
        return real_lock(pk)

    monkeypatch.setattr(writes, "lock_plan", lock_plan)

    def save_settings():
        with writes.locked_plan(loaded, people["planner"], allowed=lambda user, plan: True) as plan:
            writes.check_version(plan, loaded.lock_version)

    saving = Worker("settings", save_settings)
    saving.start()
    assert locked.wait(WAIT)
    release.set()
    returning.finish()
    saving.finish()

    assert returning.error is None
    assert isinstance(saving.error, writes.EditConflict)
    plan = RencanaAksi.objects.get(pk=filled.pk)
    assert plan.status == Status.RETURNED
    assert plan.lock_version > loaded.lock_version
    assert valid_sequence(steps(plan))


@on_postgresql
def test_two_submits_at_once_record_one_step(filled, people, held_after_record):
    first_in, release = held_after_record("first")
    first = Worker("first", lambda: workflow.submit(filled, people["planner"]))
    first.start()
    assert first_in.wait(WAIT)
    second = Worker("second", lambda: workflow.submit(filled, people["planner2"]))
    second.start()
    release.set()
    first.finish()
    second.finish()

    assert first.error is None
    assert "Draf atau Dikembalikan" in " ".join(second.error.messages)
    plan = RencanaAksi.objects.get(pk=filled.pk)
    assert plan.submitted_by == people["planner"]
    assert steps(plan) == [(Status.DRAFT, Status.SUBMITTED)]


def test_every_workflow_step_moves_the_plans_edit_counter(filled, people):
    """A settings page opened before a return is refused after it, not saved over it."""
    versions = [RencanaAksi.objects.get(pk=filled.pk).lock_version]
    workflow.submit(filled, people["planner"])
    versions.append(RencanaAksi.objects.get(pk=filled.pk).lock_version)
    workflow.return_plan(filled, people["secretary"], "Perbaiki")
    versions.append(RencanaAksi.objects.get(pk=filled.pk).lock_version)
    assert versions == sorted(set(versions))

    stale = settings_post(filled, title="JUDUL LAMA", lock_version=versions[0])
    response = client_for(people["planner"]).post(reverse("plan_settings", args=[filled.pk]), stale)
    assert response.status_code == 200
    assert "sudah diubah orang lain" in response.content.decode()
    assert RencanaAksi.objects.get(pk=filled.pk).title != "JUDUL LAMA"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own write lock")
@pytest.mark.parametrize("step", ["submit", "approve", "revise"])
def test_sqlite_serialises_concurrent_workflow_steps(filled, people, step):
    """Two people take the same step at the same moment: one succeeds, the other is told
    why not - never "database is locked"."""
    if step in ("approve", "revise"):
        workflow.submit(filled, people["planner"])
        people["secretary2"] = RoleFactory(
            user__username="sekretaris2", satker=filled.satker, role=SatkerRole.Role.SEKRETARIS
        ).user
    if step == "revise":
        workflow.approve(filled, people["secretary"])
    actors = {
        "submit": ("planner", "planner2"),
        "approve": ("secretary", "secretary2"),
        "revise": ("planner", "planner2"),
    }[step]
    start = threading.Barrier(2)

    def act(who):
        def run():
            start.wait(WAIT)
            plan = RencanaAksi.objects.get(pk=filled.pk)
            if step == "submit":
                return workflow.submit(plan, people[who])
            if step == "approve":
                return workflow.approve(plan, people[who])
            return workflow.open_revision(plan, people[who], "Pergeseran anggaran")

        return run

    workers = [Worker(who, act(who)) for who in actors]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.finish()

    errors = [worker.error for worker in workers if worker.error is not None]
    assert len(errors) == 1, errors
    assert type(errors[0]).__name__ == "ValidationError", errors
    assert valid_sequence(steps(filled))
