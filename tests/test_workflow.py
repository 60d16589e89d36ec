"""Who may move a plan through Draf -> Diajukan -> Disetujui, Dikembalikan and revisions."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from plans import workflow
from plans.compare import compare_versions
from plans.models import RencanaAksi, SatkerRole
from tests.factories import LineFactory, RoleFactory, UserFactory

Status = RencanaAksi.Status


@pytest.fixture
def people(plan):
    """Everyone who might try: two planners, the secretary, leadership, an outsider, admin."""
    satker = plan.satker
    satker.secretary_name = "Sekretaris Uji"
    satker.save()

    def make(name, role, where=satker):
        return RoleFactory(
            user__username=name, user__email=f"{name}@kpu.example", satker=where, role=role
        ).user

    return {
        "planner": make("perencana", SatkerRole.Role.PERENCANA),
        "planner2": make("perencana2", SatkerRole.Role.PERENCANA),
        "secretary": make("sekretaris", SatkerRole.Role.SEKRETARIS),
        "leader": make("pimpinan", SatkerRole.Role.PIMPINAN),
        "outsider": RoleFactory(user__username="luar", role=SatkerRole.Role.SEKRETARIS).user,
        "admin": UserFactory(username="admin.wf", is_staff=True, is_superuser=True),
    }


@pytest.fixture
def filled(plan):
    LineFactory(kegiatan__indikator__sasaran_program__sasaran_strategis__plan=plan)
    return plan


def put(plan, status, submitted_by=None):
    plan.status, plan.submitted_by = status, submitted_by
    plan.save()
    return plan


def run(action, plan, user):
    return {
        "submit": lambda: workflow.submit(plan, user),
        "return": lambda: workflow.return_plan(plan, user, "Target TW belum diisi"),
        "approve": lambda: workflow.approve(plan, user),
        "revise": lambda: workflow.open_revision(plan, user, "Pergeseran anggaran"),
    }[action]()


ALLOWED = "ok"
# (action, status before, who) -> outcome; who submitted is always "planner".
TABLE = [
    ("submit", Status.DRAFT, "planner", ALLOWED),
    ("submit", Status.RETURNED, "planner2", ALLOWED),
    ("submit", Status.DRAFT, "admin", ALLOWED),
    ("submit", Status.DRAFT, "secretary", PermissionDenied),
    ("submit", Status.DRAFT, "leader", PermissionDenied),
    ("submit", Status.DRAFT, "outsider", PermissionDenied),
    ("submit", Status.SUBMITTED, "planner", ValidationError),
    ("submit", Status.APPROVED, "planner", ValidationError),
    ("return", Status.SUBMITTED, "secretary", ALLOWED),
    ("return", Status.SUBMITTED, "planner", PermissionDenied),
    ("return", Status.SUBMITTED, "leader", PermissionDenied),
    ("return", Status.SUBMITTED, "outsider", PermissionDenied),
    ("return", Status.SUBMITTED, "admin", PermissionDenied),
    ("return", Status.DRAFT, "secretary", ValidationError),
    ("approve", Status.SUBMITTED, "secretary", ALLOWED),
    ("approve", Status.SUBMITTED, "planner", PermissionDenied),
    ("approve", Status.SUBMITTED, "leader", PermissionDenied),
    ("approve", Status.SUBMITTED, "outsider", PermissionDenied),
    ("approve", Status.SUBMITTED, "admin", PermissionDenied),
    ("approve", Status.DRAFT, "secretary", ValidationError),
    ("approve", Status.RETURNED, "secretary", ValidationError),
    ("revise", Status.APPROVED, "planner", ALLOWED),
    ("revise", Status.APPROVED, "secretary", PermissionDenied),
    ("revise", Status.APPROVED, "outsider", PermissionDenied),
    ("revise", Status.SUBMITTED, "planner", ValidationError),
    ("revise", Status.DRAFT, "planner", ValidationError),
]


AFTER = {"submit": Status.SUBMITTED, "return": Status.RETURNED, "approve": Status.APPROVED}


@pytest.mark.parametrize(("action", "before", "who", "outcome"), TABLE)
def test_transitions_by_role(filled, people, action, before, who, outcome):
    put(filled, before, submitted_by=people["planner"])
    if outcome is ALLOWED:
        result = run(action, filled, people[who])
        filled.refresh_from_db()
        if action == "revise":
            assert (filled.status, filled.is_latest) == (Status.APPROVED, False)
            assert (result.status, result.version, result.is_latest) == (Status.DRAFT, 2, True)
            assert result.lines.count() == filled.lines.count() == 1
        else:
            assert filled.status == AFTER[action]
            step = filled.status_changes.get()
            assert (step.from_status, step.to_status, step.by) == (
                before,
                AFTER[action],
                people[who],
            )
        return
    with pytest.raises(outcome):
        run(action, filled, people[who])
    filled.refresh_from_db()
    assert filled.status == before


def test_nobody_approves_a_plan_they_submitted(filled, people):
    SatkerRole.objects.filter(user=people["secretary"]).update(role=SatkerRole.Role.SEKRETARIS)
    RoleFactory(user=people["secretary"], satker__code="KPU-X", role=SatkerRole.Role.PERENCANA)
    put(filled, Status.SUBMITTED, submitted_by=people["secretary"])
    with pytest.raises(PermissionDenied, match="sendiri"):
        workflow.approve(filled, people["secretary"])


def test_returning_needs_a_reason(filled, people):
    put(filled, Status.SUBMITTED, people["planner"])
    with pytest.raises(ValidationError):
        workflow.return_plan(filled, people["secretary"], "  ")


def test_a_full_round_records_who_when_why_and_mails_the_next_people(
    filled, people, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://renaksi.kpu.example"
    with django_capture_on_commit_callbacks(execute=True):
        plan = workflow.submit(filled, people["planner"])
    assert [m.to for m in mail.outbox] == [["sekretaris@kpu.example"]]
    assert f"https://renaksi.kpu.example/rencana/{plan.pk}/" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        plan = workflow.return_plan(plan, people["secretary"], "Lengkapi target")
    assert "Lengkapi target" in mail.outbox[1].body
    assert sorted(mail.outbox[1].to) == ["perencana2@kpu.example", "perencana@kpu.example"]
    with django_capture_on_commit_callbacks(execute=True):
        plan = workflow.submit(plan, people["planner"])
        plan = workflow.approve(plan, people["secretary"], {"signatory_name": "Dra. Sekretaris"})
    assert "disetujui" in mail.outbox[3].subject
    steps = [
        (c.from_status, c.to_status, c.by.username, c.reason) for c in plan.status_changes.all()
    ]
    assert steps == [
        ("draft", "submitted", "perencana", ""),
        ("submitted", "returned", "sekretaris", "Lengkapi target"),
        ("returned", "submitted", "perencana", ""),
        ("submitted", "approved", "sekretaris", ""),
    ]


def test_approval_fixes_the_signatory_and_issues_a_code(filled, people):
    filled.satker.secretary_name = "Nama Dari Satker"
    filled.satker.city = "Tomohon"
    filled.satker.save()
    put(filled, Status.SUBMITTED, people["planner"])
    plan = workflow.approve(filled, people["secretary"])
    assert plan.signatory_name == "Nama Dari Satker"
    assert plan.signatory_place == "Tomohon"
    assert plan.signatory_date is not None
    assert len(plan.verification_code) == 10
    assert not plan.is_editable


def test_a_revision_is_a_new_draft_and_supersedes_the_old_version_once_approved(filled, people):
    put(filled, Status.SUBMITTED, people["planner"])
    v1 = workflow.approve(filled, people["secretary"])
    v2 = workflow.open_revision(v1, people["planner"], "Pergeseran anggaran")
    v1.refresh_from_db()
    assert (v2.version, v2.status, v2.is_latest, v2.revision_of) == (2, "draft", True, v1)
    assert (v1.status, v1.is_latest) == ("approved", False)
    assert v2.lines.count() == v1.lines.count() == 1
    line = v2.lines.get()
    line.biaya = 9_000_000
    line.save()
    v2 = workflow.approve(workflow.submit(v2, people["planner"]), people["secretary"])
    v1.refresh_from_db()
    assert v1.status == "superseded"
    comparison = compare_versions(v1, v2)
    assert [c.fields for c in comparison.changed] == [["biaya"]]
    assert (comparison.total_before, comparison.total_after) == (8_378_000, 9_000_000)
    assert v1.lines.get().biaya == 8_378_000  # the approved version stays as it was


def test_comparison_lists_added_and_removed_lines(filled, people):
    put(filled, Status.SUBMITTED, people["planner"])
    v1 = workflow.approve(filled, people["secretary"])
    v2 = workflow.open_revision(v1, people["planner"], "Tambah kegiatan")
    kegiatan = v2.kegiatan.get()
    LineFactory(kegiatan=kegiatan, text="Baris baru", biaya=1_000)
    v2.lines.exclude(text="Baris baru").delete()
    comparison = compare_versions(v1, v2)
    assert [c.after["text"] for c in comparison.added] == ["Baris baru"]
    assert len(comparison.removed) == 1 and not comparison.changed


def test_an_empty_plan_cannot_be_submitted(plan, people):
    with pytest.raises(ValidationError, match="tanpa rencana kegiatan"):
        workflow.submit(plan, people["planner"])
