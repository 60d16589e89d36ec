"""A plan's history in plain words: who changed what and when, newest first.

Built from django-simple-history's tables (one query per kind of item) and the workflow's
``StatusChange`` records, for the plan and the earlier versions it revises. Values read as
the matrix prints them: Rupiah, month names, Ya/Tidak, status labels, people's names and
the text of the items a reference points at; internal columns are left out. A tree written
at once (an import, a copy, a revision: ``plans.building.build_tree``) is one entry, and a
deleted item carries what was deleted with it.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from budgets.rupiah import format_rupiah
from plans import layouts
from plans.models import TREE, RencanaAksi, StatusChange, level_of
from plans.vocabulary import MONTH_FIELDS, MONTH_NAMES

Status = RencanaAksi.Status
# Never shown: keys, counters and the months (shown together as one schedule change).
HIDDEN = {"id", "plan", "lock_version", "uid", "order", *MONTH_FIELDS}
# What the workflow writes on the plan; its steps (StatusChange) tell it in words.
WORKFLOW = {
    "status",
    "submitted_by",
    "submitted_at",
    "approved_by",
    "approved_at",
    "verification_code",
    "is_latest",
    "version",
    "revision_of",
    "revision_reason",
}
# Records written by one action (a cascade delete, an import replacing a tree) lie this close.
ONE_ACTION = timedelta(minutes=5)
LABEL_LENGTH = 80


@dataclass
class Change:
    """One field of an item, before and after; ``before`` None for a new item's value.
    A schedule change lists the months ``added`` and ``removed`` instead."""

    label: str
    before: object = None
    after: object = ""
    added: str = ""
    removed: str = ""


@dataclass
class Event:
    """One entry of the history: a workflow step, a build, or a change of one item."""

    when: object
    who: str
    version: int
    kind: str  # step, build, created, settings, added, changed, deleted, moved
    title: str
    item: object = ""
    changes: list = field(default_factory=list)
    note: str = ""
    note_label: str = ""
    plan_id: int = None
    user_id: int = None
    key: tuple = None  # (model, pk) of the item
    statuses: tuple = None  # a step's (from, to)
    parent: tuple = None  # (model, pk) of its parent in the tree
    carried: Counter = field(default_factory=Counter)  # items deleted with this one

    @property
    def day(self):
        return timezone.localdate(self.when)

    @property
    def carried_text(self):
        """``2 kegiatan, 5 rencana kegiatan``: what went with a deletion, top level first."""
        names = [str(level.model._meta.verbose_name) for level in TREE]
        return ", ".join(f"{self.carried[name]} {name}" for name in names if self.carried[name])

    @property
    def carried_label(self):
        return _("Isi sebelumnya diganti:") if self.kind == "build" else _("Beserta")


def plan_history(plan, limit=300):
    """The history of ``plan`` and of the versions before it, newest first, at most
    ``limit`` entries; a fixed number of queries whatever the plan's size."""
    versions = dict(
        RencanaAksi.objects.filter(
            satker_id=plan.satker_id, year=plan.year, version__lte=plan.version
        )
        .order_by()
        .values_list("pk", "version")
    )
    names = Names()
    steps = _step_events(versions)
    events = [*steps, *_plan_events(versions, steps, names)]
    for level in TREE:
        events += _node_events(level.model, versions, names)
    names.fetch()
    events = _combine(sorted(_fold_deletions(events), key=lambda event: event.when))
    return events[::-1][:limit]


def person(user):
    return (user.get_full_name() or user.username) if user is not None else ""


STEP_TITLES = {
    Status.SUBMITTED: gettext_lazy("Diajukan kepada sekretaris"),
    Status.RETURNED: gettext_lazy("Dikembalikan kepada perencana"),
    Status.APPROVED: gettext_lazy("Disetujui"),
    Status.SUPERSEDED: gettext_lazy("Digantikan"),
}


def _step_events(versions):
    events = []
    for step in StatusChange.objects.filter(plan_id__in=versions).select_related("by"):
        if not step.from_status and step.to_status == Status.DRAFT:
            title, label = _("Revisi dibuka"), _("Alasan revisi")
        else:
            title = STEP_TITLES.get(step.to_status) or _("Status menjadi %(status)s") % {
                "status": step.get_to_status_display()
            }
            label = _("Alasan") if step.to_status == Status.RETURNED else ""
        event = Event(step.at, person(step.by), versions[step.plan_id], "step", str(title))
        event.note, event.note_label, event.plan_id = step.reason, str(label), step.plan_id
        event.user_id, event.statuses = step.by_id, (step.from_status, step.to_status)
        events.append(event)
    return events


