"""What a plan still lacks before the secretary can sign it: the check a planner sees before
submitting and the secretary sees on a submitted plan, each gap linking to its row."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from plans.matrix import load_tree
from plans.models import LEVELS


@dataclass(frozen=True)
class Gap:
    message: str
    anchor: str  # the id of the matrix cell or row it is about

    @property
    def href(self):
        return f"#{self.anchor}"


def find_gaps(plan, tree=None):
    """The gaps of ``plan`` in print order: a sasaran without any kegiatan, an indicator
    without a target, a line without text (where the layout has the column) or without
    months, and - in layouts that print both - a cost without an akun."""
    tree = tree or load_tree(plan)
    shown = set(plan.columns)
    gaps = []
    for sasaran in tree.roots:
        indicators = [ik for sp in tree.children(sasaran) for ik in tree.children(sp)]
        if not any(tree.children(ik) for ik in indicators):
            gaps.append(
                Gap(_("Sasaran %(n)s belum punya kegiatan.") % _n(sasaran), f"sasaran-{sasaran.pk}")
            )
        for indikator in indicators:
            if "target" in shown and not indikator.target:
                text = _short(indikator.text)
                gaps.append(
                    Gap(
                        _("Indikator “%(t)s” belum punya target.") % {"t": text},
                        f"indikator-{indikator.pk}",
                    )
                )
    for line in tree.nodes(LEVELS["baris"]):
        anchor = f"baris-{line.pk}"
        if "rencana_kegiatan" in shown and not line.text.strip():
            gaps.append(
                Gap(
                    _("Sebuah rencana kegiatan di “%(t)s” belum punya uraian.")
                    % {"t": _short(line.kegiatan.text)},
                    anchor,
                )
            )
        if "bulan" in shown and not line.months:
            gaps.append(
                Gap(
                    _("“%(t)s” belum dijadwalkan pada bulan mana pun.") % {"t": _short(str(line))},
                    anchor,
                )
            )
        if {"biaya", "akun"} <= shown and line.biaya and not line.akun:
            gaps.append(
                Gap(
                    _("“%(t)s” punya biaya tetapi belum punya akun.") % {"t": _short(str(line))},
                    anchor,
                )
            )
    return gaps


def _n(sasaran):
    return {"n": sasaran.number.rstrip(".") or _short(sasaran.text)}


def _short(text, length=60):
    text = " ".join(str(text).split())
    return text if len(text) <= length else text[: length - 1] + "…"
