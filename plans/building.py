"""Write a whole plan tree from nested data in a fixed number of queries, and read it back.

The nested form is what the demo fixtures hold and what the importer produces; its keys
are the tree description's (``plans.models.TREE``: each level's ``fields`` and the key of
its ``children``)::

    {"number": "1.", "program": "", "text": "...", "sasaran_program": [
        {"text": "...", "indikator": [
            {"text": "...", "target": "97,5%", "kegiatan": [
                {"text": "...", "lines": [
                    {"text": "...", "months": [1, 2], "biaya": 8378000, "akun": "3358.EBC.954.A",
                     "ket": "", "indikator_span": 1}]}]}]}]}

A few multi-row inserts per level (``plans.bulk``), so a 2,700-line plan costs tens of
statements, not thousands, and no per-value preparation by the ORM.

The history of a build is one entry: a record of the plan whose change reason says where
the tree came from and how many lines it has (``Disalin dari versi 1, 45 baris``). Each
node's first version is still written, in bulk and tagged with the same note, because a
later edit of the node is shown against it; ``plans.history`` leaves the tagged rows out.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from plans.bulk import insert_with_history
from plans.models import TREE, RencanaAksi, level_below

# The nested form comes from a file unless a copy says otherwise: a workbook, a fixture.
IMPORTED = gettext_lazy("Diimpor dari berkas")
REASON_LENGTH = 100  # django-simple-history's history_change_reason column


@transaction.atomic
def build_tree(plan, sasaran_strategis, note=IMPORTED, by=None):
    """Create the nodes below ``plan`` from nested dicts; returns the number of lines.

    ``note`` says where they came from, ``by`` who built them (else the request's user)."""
    when, note = timezone.now(), str(note)[: REASON_LENGTH - 20]
    items = [(None, data) for data in sasaran_strategis]
    nodes = []
    for level in TREE:
        nodes, orders = [], {}
        for parent, data in items:
            order = orders[id(parent)] = orders.get(id(parent), 0) + 1
            node = _node(level, data)
            node.plan, node.order = plan, order
            if level.parent_field:
                setattr(node, level.parent_field, parent)
            nodes.append(node)
        insert_with_history(level.model, nodes, user=by, reason=note, when=when)
        items = [
            (node, child)
            for node, (_, data) in zip(nodes, items, strict=True)
            for child in (data.get(level.children, []) if level.children else [])
        ]
    summary = gettext("%(note)s, %(lines)s baris") % {"note": note, "lines": len(nodes)}
    RencanaAksi.history.bulk_history_create(
        [plan], update=True, default_user=by, default_change_reason=summary, default_date=when
    )
    return len(nodes)


def _node(level, data):
    """A node of ``level`` from its data; copies keep the ``uid`` of what they copy, so
    versions can be compared item by item."""
    node = level.model()
    for name in level.fields:
        if name in data:
            setattr(node, name, data[name])
    if data.get("uid"):
        node.uid = data["uid"]
    return node.prepare()


def tree_data(tree):
    """The nested form of a loaded tree (``plans.matrix.load_tree``): the inverse of
    ``build_tree``, used to copy a plan to another year or version."""
    return [_data(tree, TREE[0], node) for node in tree.roots]


def _data(tree, level, node):
    data = {"uid": node.uid, **{name: getattr(node, name) for name in level.fields}}
    if level.children:
        below = level_below(level)
        data[level.children] = [_data(tree, below, child) for child in tree.children(node)]
    return data
