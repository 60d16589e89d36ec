"""A satker's pagu for a year: its lines rolled up the code path, and the one way to change it.

The DIPA/POK lines are leaves of the code tree kegiatan → KRO → RO → komponen → subkomponen
→ akun; every higher level is a sum, computed here in Python from one query. Lines never
overlap (the form and the import refuse a code under or above another line's code), and
should old data hold one, the line with lines below it is taken as their subtotal and not
added again - the same rule as ``budgets.checks``.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from budgets.access import can_change_budget
from budgets.akun import LEVEL_NAMES, LEVELS, AkunCode, jenis_belanja_name
from budgets.models import Pagu, PaguLine


@dataclass
class Node:
    """One node of the rolled-up pagu.

    ``level`` is one of ``budgets.akun.LEVELS``; ``code`` this level's own part (``"EBC"``),
    "" when the lines below do not name it (``3358.EBC.954.A`` has no komponen); ``kode`` the
    path text down to here with unknown levels left out (``"3358.EBC"``); ``total`` the sum of
    the lines at and below it; ``lines`` the pagu lines whose code ends exactly here;
    ``children`` the nodes one level down, ordered by code.
    """

    level: str
    code: str
    kode: str
    depth: int
    total: int = 0
    uraian: str = ""
    children: list = field(default_factory=list)
    lines: list = field(default_factory=list)
    _index: dict = field(default_factory=dict, repr=False)

    @property
    def level_name(self):
        return LEVEL_NAMES[self.level]

    @property
    def jenis_belanja(self):
        """``"52"`` on an akun node, "" above."""
        return self.code[:2] if self.level == "akun" else ""

    def child(self, level, code, kode):
        node = self._index.get(code)
        if node is None:
            node = self._index[code] = Node(level, code, kode, self.depth + 1)
            self.children.append(node)
        return node


@dataclass
class Rollup:
    """The pagu as a tree and as sums.

    ``roots``: the kegiatan nodes (``Node``); ``total``: the sum of every line; ``totals``:
    ``{path text: sum}`` for every known prefix of every line's code (``"3358"``,
    ``"3358.EBC"``, ``"3358.EBC.954"``, ``"3358.EBC.954.051"``, ``"3358.EBC.954.051.A"``,
    ``"3358.EBC.954.051.A.521211"``; a line ``3358.EBC.954.A`` counts under ``"3358.EBC.954"``
    and ``"3358.EBC.954.A"``); ``by_jenis``: ``{"52": sum, ...}`` by the akun's first two
    digits (``""`` for lines without an akun); ``line_count``: lines counted; ``subtotals``:
    lines not added because other lines lie below them (none in data this app writes).
    """

    roots: list = field(default_factory=list)
    total: int = 0
    totals: dict = field(default_factory=dict)
    by_jenis: dict = field(default_factory=dict)
    line_count: int = 0
    subtotals: list = field(default_factory=list)

    def walk(self):
        """Every node depth first, parents before their children: the rows of the page."""
        stack = list(reversed(self.roots))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def add_names(self, names):
        """Name the nodes still without an uraian from ``names`` ({path text: uraian})."""
        _order_and_name(self.roots, names)

    def total_of(self, kode):
        """The pagu under the path text ``kode`` (0 when no line lies under it)."""
        return self.totals.get(kode, 0)

    def jenis_rows(self):
        """``[(jenis, name, sum)]`` ordered by jenis, for the summary table."""
        return [
            (jenis, jenis_belanja_name(jenis) or _("Tanpa akun"), amount)
            for jenis, amount in sorted(self.by_jenis.items())
        ]


def _get(line, name):
    return line[name] if isinstance(line, dict) else getattr(line, name)


def rollup(pagu_or_lines, names=None):
    """Roll the lines up the code path; returns a ``Rollup`` (see its docstring).

    ``pagu_or_lines``: a ``Pagu`` (its lines are read in one query), or any iterable of
    lines - ``PaguLine``, ``RealisasiAnggaran`` or dicts - with the six parts ``kegiatan``,
    ``kro``, ``ro``, ``komponen``, ``subkomponen``, ``akun`` (as ``BudgetCodeParts`` stores
    them), ``jumlah`` and optionally ``kode`` and ``uraian``. ``names``: ``{path text:
    uraian}`` naming the higher nodes (e.g. from the akun catalogue); a node with exactly one
    line ending on it takes that line's uraian.
    """
    if isinstance(pagu_or_lines, Pagu):
        pagu_or_lines = pagu_or_lines.lines.order_by("kode")
    lines = list(pagu_or_lines)
    paths = [tuple(_get(line, level) or "" for level in LEVELS) for line in lines]
    above = set()  # path prefixes that have another line below them
    for path in paths:
        depth = _depth(path)
        above.update(path[:cut] for cut in range(1, depth))
    result = Rollup()
    top = Node("", "", "", -1)
    for line, path in zip(lines, paths, strict=True):
        depth = _depth(path)
        if depth == 0:
            continue  # no code parts: not a line this app stores
        if path[:depth] in above:
            result.subtotals.append(line)
            continue
        amount = _get(line, "jumlah") or 0
        result.total += amount
        result.line_count += 1
        jenis = path[5][:2]
        result.by_jenis[jenis] = result.by_jenis.get(jenis, 0) + amount
        code = AkunCode(*path)
        node = top
        for index in range(depth):
            level = LEVELS[index]
            node = node.child(level, path[index], ".".join(p for p in path[: index + 1] if p))
            node.total += amount
            if path[index]:
                prefix = code.prefix(level)
                result.totals[prefix] = result.totals.get(prefix, 0) + amount
        node.lines.append(line)
    result.roots = top.children
    _order_and_name(result.roots, names or {})
    return result


def _depth(path):
    """How many levels the path reaches (its deepest known part)."""
    return max((index + 1 for index, part in enumerate(path) if part), default=0)


def _order_and_name(nodes, names):
    # "" (a level the code does not name) after the named codes of the same level
    nodes.sort(key=lambda node: (node.code == "", node.code))
    for node in nodes:
        if len(node.lines) == 1 and not node.children:
            node.uraian = _get(node.lines[0], "uraian") if _has(node.lines[0], "uraian") else ""
        if not node.uraian and node.code:
            node.uraian = names.get(node.kode, "")
        _order_and_name(node.children, names)


def _has(line, name):
    return name in line if isinstance(line, dict) else hasattr(line, name)


def overlapping(pagu, code, exclude=None):
    """A line of ``pagu`` whose code lies under or above ``code`` (an ``AkunCode``), or the
    line with the same code; None when the code fits beside the others. One query."""
    candidates = PaguLine.objects.filter(pagu=pagu)
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude.pk)
    path = code.path()
    for line in candidates.only("pk", "kode", *LEVELS):
        other = tuple(getattr(line, level) for level in LEVELS)
        if other == path or _under(other, path) or _under(path, other):
            return line
    return None


def _under(path, parent):
    """True when ``path`` lies strictly below ``parent``: it goes deeper and starts with the
    same parts, unknown ones included (``3358.EBC.954.A`` is not above ``…954.051.A``)."""
    depth = _depth(parent)
    return _depth(path) > depth and path[:depth] == parent[:depth]


@contextmanager
def locked_pagu(satker, year, user=None):
    """A transaction in which the satker's pagu for ``year`` exists and is locked (created
    when missing); yields the locked ``Pagu``. With ``user``, their right to change the
    budget is checked again inside (``PermissionDenied``, nothing written)."""
    with transaction.atomic():
        if user is not None and not can_change_budget(user, satker):
            raise PermissionDenied(_("Anda hanya dapat membaca anggaran satker ini."))
        pagu, _created = Pagu.objects.get_or_create(satker=satker, year=year)
        locked = Pagu.objects.select_for_update(of=("self",)).get(pk=pagu.pk)
        yield locked
        if user is not None and user.is_authenticated:
            locked.updated_by = user
        locked.save()


def find_pagu(satker, year):
    """The satker's pagu for ``year``, or None."""
    return Pagu.objects.filter(satker=satker, year=year).first()
