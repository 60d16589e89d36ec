import pytest
from django.core.exceptions import ValidationError

from budgets.models import Pagu, PaguLine


@pytest.fixture
def pagu(satker):
    return Pagu.objects.create(satker=satker, year=2024)


@pytest.mark.parametrize(
    ("kode", "stored", "parts"),
    [
        (
            "3358.ebc.954.051.a.521211",
            "3358.EBC.954.051.A.521211",
            ("3358", "EBC", "954", "051", "A", "521211"),
        ),
        ("3358.EBC.954.A", "3358.EBC.954.A", ("3358", "EBC", "954", "", "A", "")),
        ("6871.QGE", "6871.QGE", ("6871", "QGE", "", "", "", "")),
        ("521211", "521211", ("", "", "", "", "", "521211")),
    ],
)
def test_a_pagu_line_stores_its_code_normalised_with_its_six_parts(pagu, kode, stored, parts):
    line = PaguLine.objects.create(pagu=pagu, kode=kode, jumlah=1000)
    line.refresh_from_db()
    assert line.kode == stored
    assert (
        line.kegiatan,
        line.kro,
        line.ro,
        line.komponen,
        line.subkomponen,
        line.akun,
    ) == parts
    assert line.jenis_belanja == parts[-1][:2]


def test_changing_only_the_code_of_a_pagu_line_updates_its_parts_too(pagu):
    line = PaguLine.objects.create(pagu=pagu, kode="3358.EBC.954.051.A.521211", jumlah=1000)
    line.kode = "6709.qge.004.532111"
    line.save(update_fields=["kode"])
    line.refresh_from_db()
    assert (line.kode, line.kegiatan, line.ro, line.komponen, line.akun) == (
        "6709.QGE.004.532111",
        "6709",
        "004",
        "",
        "532111",
    )


def test_a_pagu_line_rejects_a_bad_code_in_indonesian(pagu):
    line = PaguLine(pagu=pagu, kode="3358.EB.954", jumlah=1000)
    with pytest.raises(ValidationError) as error:
        line.full_clean()
    assert 'Kode akun "3358.EB.954" tidak sah' in str(error.value.message_dict["kode"])
