"""Satkers, their Rencana Aksi and the matrix tree of each plan.

``satker``: work units and users' roles; ``plan``: a plan's versions and workflow steps;
``tree``: the matrix tree and ``TREE``, the one description of its levels.
"""

from plans.models.plan import RencanaAksi, RencanaAksiQuerySet, StatusChange
from plans.models.satker import Satker, SatkerRole
from plans.models.tree import (
    LEVELS,
    TREE,
    IndikatorKinerja,
    Kegiatan,
    Level,
    NodeQuerySet,
    PlanNode,
    RencanaKegiatan,
    SasaranProgram,
    SasaranStrategis,
    level_below,
    level_of,
    path_between,
)

__all__ = [
    "LEVELS",
    "TREE",
    "IndikatorKinerja",
    "Kegiatan",
    "Level",
    "NodeQuerySet",
    "PlanNode",
    "RencanaAksi",
    "RencanaAksiQuerySet",
    "RencanaKegiatan",
    "SasaranProgram",
    "SasaranStrategis",
    "Satker",
    "SatkerRole",
    "StatusChange",
    "level_below",
    "level_of",
    "path_between",
]
