"""What changed between two versions of a plan, line by line.

Lines are matched on ``uid``, which a revision copies from the version it revises, so an
edited line shows as changed rather than as one removed and one added.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from plans.matrix import load_tree
from plans.models import TREE

COMPARED = ["text", "kegiatan", "indikator", "target", "months", "biaya", "akun"]
LABELS = {
    "text": _("Rencana kegiatan"),
    "kegiatan": _("Kegiatan"),
    "indikator": _("Indikator"),
    "target": _("Target"),
    "months": _("Bulan"),
    "biaya": _("Perkiraan biaya"),
    "akun": _("Akun"),
}


@dataclass
class LineChange:
    uid: object
    before: dict | None
    after: dict | None
    fields: list = field(default_factory=list)  # names of COMPARED that differ

    @property
    def differences(self):
        """``(label, name, before, after)`` for each field that differs."""
        return [(LABELS[name], name, self.before[name], self.after[name]) for name in self.fields]


@dataclass
class Comparison:
    old: object
    new: object
    added: list
    removed: list
    changed: list
    total_before: int
    total_after: int

    @property
    def has_changes(self):
        return bool(self.added or self.removed or self.changed)


def line_facts(tree):
    """``{uid: {text, kegiatan, indikator, target, months, biaya, akun}}`` in print order."""
    facts = {}
    for line in tree.nodes(TREE[-1]):
        owner = line.kegiatan.indikator
        facts[line.uid] = {
            "text": line.text or line.kegiatan.text,
            "kegiatan": line.kegiatan.text,
            "indikator": owner.text,
            "target": owner.target,
            "months": line.months,
            "biaya": line.biaya,
            "akun": line.akun,
        }
    return facts


def compare_versions(old, new):
    before, after = line_facts(load_tree(old)), line_facts(load_tree(new))
    position = {uid: index for index, uid in enumerate(after)}
    changed = []
    for uid in before.keys() & after.keys():
        names = [name for name in COMPARED if before[uid][name] != after[uid][name]]
        if names:
            changed.append(LineChange(uid, before[uid], after[uid], names))
    return Comparison(
        old=old,
        new=new,
        added=[LineChange(uid, None, after[uid]) for uid in after if uid not in before],
        removed=[LineChange(uid, before[uid], None) for uid in before if uid not in after],
        changed=sorted(changed, key=lambda change: position[change.uid]),
        total_before=sum(facts["biaya"] or 0 for facts in before.values()),
        total_after=sum(facts["biaya"] or 0 for facts in after.values()),
    )
