"""The merges every output shares, checked against the layouts of the seeds."""

from plans.matrix import build_matrix
from tests.factories import IndikatorFactory, KegiatanFactory, LineFactory, broken_span


def spans(matrix, key):
    return [
        (cell.value, cell.rowspan)
        for row in matrix.rows
        for cell in row.cells
        if cell.column.key == key
    ]


def test_gorontalo_matrix_has_the_rows_and_merges_of_the_sample(demo):
    matrix = build_matrix(demo["KPU-PROV-GORONTALO"])
    assert len(matrix.rows) == 47
    assert spans(matrix, "no") == [("1.", 8), ("2.", 8), ("6.", 5), ("7.", 26)]
    assert matrix.total_biaya == 10_060_818_000
    costs = [value for value, _ in spans(matrix, "biaya")]
    assert sum(value or 0 for value in costs) == 10_060_818_000
    assert len(costs) == 45
    hukum = [(v, n) for v, n in spans(matrix, "rencana_kegiatan") if n > 1]
    assert hukum == [("Sosialisasi dan Penyuluhan Hukum", 2), ("Pembuatan Marchandise/Figura", 2)]
    assert ("Persentase penyediaan Logistik Pemilu", 1) in spans(matrix, "indikator")
    jdih = next(
        v for v in spans(matrix, "indikator") if v[0].startswith("Jumlah Rancangan Pedoman")
    )
    assert jdih[1] == 2


def test_tomohon_matrix_uses_its_own_columns_and_labels(demo):
    matrix = build_matrix(demo["KPU-KOTA-TOMOHON"])
    assert [c.label for c in matrix.columns][:6] == [
        "No",
        "Program",
        "Sasaran Strategis",
        "Indikator kinerja",
        "Kegiatan",
        "B 1",
    ]
    assert len(matrix.columns) == 17
    assert matrix.header.top[-1] == ("Rencana Pelaksanaan", 12, 1)
    assert spans(matrix, "no") == [
        ("1", 1),
        ("2", 1),
        ("3", 1),
        ("12", 3),
        ("4", 2),
        ("27", 1),
        ("28", 1),
    ]
    assert spans(matrix, "kegiatan")[2:4] == [(None, 1), ("Penyusunan Peraturan Pemilu", 3)]
    may = [cell.value for cell in matrix.rows[3].cells if cell.column.key == "b5"]
    assert may == [True]
    assert not matrix.shows_costs


def test_a_span_broken_by_reordering_never_prints_the_cost_twice(plan):
    second = broken_span(plan)
    LineFactory(kegiatan=KegiatanFactory(indikator=second), text="own", biaya=7)
    matrix = build_matrix(plan)
    assert [row.line.text for row in matrix.rows] == ["spanning", "after", "spanning", "own"]
    assert [v for v, _ in spans(matrix, "biaya")] == [1_000, 5, None, 7]


def test_a_span_longer_than_the_indicators_left_stops_at_the_last(plan):
    only = IndikatorFactory(sasaran_program__sasaran_strategis__plan=plan)
    LineFactory(kegiatan__indikator=only, indikator_span=5)
    assert len(build_matrix(plan).rows) == 1


def test_reading_the_matrix_takes_the_same_queries_for_any_size(demo, django_assert_num_queries):
    for plan in demo.values():
        with django_assert_num_queries(5):
            build_matrix(plan)