def _plan_events(versions, steps, names):
    """Creations and setting changes of the plan; what a workflow step changed besides the
    status (the signatory at approval) goes with that step."""
    fields = _shown(RencanaAksi, hidden=HIDDEN | WORKFLOW)
    records = RencanaAksi.history.filter(id__in=versions)
    events, previous = [], None
    for record in records.select_related("history_user").order_by("id", "history_date"):
        if previous is not None and previous.id != record.id:
            previous = None
        event = _event(record, versions[record.id], RencanaAksi._meta.verbose_name)
        event.plan_id = record.id
        if record.history_type == "~" and record.history_change_reason:
            # A build's record only repeats the plan: the next change is compared with
            # the record before it.
            event.kind, event.title = "build", record.history_change_reason
            events.append(event)
            continue
        if record.history_type == "+":
            event.kind, event.title = "created", _("Rencana aksi dibuat")
            event.item = _("Versi %(version)s") % {"version": record.version}
            events.append(event)
        elif record.history_type == "~" and previous is not None:
            changes = _diff(fields, previous, record, names)
            if previous.status != record.status:
                step = _step_of(steps, record, previous.status)
                if step is not None:
                    step.changes += changes
                    changes = []
                else:
                    field_ = RencanaAksi._meta.get_field("status")
                    changes.insert(0, _change(field_, previous.status, record.status, names))
            if changes:
                event.kind, event.title = "settings", _("Rencana aksi diubah")
                event.changes = changes
                events.append(event)
        previous = record
    return events


def _step_of(steps, record, from_status):
    """The workflow step that wrote ``record`` (it is recorded just after the plan's save)."""
    for step in steps:
        if (
            step.plan_id == record.id
            and step.statuses == (from_status, record.status)
            and timedelta(0) <= step.when - record.history_date <= ONE_ACTION
        ):
            return step
    return None


def _node_events(model, versions, names):
    """The changes of one tree level's items. The rows a build wrote (tagged with its note)
    are read only as the starting point of items changed afterwards."""
    level = level_of(model)
    fields = _shown(model, hidden=HIDDEN | {level.parent_field})
    parent = level.parent_field and model._meta.get_field(level.parent_field)
    records = model.history.filter(plan_id__in=versions)
    built = Q(history_type="+", history_change_reason__gt="")
    records = records.filter(~built | Q(id__in=records.exclude(built).values("id")))
    kind = model._meta.verbose_name
    events, previous = [], None
    for record in records.select_related("history_user").order_by("id", "history_date"):
        if previous is not None and previous.id != record.id:
            previous = None
        event = _event(record, versions[record.plan_id], kind)
        event.plan_id, event.key = record.plan_id, (model, record.id)
        event.item = _label(record, model, names)
        if parent:
            event.parent = (parent.related_model, getattr(record, parent.attname))
        if record.history_type == "+" and not record.history_change_reason:
            event.changes = _values(fields, record, names)
            events.append(event)
        elif record.history_type == "~":
            event.changes = _diff(fields, previous, record, names) if previous else []
            if parent and previous and event.parent[1] != getattr(previous, parent.attname):
                before = names.ref(parent.related_model, getattr(previous, parent.attname))
                event.changes.insert(
                    0, Change(capfirst(parent.verbose_name), before, names.ref(*event.parent))
                )
            if event.changes or previous is None:
                events.append(event)
            elif previous.order != record.order:
                event.kind, event.title = "moved", _("Urutan diubah")
                events.append(event)
        elif record.history_type == "-":
            events.append(event)
        previous = record
    return events


ACTIONS = {
    "+": ("added", gettext_lazy("%(kind)s ditambahkan")),
    "~": ("changed", gettext_lazy("%(kind)s diubah")),
    "-": ("deleted", gettext_lazy("%(kind)s dihapus")),
}


def _event(record, version, kind):
    action, title = ACTIONS[record.history_type]
    event = Event(record.history_date, person(record.history_user), version, action, "")
    event.title = str(title) % {"kind": capfirst(kind)}
    event.user_id = record.history_user_id
    return event


def _fold_deletions(events):
    """An item deleted with its parent (a cascade, an import replacing the tree) is counted
    in the parent's entry instead of having its own."""
    deleted = {event.key: event for event in events if event.kind == "deleted"}
    folded = set()
    for level in reversed(TREE):
        for event in [e for e in deleted.values() if e.key[0] is level.model]:
            parent = deleted.get(event.parent)
            if parent is not None and timedelta(0) <= parent.when - event.when <= ONE_ACTION:
                parent.carried[str(level.model._meta.verbose_name)] += 1
                parent.carried.update(event.carried)
                folded.add(event.key)
    return [event for event in events if event.kind != "deleted" or event.key not in folded]


def _combine(events):
    """Entries of one action together, oldest first: the renumbering after a deletion goes
    with it, moves in a row are one entry, and a build takes in the plan's creation or
    the old tree an import replaced."""
    combined = []
    for event in events:
        last = combined[-1] if combined else None
        if event.kind == "moved" and _same_action(last, event, {"deleted", "moved"}):
            if last.kind == "moved":
                last.item = f"{last.item}; {event.item}"
            continue
        if event.kind == "build":
            kinds = {"created", "settings", "deleted", "moved"}
            while _same_action(combined[-1] if combined else None, event, kinds):
                earlier = combined.pop()
                if earlier.kind == "created":
                    event.item = _("Rencana aksi versi %(version)s dibuat") % {
                        "version": event.version
                    }
                elif earlier.kind == "settings":
                    event.changes = earlier.changes + event.changes
                elif earlier.kind == "deleted":
                    event.carried[str(earlier.key[0]._meta.verbose_name)] += 1
                    event.carried.update(earlier.carried)
        combined.append(event)
    return combined


