"""Pagu lines rolled up kegiatan → KRO → RO → komponen → subkomponen → akun, by hand."""

import pytest

from budgets.akun import parse_akun
from budgets.models import Pagu, PaguLine
from budgets.pagu import overlapping, rollup
from tests.pagu_files import BY_JENIS, LINES, ROLLED_UP, TOTAL


def lines(*rows):
    return [
        PaguLine(kode=kode, uraian=uraian, jumlah=jumlah).prepare() for kode, uraian, jumlah in rows
    ]


def test_every_level_sums_the_lines_below_it():
    result = rollup(lines(*LINES))
    assert result.total == TOTAL
    assert {kode: result.totals[kode] for kode in ROLLED_UP} == ROLLED_UP
    assert result.by_jenis == BY_JENIS
    assert result.line_count == 7


def test_the_tree_walks_parents_first_with_their_sums():
    rows = [
        (node.depth, node.level, node.code, node.kode, node.total)
        for node in rollup(lines(*LINES[:5])).walk()
    ]
    assert rows == [
        (0, "kegiatan", "3358", "3358", 51_878_000),
        (1, "kro", "EBC", "3358.EBC", 51_878_000),
        (2, "ro", "954", "3358.EBC.954", 51_878_000),
        (3, "komponen", "051", "3358.EBC.954.051", 26_878_000),
        (4, "subkomponen", "A", "3358.EBC.954.051.A", 24_878_000),
        (5, "akun", "521211", "3358.EBC.954.051.A.521211", 8_378_000),
        (5, "akun", "521213", "3358.EBC.954.051.A.521213", 4_500_000),
        (5, "akun", "524111", "3358.EBC.954.051.A.524111", 12_000_000),
        (4, "subkomponen", "B", "3358.EBC.954.051.B", 2_000_000),
        (5, "akun", "521211", "3358.EBC.954.051.B.521211", 2_000_000),
        (3, "komponen", "052", "3358.EBC.954.052", 25_000_000),
        (4, "subkomponen", "A", "3358.EBC.954.052.A", 25_000_000),
        (5, "akun", "532111", "3358.EBC.954.052.A.532111", 25_000_000),
    ]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # a subkomponen without komponen sits under an unnamed komponen of its RO:
        # RO 954 = 1.000 + 2.000 + 4.000 = 7.000; "3358.EBC.954.A" = 1.000 + 2.000 = 3.000
        (
            [
                ("3358.EBC.954.A.521211", "", 1_000),
                ("3358.EBC.954.A.521213", "", 2_000),
                ("3358.EBC.954.051.A.521211", "", 4_000),
            ],
            {
                "3358.EBC.954": 7_000,
                "3358.EBC.954.A": 3_000,
                "3358.EBC.954.051": 4_000,
                "3358.EBC.954.051.A": 4_000,
            },
        ),
        # lines ending at the RO and at the KRO: 6709 = 500 + 700 = 1.200
        (
            [("6709.QGE.004", "", 500), ("6709.QGE.005", "", 700), ("6871.QGE", "", 300)],
            {"6709": 1_200, "6709.QGE": 1_200, "6709.QGE.004": 500, "6871.QGE": 300},
        ),
        # a bare akun counts in the total and by jenis, under no kegiatan
        ([("521211", "", 900), ("3358.EBC.954.A", "", 100)], {"521211": 900, "3358": 100}),
    ],
)
def test_shortened_codes_roll_up_to_the_levels_they_name(rows, expected):
    result = rollup(lines(*rows))
    assert {kode: result.total_of(kode) for kode in expected} == expected
    assert result.total == sum(amount for _kode, _uraian, amount in rows)


def test_an_akun_node_takes_the_uraian_of_its_line():
    akun = [node for node in rollup(lines(*LINES)).walk() if node.level == "akun"]
    assert [(node.kode, node.uraian) for node in akun] == sorted((k, u) for k, u, _j in LINES)


def test_unnamed_levels_are_nodes_after_the_named_ones():
    result = rollup(lines(("521211", "Bahan", 900), ("3358.EBC.954.A", "Sub A", 100)))
    assert [(n.level, n.code, n.total) for n in result.roots] == [
        ("kegiatan", "3358", 100),
        ("kegiatan", "", 900),
    ]
    ro = result.roots[0].children[0].children[0]
    assert [(n.level, n.code, n.kode) for n in ro.children] == [("komponen", "", "3358.EBC.954")]
    assert ro.children[0].children[0].uraian == "Sub A"


def test_a_line_with_lines_below_is_their_subtotal_and_not_added_again():
    result = rollup(lines(("3358.EBC.954", "RO", 3_000), ("3358.EBC.954.051.A.521211", "", 3_000)))
    assert (result.total, [line.kode for line in result.subtotals]) == (3_000, ["3358.EBC.954"])


def test_names_come_from_the_given_table_for_the_higher_levels():
    result = rollup(lines(*LINES[:1]), names={"3358.EBC.954": "Layanan Manajemen SDM"})
    assert [n.uraian for n in result.walk()][2] == "Layanan Manajemen SDM"


def test_a_pagu_is_rolled_up_from_one_query(satker, django_assert_num_queries):
    pagu = Pagu.objects.create(satker=satker, year=2024)
    PaguLine.objects.bulk_create(
        [PaguLine(pagu=pagu, kode=k, uraian=u, jumlah=j).prepare() for k, u, j in LINES]
    )
    with django_assert_num_queries(1):
        result = rollup(pagu)
    assert (result.total, result.by_jenis) == (TOTAL, BY_JENIS)


def test_overlapping_finds_the_same_code_and_codes_above_or_below(satker):
    pagu = Pagu.objects.create(satker=satker, year=2024)
    PaguLine.objects.create(pagu=pagu, kode="3358.EBC.954.051.A.521211", jumlah=1)
    for code, found in [
        ("3358.EBC.954.051.A.521211", True),
        ("3358.EBC.954", True),
        ("3358.EBC.954.051.A.521211", True),
        ("3358.EBC.954.051.A.521213", False),
        ("3358.EBC.954.A", False),  # a subkomponen of an unnamed komponen: another node
        ("6709.QGE", False),
    ]:
        assert (overlapping(pagu, parse_akun(code)) is not None) == found, code
