"""Write a whole plan tree from nested data in a fixed number of queries.

The nested form is what the demo fixtures hold and what the importer produces::

    {"number": "1.", "program": "", "text": "...", "sasaran_program": [
        {"text": "...", "indikator": [
            {"text": "...", "target": "97,5%", "kegiatan": [
                {"text": "...", "lines": [
                    {"text": "...", "months": [1, 2], "biaya": 8378000, "akun": "3358.EBC.954.A",
                     "ket": "", "indikator_span": 1}]}]}]}]}

One ``bulk_create`` per level, so a 2,700-line plan costs five inserts, not thousands.
"""

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from plans.models import (
    IndikatorKinerja,
    Kegiatan,
    RencanaKegiatan,
    SasaranProgram,
    SasaranStrategis,
)

TW_FIELDS = ["target_tw1", "target_tw2", "target_tw3", "target_tw4"]


@transaction.atomic
def build_tree(plan, sasaran_strategis):
    """Create the nodes below ``plan`` from nested dicts; returns the number of lines."""
    levels = [
        (SasaranStrategis, None, "sasaran_program", _sasaran_strategis),
        (SasaranProgram, "sasaran_strategis", "indikator", _sasaran_program),
        (IndikatorKinerja, "sasaran_program", "kegiatan", _indikator),
        (Kegiatan, "indikator", "lines", _kegiatan),
        (RencanaKegiatan, "kegiatan", None, _line),
    ]
    items = [(None, data) for data in sasaran_strategis]
    for model, parent_field, children_key, make in levels:
        nodes = []
        orders = {}
        for parent, data in items:
            order = orders[id(parent)] = orders.get(id(parent), 0) + 1
            node = make(data)
            node.plan = plan
            node.order = order
            if parent_field:
                setattr(node, parent_field, parent)
            nodes.append(node)
        bulk_create_with_history(nodes, model, batch_size=500)
        if children_key is None:
            return len(nodes)
        items = [
            (node, child)
            for node, (_, data) in zip(nodes, items, strict=True)
            for child in data.get(children_key, [])
        ]
    return 0


def _sasaran_strategis(data):
    return _with_uid(
        SasaranStrategis(
            number=data.get("number", ""), program=data.get("program", ""), text=data["text"]
        ),
        data,
    )


def _sasaran_program(data):
    return _with_uid(SasaranProgram(text=data.get("text", "")), data)


def _indikator(data):
    indikator = IndikatorKinerja(
        text=data["text"],
        target=data.get("target", ""),
        **{field: data.get(field, "") for field in TW_FIELDS},
    )
    indikator.set_target_figures()
    return _with_uid(indikator, data)


def _kegiatan(data):
    return _with_uid(Kegiatan(text=data["text"]), data)


def _line(data):
    line = RencanaKegiatan(
        text=data.get("text", ""),
        biaya=data.get("biaya"),
        akun=data.get("akun", ""),
        ket=data.get("ket", ""),
        indikator_span=data.get("indikator_span", 1),
    )
    line.months = data.get("months", [])
    line.set_akun_parts()
    return _with_uid(line, data)


def _with_uid(node, data):
    """Copies keep the uid of what they copy, so versions can be compared item by item."""
    if data.get("uid"):
        node.uid = data["uid"]
    return node


def tree_data(tree):
    """The nested form of a loaded tree (``plans.matrix.load_tree``): the inverse of
    ``build_tree``, used to copy a plan to another year or version."""
    return [
        {
            "uid": sasaran.uid,
            "number": sasaran.number,
            "program": sasaran.program,
            "text": sasaran.text,
            "sasaran_program": [
                {
                    "uid": program.uid,
                    "text": program.text,
                    "indikator": [
                        {
                            "uid": indikator.uid,
                            "text": indikator.text,
                            "target": indikator.target,
                            **{name: getattr(indikator, name) for name in TW_FIELDS},
                            "kegiatan": [
                                {
                                    "uid": kegiatan.uid,
                                    "text": kegiatan.text,
                                    "lines": [
                                        _line_data(line) for line in tree.lines.get(kegiatan.pk, [])
                                    ],
                                }
                                for kegiatan in tree.kegiatan.get(indikator.pk, [])
                            ],
                        }
                        for indikator in tree.indikator.get(program.pk, [])
                    ],
                }
                for program in tree.programs.get(sasaran.pk, [])
            ],
        }
        for sasaran in tree.sasaran_strategis
    ]


def _line_data(line):
    return {
        "uid": line.uid,
        "text": line.text,
        "months": line.months,
        "biaya": line.biaya,
        "akun": line.akun,
        "ket": line.ket,
        "indikator_span": line.indikator_span,
    }