def _same_action(earlier, event, kinds):
    return (
        earlier is not None
        and earlier.kind in kinds
        and earlier.plan_id == event.plan_id
        # a plan and its tree are created in one transaction, whoever is named on each
        and (earlier.user_id == event.user_id or earlier.kind == "created")
        and event.when - earlier.when <= ONE_ACTION
    )


def _shown(model, hidden):
    """The fields a person reads: content, not keys, counters or derived columns."""
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in hidden and f.editable and hasattr(model.history.model, f.attname)
    ]


def _diff(fields, before, after, names):
    changes = [
        _change(f, getattr(before, f.attname), getattr(after, f.attname), names)
        for f in fields
        if not _same(getattr(before, f.attname), getattr(after, f.attname))
    ]
    if hasattr(after, MONTH_FIELDS[0]):
        old, new = set(_months(before)), set(_months(after))
        if old != new:
            changes.append(
                Change(
                    _("Jadwal"),
                    added=_month_names(new - old),
                    removed=_month_names(old - new),
                )
            )
    return changes


def _same(before, after):
    """Equal, or texts that differ only in spacing (a form posts its line breaks as CRLF)."""
    if isinstance(before, str) and isinstance(after, str):
        return before.split() == after.split()
    return before == after


def _values(fields, record, names):
    """What a new item was given, leaving out its label and what is left at the default."""
    changes = [
        Change(capfirst(f.verbose_name), after=_show(f, getattr(record, f.attname), names))
        for f in fields
        if f.name not in {"text", "title"}
        and getattr(record, f.attname) not in (None, "", f.get_default())
    ]
    if _months(record):
        changes.append(Change(_("Jadwal"), after=_month_names(_months(record))))
    return changes


def _change(f, before, after, names):
    return Change(capfirst(f.verbose_name), _show(f, before, names), _show(f, after, names))


def _months(record):
    return [m for m, name in enumerate(MONTH_FIELDS, 1) if getattr(record, name, False)]


def _month_names(months):
    return ", ".join(MONTH_NAMES[month - 1] for month in sorted(months))


def _show(f, value, names):
    """``value`` of field ``f`` as a person reads it."""
    if value is None or value == "" or value == [] or value == {}:
        return "-"
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(f, models.BooleanField):
        return _("Ya") if value else _("Tidak")
    if f.name == "biaya":
        return format_rupiah(value)
    if f.name == "month_amounts" and isinstance(value, dict):
        return "; ".join(
            f"{MONTH_NAMES[int(month) - 1]} {format_rupiah(amount)}"
            for month, amount in value.items()
        )
    if f.is_relation:
        return names.ref(f.related_model, value)
    if isinstance(f, models.DateTimeField):
        return date_format(timezone.localtime(value), "j F Y H:i")
    if isinstance(f, models.DateField):
        return date_format(value, "j F Y")
    if f.name == "columns":
        return ", ".join(capfirst(layouts.COLUMN_LABELS.get(key, key).lower()) for key in value)
    if f.name == "column_labels":
        return "; ".join(
            f"{capfirst(layouts.COLUMN_LABELS.get(key, key).lower())}: {label}"
            for key, label in value.items()
        )
    return str(value)


def _label(record, model, names):
    """The item as its row reads: its text (a line without one: its kegiatan's)."""
    text = " ".join(filter(None, [getattr(record, "number", ""), record.text]))
    if not text.strip() and model is TREE[-1].model:
        return names.ref(TREE[-2].model, record.kegiatan_id)
    return _shorten(text) or "-"


def _shorten(text):
    text = (text or "").strip().splitlines()[0] if (text or "").strip() else ""
    return text[:LABEL_LENGTH] + ("…" if len(text) > LABEL_LENGTH else "")


class Names:
    """The text of the objects references point at, read in one query per model once
    every reference of the history is known."""

    def __init__(self):
        self.wanted = defaultdict(set)
        self.found = {}

    def ref(self, model, pk):
        self.wanted[model].add(pk)
        return Ref(self, model, pk)

    def fetch(self):
        tree = {level.model for level in TREE}
        for model, pks in self.wanted.items():
            objects = model.objects.filter(pk__in=pks)
            if model in tree:
                rows = objects.values_list("pk", "text")
            else:
                rows = [(obj.pk, str(obj)) for obj in objects]
            self.found[model] = {pk: _shorten(text) for pk, text in rows}


@dataclass
class Ref:
    """A referenced object, shown by its text (or as deleted)."""

    names: Names
    model: type
    pk: int

    def __str__(self):
        return self.names.found.get(self.model, {}).get(self.pk) or _("(sudah dihapus)")
