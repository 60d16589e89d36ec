"""A plan's audit trail: every saved change of its content and status, newest first.

Built from django-simple-history's tables (one query per kind of item) and the workflow's
``StatusChange`` records.
"""

from dataclasses import dataclass, field

from plans.models import TREE, RencanaAksi

TRACKED = [RencanaAksi, *(level.model for level in TREE)]
SKIPPED = {
    "id",
    "plan",
    "lock_version",
    "uid",
    "updated_at",
    "created_at",
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user",
}
ACTIONS = {"+": "dibuat", "~": "diubah", "-": "dihapus"}


@dataclass
class Event:
    when: object
    who: object
    kind: str
    item: str
    action: str
    changes: list = field(default_factory=list)  # (field label, before, after)


def plan_history(plan, limit=300):
    events = []
    for model in TRACKED:
        records = model.history.select_related("history_user").order_by("id", "history_date")
        records = (
            records.filter(id=plan.pk) if model is RencanaAksi else records.filter(plan_id=plan.pk)
        )
        events += _events(model, list(records))
    events.sort(key=lambda event: event.when, reverse=True)
    return events[:limit]


def _events(model, records):
    fields = [
        f
        for f in model.history.model._meta.fields
        if f.attname.removesuffix("_id") not in SKIPPED and f.name not in SKIPPED
    ]
    events, previous = [], None
    for record in records:
        if previous is None or previous.id != record.id:
            previous = None
        changes = []
        if record.history_type == "~" and previous is not None:
            for f in fields:
                old, new = getattr(previous, f.attname), getattr(record, f.attname)
                if old != new:
                    changes.append((str(f.verbose_name), old, new))
            if not changes:
                previous = record
                continue
        events.append(
            Event(
                when=record.history_date,
                who=record.history_user,
                kind=str(model._meta.verbose_name),
                item=_label(record),
                action=ACTIONS[record.history_type],
                changes=changes,
            )
        )
        previous = record
    return events


def _label(record):
    text = getattr(record, "text", "") or getattr(record, "title", "")
    text = text.splitlines()[0] if text else ""
    return text[:80] + ("…" if len(text) > 80 else "")
