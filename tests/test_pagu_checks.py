"""The pagu checks' rules (``budgets.checks.compare``), table-driven with figures computed by
hand from the pagu below.

PAGU (Rp juta): 3358.EBC.954.051.A.521211 10, …051.A.524111 5, …051.B.521211 8,
3358.EBC.954.052.A.521211 4, 6709.QGE.004.051.A.521211 3, 6871.QGE.001.051.A.521211 2;
total 32. Roll-ups: sub A of 051 = 15, komponen 051 = 23, RO 954 = 27, 6709… = 3, 6871… = 2.
"""

import pytest

from budgets.checks.compare import (
    INVALID,
    MATCHED,
    NO_CODE,
    PARTIAL,
    SHARED,
    TOTAL,
    UNMATCHED,
    compare,
)

M = 1_000_000
PAGU = [
    ("3358.EBC.954.051.A.521211", 10 * M),
    ("3358.EBC.954.051.A.524111", 5 * M),
    ("3358.EBC.954.051.B.521211", 8 * M),
    ("3358.EBC.954.052.A.521211", 4 * M),
    ("6709.QGE.004.051.A.521211", 3 * M),
    ("6871.QGE.001.051.A.521211", 2 * M),
]
ALL_UNCOVERED = {"3358": 27 * M, "6709": 3 * M, "6871": 2 * M}


def pagu(rows=PAGU):
    return [{"kode": kode, "jumlah": jumlah, "uraian": ""} for kode, jumlah in rows]


def lines(*rows):
    return [{"akun": akun, "biaya": biaya} for akun, biaya in rows]


def outcome(result):
    """Every check as plain data: groups (pagu, plan, excess), over-pagu groups with their
    unexplained excess, uncovered pagu, unmatched and partial lines, and the totals."""
    return {
        "groups": {g.code: (g.pagu, g.plan, g.excess) for g in result.groups},
        "over": {g.code: g.unexplained for g in result.over},
        "uncovered": {node.code: node.pagu for node in result.uncovered},
        "unmatched": [(m.code, m.kind, m.amount) for m in result.unmatched],
        "partial": [(m.code, m.node.code) for m in result.partial],
        "totals": (result.plan_total, result.pagu_total),
    }


CASES = [
    (
        "a full code over its akun",
        lines(("3358.EBC.954.051.A.521211", 12 * M)),
        {
            "groups": {"3358.EBC.954.051.A.521211": (10 * M, 12 * M, 2 * M)},
            "over": {"3358.EBC.954.051.A.521211": 2 * M},
            "uncovered": {
                "3358.EBC.954.051.A.524111": 5 * M,
                "3358.EBC.954.051.B": 8 * M,
                "3358.EBC.954.052": 4 * M,
                "6709": 3 * M,
                "6871": 2 * M,
            },
            "totals": (12 * M, 32 * M),
        },
    ),
    (
        "a subkomponen with its komponen counts at the subkomponen",
        lines(("3358.EBC.954.051.A", 16 * M)),
        {
            "groups": {"3358.EBC.954.051.A": (15 * M, 16 * M, 1 * M)},
            "over": {"3358.EBC.954.051.A": 1 * M},
        },
    ),
    (
        "a subkomponen without komponen found under one komponen counts there",
        lines(("3358.EBC.954.B", 9 * M)),
        {"groups": {"3358.EBC.954.051.B": (8 * M, 9 * M, 1 * M)}, "partial": []},
    ),
    (
        "a subkomponen without komponen found under two komponen counts at the RO",
        lines(("3358.EBC.954.A", 20 * M)),
        {
            "groups": {"3358.EBC.954": (27 * M, 20 * M, 0)},
            "over": {},
            "uncovered": {"6709": 3 * M, "6871": 2 * M},
        },
    ),
    (
        "an RO and a KRO count at their own level",
        lines(("6709.QGE.004", 3_500_000), ("6871.QGE", 1 * M)),
        {
            "groups": {"6709.QGE.004": (3 * M, 3_500_000, 500_000), "6871.QGE": (2 * M, M, 0)},
            "over": {"6709.QGE.004": 500_000},
            "uncovered": {"3358": 27 * M},
            "totals": (4_500_000, 32 * M),
        },
    ),
    (
        "a bare akun found once counts at it, found in several only in the total",
        lines(("524111", 6 * M), ("521211", 1 * M)),
        {
            "groups": {"3358.EBC.954.051.A.524111": (5 * M, 6 * M, 1 * M)},
            "over": {"3358.EBC.954.051.A.524111": 1 * M},
            "uncovered": {
                "3358.EBC.954.051.A.521211": 10 * M,
                "3358.EBC.954.051.B": 8 * M,
                "3358.EBC.954.052": 4 * M,
                "6709": 3 * M,
                "6871": 2 * M,
            },
            "totals": (7 * M, 32 * M),
        },
    ),
    (
        "a code deeper than the pagu has it counts higher and is listed",
        lines(("3358.EBC.954.Z", 1 * M), ("3358.EBC.999", 2 * M)),
        {
            "groups": {"3358.EBC": (27 * M, 3 * M, 0), "3358.EBC.954": (27 * M, 1 * M, 0)},
            "partial": [("3358.EBC.954.Z", "3358.EBC.954"), ("3358.EBC.999", "3358.EBC")],
            "unmatched": [],
            "uncovered": {"6709": 3 * M, "6871": 2 * M},
        },
    ),
    (
        "lines matching no pagu, without code or with an unreadable code are listed",
        lines(("6638.BBB.001", 1 * M), ("", 700_000), ("", None), ("bukan kode", 5), ("-", 0)),
        {
            "groups": {},
            "unmatched": [
                ("6638.BBB.001", UNMATCHED, 1 * M),
                ("", NO_CODE, 700_000),
                ("bukan kode", INVALID, 5),
            ],
            "uncovered": ALL_UNCOVERED,
            "totals": (1_700_005, 32 * M),
        },
    ),
    (
        "an excess is reported where it shows first: the RO's smaller one is not repeated",
        lines(
            ("3358.EBC.954.051.A", 18 * M),
            ("3358.EBC.954.051.B", 6 * M),
            ("3358.EBC.954", 6 * M),
        ),
        {
            "groups": {
                "3358.EBC.954": (27 * M, 30 * M, 3 * M),
                "3358.EBC.954.051.A": (15 * M, 18 * M, 3 * M),
                "3358.EBC.954.051.B": (8 * M, 6 * M, 0),
            },
            "over": {"3358.EBC.954.051.A": 3 * M},
        },
    ),
    (
        "an RO whose excess grows beyond the one below is reported with what is new",
        lines(
            ("3358.EBC.954.051.A", 18 * M),
            ("3358.EBC.954.051.B", 6 * M),
            ("3358.EBC.954", 10 * M),
            ("3358.EBC", 0),
        ),
        {
            "groups": {
                "3358.EBC": (27 * M, 34 * M, 7 * M),
                "3358.EBC.954": (27 * M, 34 * M, 7 * M),
                "3358.EBC.954.051.A": (15 * M, 18 * M, 3 * M),
                "3358.EBC.954.051.B": (8 * M, 6 * M, 0),
            },
            "over": {"3358.EBC.954.051.A": 3 * M, "3358.EBC.954": 4 * M},
            "totals": (34 * M, 32 * M),
        },
    ),
    (
        "a plan over the pagu total by unmatched lines needs the total explained",
        lines(("3358.EBC.954.051.A", 18 * M), ("6638.BBB.001", 20 * M)),
        {
            "over": {"3358.EBC.954.051.A": 3 * M, TOTAL: 3 * M},
            "totals": (38 * M, 32 * M),
        },
    ),
]


