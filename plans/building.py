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
        model.objects.bulk_create(nodes, batch_size=500)
        if children_key is None:
            return len(nodes)
        items = [
            (node, child)
            for node, (_, data) in zip(nodes, items, strict=True)
            for child in data.get(children_key, [])
        ]
    return 0


def _sasaran_strategis(data):
    return SasaranStrategis(
        number=data.get("number", ""), program=data.get("program", ""), text=data["text"]
    )


def _sasaran_program(data):
    return SasaranProgram(text=data.get("text", ""))


def _indikator(data):
    indikator = IndikatorKinerja(
        text=data["text"],
        target=data.get("target", ""),
        **{field: data.get(field, "") for field in TW_FIELDS},
    )
    indikator.set_target_figures()
    return indikator


def _kegiatan(data):
    return Kegiatan(text=data["text"])


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
    return line


def tree_data(tree):
    """The nested form of a loaded tree (``plans.matrix.load_tree``): the inverse of
    ``build_tree``, used to copy a plan to another year or version."""
    return [
        {
            "number": sasaran.number,
            "program": sasaran.program,
            "text": sasaran.text,
            "sasaran_program": [
                {
                    "text": program.text,
                    "indikator": [
                        {
                            "text": indikator.text,
                            "target": indikator.target,
                            **{name: getattr(indikator, name) for name in TW_FIELDS},
                            "kegiatan": [
                                {
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
        "text": line.text,
        "months": line.months,
        "biaya": line.biaya,
        "akun": line.akun,
        "ket": line.ket,
        "indikator_span": line.indikator_span,
    }
