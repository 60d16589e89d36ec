import pytest

from budgets.akun import AkunCode, AkunError, parse_akun


@pytest.mark.parametrize(
    ("code", "parts"),
    [
        ("3358.EBC.954.A", ("3358", "EBC", "954", "A", "")),
        ("6709.QGE.001", ("6709", "QGE", "001", "", "")),
        ("6871.QGE", ("6871", "QGE", "", "", "")),
        ("6710.QGE.001.C", ("6710", "QGE", "001", "C", "")),
        ("6710.QGE.001.C.521211", ("6710", "QGE", "001", "C", "521211")),
        ("3358.EBC.954.521211", ("3358", "EBC", "954", "", "521211")),
        (" 3358.ebc.954.a ", ("3358", "EBC", "954", "A", "")),
    ],
)
def test_parse_accepts_the_codes_of_the_seeds_and_the_long_mak_form(code, parts):
    assert parse_akun(code).parts() == parts


def test_parsed_code_prints_normalised_and_names_its_ro():
    code = parse_akun("6710.qge.001.c")
    assert str(code) == "6710.QGE.001.C"
    assert code.ro_code == "6710.QGE.001"
    assert AkunCode("6871", "QGE").ro_code == "6871.QGE"


@pytest.mark.parametrize(
    "code",
    [
        "335.EBC",
        "3358.EB",
        "3358.EB1.954",
        "3358.EBC.95",
        "3358.EBC.954.ABCD",
        "3358-EBC-954",
        "EBC.3358",
        "3358.EBC.954.A.52121",
        "",
        "-",
    ],
)
def test_parse_rejects_malformed_codes_with_the_expected_form(code):
    with pytest.raises(AkunError) as error:
        parse_akun(code)
    assert "tidak sah" in str(error.value)
    assert "3358.EBC.954.A" in str(error.value)


def test_the_full_mak_path_with_komponen_and_subkomponen_reads_back_as_written():
    code = parse_akun("3358.ebc.954.051.a.521211")
    assert str(code) == "3358.EBC.954.051.A.521211"
    assert (code.komponen, code.subkomponen, code.belanja) == ("051", "A", "521211")
    assert code.ro_code == "3358.EBC.954"