@pytest.mark.parametrize(("lines_", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_check_gives_the_hand_computed_figures(lines_, expected):
    result = outcome(compare(lines_, pagu()))
    assert {key: result[key] for key in expected} == expected


def test_the_kind_of_each_match_says_why_it_counts_where_it_does():
    result = compare(
        lines(
            ("3358.EBC.954.051.A.521211", 1),
            ("3358.EBC.954.A", 1),
            ("3358.EBC.954.Z", 1),
            ("521211", 1),
            ("6638.BBB.001", 1),
        ),
        pagu(),
    )
    kinds = [(match.kind, match.node.code if match.node else None) for match in result.matches]
    assert kinds == [
        (MATCHED, "3358.EBC.954.051.A.521211"),
        (SHARED, "3358.EBC.954"),
        (PARTIAL, "3358.EBC.954"),
        (SHARED, TOTAL),
        (UNMATCHED, None),
    ]
    assert [match.code for match in result.shared] == ["3358.EBC.954.A", "521211"]


def test_a_line_more_detailed_than_a_pagu_given_per_ro_counts_at_the_ro():
    result = compare(lines(("6709.QGE.004.051.A.521211", 4 * M)), pagu([("6709.QGE.004", 3 * M)]))
    (match,) = result.matches
    assert (match.kind, match.node.code) == (MATCHED, "6709.QGE.004")
    assert outcome(result)["over"] == {"6709.QGE.004": 1 * M}


def test_a_pagu_subtotal_line_is_not_added_to_its_own_lines():
    result = compare(
        lines(("3358.EBC.954", 12 * M)),
        pagu([("3358.EBC.954", 99 * M), ("3358.EBC.954.051.A.521211", 10 * M)]),
    )
    assert outcome(result)["groups"] == {"3358.EBC.954": (10 * M, 12 * M, 2 * M)}
    assert result.pagu_total == 10 * M


def test_the_reported_excesses_add_up_without_counting_any_rupiah_twice():
    result = compare(
        lines(("3358.EBC.954.051.A", 18 * M), ("3358.EBC.954", 10 * M), ("6638.BBB.001", 5 * M)),
        pagu(),
    )
    # A: 18 against 15 → 3; RO 954: 28 against 27 → 1, within A's 3; total: 33 against 32
    # → 1, within too.
    assert outcome(result)["over"] == {"3358.EBC.954.051.A": 3 * M}
    assert result.over_amount == 3 * M


def test_no_pagu_lines_leaves_every_line_unmatched_and_the_total_over():
    result = compare(lines(("3358.EBC.954.A", 5)), [])
    assert outcome(result)["over"] == {TOTAL: 5}
    assert [m.kind for m in result.unmatched] == [UNMATCHED]


def test_pagu_lines_with_stored_parts_are_read_without_their_text():
    stored = [
        {"kode": "", "jumlah": 7, "kegiatan": "3358", "kro": "EBC", "ro": "954", "akun": ""},
    ]
    result = compare(lines(("3358.EBC.954.A", 9)), stored)
    assert outcome(result)["groups"] == {"3358.EBC.954": (7, 9, 2)}
