"""Plan lines against the pagu, with no database: the rules of the pagu checks.

The pagu's lines form a code tree: every prefix of a line's code path is a node
(``3358`` → ``3358.EBC`` → ``3358.EBC.954`` → ``3358.EBC.954.051`` → ``…051.A`` →
``…051.A.521211``). A leaf's pagu is its line's ``jumlah``; a node's pagu is the sum of its
children (a pagu line whose code has lines below it is a subtotal and is not added again).

**Where a line counts.** Its code names some levels and leaves others unknown
(``3358.EBC.954.A``: komponen unknown; ``521211``: only the akun). It counts at the deepest
pagu node that agrees with every level it names, down to its deepest named level:

- exactly one node fits → counted there (``MATCHED``; also when that node is a pagu leaf and
  the line's code goes deeper than the pagu is detailed);
- several fit (``3358.EBC.954.A`` against ``…954.051.A`` and ``…954.052.A``) → counted at
  their deepest common node, here RO ``3358.EBC.954`` (``SHARED``; a bare akun found under two
  kegiatan counts only in the total);
- none fits → the deepest named level is dropped and the search repeats: ``3358.EBC.954.Z``
  counts at RO 954 and is listed as a code the pagu does not have (``PARTIAL``);
- nothing fits at all → ``UNMATCHED``; a line without code is ``NO_CODE``, an unreadable code
  ``INVALID``.

**Groups** are the nodes where lines were counted; a group's plan amount is every line
counted at it or below it. The root, ``TOTAL``, is always a group: the plan total (every line,
unmatched ones included) against the pagu total.

**Over pagu** is reported only where the excess shows first: walking up, each group is
compared with the excess already reported below it (the larger of its own excess and that
sum is carried up). A group is reported when its excess (plan − pagu) exceeds what is
already reported below it; ``unexplained`` is that difference, so the reported
``unexplained`` amounts add up without counting any rupiah twice. Subkomponen A over by 20
with RO 954 over by 10 reports only A; a line counted at RO 954 that raises its excess to 40
reports RO 954 too (20 unexplained).

**Pagu with no line** lists the highest nodes with pagu above zero that no line with a cost
reaches: none counted at the node, below it, or at an ancestor (the root excepted).
"""

from dataclasses import dataclass, field
from functools import cached_property

from budgets.akun import LEVEL_NAMES, LEVELS, AkunError, parse_akun

TOTAL = "TOTAL"
MATCHED, SHARED, PARTIAL = "matched", "shared", "partial"
UNMATCHED, NO_CODE, INVALID = "unmatched", "no_code", "invalid"


@dataclass(eq=False)
class Node:
    """One node of the pagu's code tree, with the plan counted against it."""

    code: str
    level: str
    parts: tuple = ()  # ((level, value), ...) from the top
    parent: "Node | None" = None
    children: dict = field(default_factory=dict)
    uraian: str = ""
    own: int | None = None  # the jumlah of a pagu line with exactly this code
    pagu: int = 0
    plan: int = 0  # every line counted here or below
    lines: list = field(default_factory=list)  # the LineMatch counted exactly here
    excess: int = 0
    unexplained: int = 0

    @cached_property
    def part_map(self):
        return dict(self.parts)

    @property
    def level_name(self):
        return LEVEL_NAMES.get(self.level, "Total")

    @property
    def is_total(self):
        return self.code == TOTAL

    @property
    def is_group(self):
        return self.is_total or bool(self.lines)

    @property
    def over(self):
        return self.unexplained > 0

    @property
    def left(self):
        """The pagu the plan leaves unspent (0 when over)."""
        return max(0, self.pagu - self.plan)

    def ordered_children(self):
        return [self.children[key] for key in sorted(self.children, key=_part_order)]

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


@dataclass(frozen=True, eq=False)
class LineMatch:
    """Where one plan line counts: ``node`` (None when nowhere) and why (``kind``)."""

    line: object
    code: str
    amount: int
    node: Node | None
    kind: str


@dataclass(eq=False)
class Comparison:
    """The result of ``compare``: the tree's root (``total``) and every line's match."""

    total: Node
    matches: list

    @cached_property
    def groups(self):
        """Nodes where lines were counted, in code order (the total not included)."""
        return [node for node in _walk(self.total) if node.lines and not node.is_total]

    @cached_property
    def over(self):
        """Groups (the total included, last) to be explained, deepest first in code order."""
        return [node for node in [*self.groups, self.total] if node.over]

    @property
    def over_amount(self):
        """The excess of every reported group, no rupiah counted twice."""
        return sum(node.unexplained for node in self.over)

    @cached_property
    def uncovered(self):
        return _uncovered(self.total)

    @property
    def uncovered_amount(self):
        return sum(node.pagu for node in self.uncovered)

    @cached_property
    def unmatched(self):
        """Lines whose code matches no pagu at all, and lines with a cost but no code."""
        return [
            match
            for match in self.matches
            if match.kind in (UNMATCHED, INVALID) or (match.kind == NO_CODE and match.amount)
        ]

    @cached_property
    def partial(self):
        """Lines counted at a higher node because the pagu lacks the rest of their code."""
        return [match for match in self.matches if match.kind == PARTIAL]

    @cached_property
    def not_in_pagu(self):
        """Unmatched and partial lines together, in the plan's order."""
        listed = set(self.unmatched)
        return [match for match in self.matches if match in listed or match.kind == PARTIAL]

    @cached_property
    def shared(self):
        """Lines whose code fits several pagu paths, counted at their common node."""
        return [match for match in self.matches if match.kind == SHARED]

    @property
    def plan_total(self):
        return self.total.plan

    @property
    def pagu_total(self):
        return self.total.pagu


def compare(lines, pagu_lines):
    """Compare plan ``lines`` (objects or dicts with ``akun`` text and ``biaya``) with
    ``pagu_lines`` (with ``kode`` or the six level parts, and ``jumlah``); see the module's
    docstring for the rules. Returns a ``Comparison``."""
    root = _pagu_tree(pagu_lines)
    index = {}
    for node in _walk(root):
        if node.parts:
            index.setdefault(node.parts[-1], []).append(node)
    located = {}  # by the code's text: plans repeat a few dozen codes over many lines
    matches = [_match(line, index, root, located) for line in lines]
    for match in matches:
        root.plan += match.amount
        if match.node is None:
            continue
        match.node.lines.append(match)
        if not match.node.is_total:
            match.node.plan += match.amount
            for ancestor in match.node.ancestors():
                if not ancestor.is_total:
                    ancestor.plan += match.amount
    _judge(root)
    return Comparison(root, matches)


def _get(item, name, default=None):
    if isinstance(item, dict):
        return item.get(name, default)
    return getattr(item, name, default)


def _part_order(part):
    level, value = part
    return (LEVELS.index(level), value)


def _walk(node):
    yield node
    for child in node.ordered_children():
        yield from _walk(child)


def _pagu_path(item):
    """The named levels of a pagu line: its stored parts, else its parsed ``kode``."""
    stored = [(level, _get(item, level) or "") for level in LEVELS]
    if any(value for _, value in stored):
        return tuple(part for part in stored if part[1])
    try:
        code = parse_akun(_get(item, "kode") or "")
    except AkunError:
        return ()
    return tuple((level, value) for level, value in zip(LEVELS, code.path(), strict=True) if value)


def _pagu_tree(pagu_lines):
    root = Node(TOTAL, "total")
    unplaced = 0  # lines whose code cannot be read still count in the total
    for item in pagu_lines:
        jumlah = int(_get(item, "jumlah") or 0)
        path = _pagu_path(item)
        if not path:
            unplaced += jumlah
            continue
        node = root
        for depth, part in enumerate(path, start=1):
            if part not in node.children:
                code = ".".join(value for _, value in path[:depth])
                node.children[part] = Node(code, part[0], path[:depth], parent=node)
            node = node.children[part]
        node.own = (node.own or 0) + jumlah
        node.uraian = _get(item, "uraian") or node.uraian
    _sum_pagu(root)
    root.pagu += unplaced
    return root


def _sum_pagu(node):
    if node.children:
        node.pagu = sum(_sum_pagu(child) for child in node.children.values())
    else:
        node.pagu = node.own or 0
    return node.pagu


def _match(line, index, root, located):
    text = (_get(line, "akun") or "").strip()
    amount = int(_get(line, "biaya") or 0)
    if not text or text == "-":
        return LineMatch(line, "", amount, None, NO_CODE)
    if text not in located:
        try:
            code = parse_akun(text)
        except AkunError:
            located[text] = (text, None, INVALID)
        else:
            located[text] = (str(code), *_locate(code.path(), index, root))
    code, node, kind = located[text]
    return LineMatch(line, code, amount, node, kind)


def _locate(path, index, root):
    """The node a code path counts at and why (see the module's docstring)."""
    named = [(level, value) for level, value in zip(LEVELS, path, strict=True) if value]
    for depth in range(len(named), 0, -1):
        wanted = named[:depth]
        fits = [node for node in index.get(wanted[-1], ()) if _fits(node, wanted)]
        if not fits:
            continue
        node = fits[0] if len(fits) == 1 else _common(fits, root)
        if depth < len(named) and node.children:
            return node, PARTIAL
        return node, SHARED if len(fits) > 1 else MATCHED
    return None, UNMATCHED


def _fits(node, wanted):
    parts = node.part_map
    return all(parts.get(level) == value for level, value in wanted)


def _common(nodes, root):
    """The deepest node above or at every one of ``nodes`` (the root when none other)."""
    chains = [[*reversed(list(node.ancestors())), node] for node in nodes]
    common = root
    for level_nodes in zip(*chains, strict=False):
        if all(node is level_nodes[0] for node in level_nodes):
            common = level_nodes[0]
        else:
            break
    return common


def _judge(node):
    """Sets ``excess`` and ``unexplained`` below and at ``node``; returns the excess already
    reported within it (carried up to its ancestors)."""
    below = sum(_judge(child) for child in node.children.values())
    if not node.is_group:
        return below
    node.excess = max(0, node.plan - node.pagu)
    node.unexplained = max(0, node.excess - below)
    return max(node.excess, below)


def _uncovered(root):
    found = []

    def walk(node):
        for child in node.ordered_children():
            if any(match.amount for match in child.lines):
                continue  # a line counted here covers everything below it
            if child.plan > 0:
                walk(child)
            elif child.pagu > 0:
                found.append(child)

    walk(root)
    return found
