import pytest

from budgets.akun import AkunCode, AkunError, jenis_belanja_name, parse_akun


@pytest.mark.parametrize(
    ("code", "path", "printed"),
    [
        # the full DIPA/POK path
        (
            "3358.EBC.954.051.A.521211",
            ("3358", "EBC", "954", "051", "A", "521211"),
            "3358.EBC.954.051.A.521211",
        ),
        ("3358.EBC.954.051.AB", ("3358", "EBC", "954", "051", "AB", ""), "3358.EBC.954.051.AB"),
        ("3358.EBC.954.051", ("3358", "EBC", "954", "051", "", ""), "3358.EBC.954.051"),
        (
            "3358.EBC.954.051.521211",
            ("3358", "EBC", "954", "051", "", "521211"),
            "3358.EBC.954.051.521211",
        ),
        # a letter right after the RO is a subkomponen, its komponen unknown
        ("3358.EBC.954.A", ("3358", "EBC", "954", "", "A", ""), "3358.EBC.954.A"),
        ("6710.QGE.001.C", ("6710", "QGE", "001", "", "C", ""), "6710.QGE.001.C"),
        (
            "6710.QGE.001.C.521211",
            ("6710", "QGE", "001", "", "C", "521211"),
            "6710.QGE.001.C.521211",
        ),
        # shortened forms
        ("6709.QGE.004", ("6709", "QGE", "004", "", "", ""), "6709.QGE.004"),
        ("6871.QGE", ("6871", "QGE", "", "", "", ""), "6871.QGE"),
        ("3358.EBC.954.521211", ("3358", "EBC", "954", "", "", "521211"), "3358.EBC.954.521211"),
        ("6871.QGE.521211", ("6871", "QGE", "", "", "", "521211"), "6871.QGE.521211"),
        # a bare account, path unknown
        ("521211", ("", "", "", "", "", "521211"), "521211"),
        ("…521211", ("", "", "", "", "", "521211"), "521211"),
        ("...532111", ("", "", "", "", "", "532111"), "532111"),
        # typed the planners' way
        (" 3358.ebc.954.a ", ("3358", "EBC", "954", "", "A", ""), "3358.EBC.954.A"),
        ("3358. ebc .954.051.a", ("3358", "EBC", "954", "051", "A", ""), "3358.EBC.954.051.A"),
    ],
)
def test_parse_reads_every_written_form_into_its_six_levels_and_prints_it_normalised(
    code, path, printed
):
    parsed = parse_akun(code)
    assert parsed.path() == path
    assert str(parsed) == printed


@pytest.mark.parametrize(
    ("code", "parts"),
    [
        ("3358.EBC.954.051.A.521211", ("3358", "EBC", "954", "051", "521211")),
        ("3358.EBC.954.A", ("3358", "EBC", "954", "", "")),
        ("6709.QGE.001", ("6709", "QGE", "001", "", "")),
        ("6871.QGE", ("6871", "QGE", "", "", "")),
        ("6710.QGE.001.C.521211", ("6710", "QGE", "001", "", "521211")),
        ("521211", ("", "", "", "", "521211")),
    ],
)
def test_parts_a_plan_line_stores_keep_the_komponen_to_its_three_digits(code, parts):
    assert parse_akun(code).parts() == parts


@pytest.mark.parametrize(
    ("code", "jenis", "name"),
    [
        ("3358.EBC.954.051.A.511111", "51", "Belanja Pegawai"),
        ("3358.EBC.954.051.A.521211", "52", "Belanja Barang"),
        ("6710.QGE.001.C.532111", "53", "Belanja Modal"),
        ("573111", "57", "Belanja Bantuan Sosial"),
        ("3358.EBC.954.591111", "59", "Belanja 59"),
        ("3358.EBC.954.A", "", ""),
        ("6871.QGE", "", ""),
    ],
)
def test_jenis_belanja_is_the_first_two_digits_of_the_akun(code, jenis, name):
    parsed = parse_akun(code)
    assert parsed.jenis_belanja == jenis
    assert parsed.jenis_belanja_name == name == jenis_belanja_name(jenis)


@pytest.mark.parametrize(
    ("code", "prefixes"),
    [
        (
            "3358.EBC.954.051.A.521211",
            {
                "kegiatan": "3358",
                "kro": "3358.EBC",
                "ro": "3358.EBC.954",
                "komponen": "3358.EBC.954.051",
                "subkomponen": "3358.EBC.954.051.A",
                "akun": "3358.EBC.954.051.A.521211",
            },
        ),
        (
            "3358.EBC.954.A",
            {
                "kegiatan": "3358",
                "kro": "3358.EBC",
                "ro": "3358.EBC.954",
                "komponen": "",
                "subkomponen": "3358.EBC.954.A",
                "akun": "",
            },
        ),
        (
            "521211",
            {
                "kegiatan": "",
                "kro": "",
                "ro": "",
                "komponen": "",
                "subkomponen": "",
                "akun": "521211",
            },
        ),
    ],
)
def test_prefix_gives_the_code_text_down_to_each_level(code, prefixes):
    parsed = parse_akun(code)
    assert {level: parsed.prefix(level) for level in prefixes} == prefixes


@pytest.mark.parametrize(
    ("code", "level"),
    [
        ("3358", None),
        ("6871.QGE", "kro"),
        ("6709.QGE.004", "ro"),
        ("3358.EBC.954.051", "komponen"),
        ("3358.EBC.954.A", "subkomponen"),
        ("521211", "akun"),
    ],
)
def test_level_names_the_deepest_level_written(code, level):
    if level is None:
        with pytest.raises(AkunError):
            parse_akun(code)
    else:
        assert parse_akun(code).level == level


def test_parsed_code_prints_normalised_and_names_its_ro():
    code = parse_akun("6710.qge.001.c")
    assert str(code) == "6710.QGE.001.C"
    assert code.ro_code == "6710.QGE.001"
    assert AkunCode("6871", "QGE").ro_code == "6871.QGE"


def test_belanja_is_the_old_name_of_the_akun():
    code = parse_akun("3358.ebc.954.051.a.521211")
    assert code.belanja == code.akun == "521211"
    assert (code.komponen, code.subkomponen) == ("051", "A")


@pytest.mark.parametrize(
    "code",
    [
        "335.EBC",
        "3358.EB",
        "3358.EB1.954",
        "3358.EBC.954.ABC",
        "3358.EBC.95",
        "3358.EBC.954.ABCD",
        "3358.EBC.954.05.A",
        "3358.EBC.954.0511",
        "3358.EBC.954.A.051",
        "3358.EBC.954.051.A.B",
        "3358-EBC-954",
        "EBC.3358",
        "3358.EBC.954.A.52121",
        "3358.EBC.954.A.5212111",
        "3358.EBC.954.A.",
        "52121",
        "5212111",
        "3358",
        "….3358.EBC",
        "A",
        "",
        "-",
        "9" * 500,
    ],
)
def test_parse_rejects_malformed_codes_with_the_expected_form(code):
    with pytest.raises(AkunError) as error:
        parse_akun(code)
    message = str(error.value)
    assert message.startswith(f'Kode akun "{code.strip()[:60]}" tidak sah; format yang diharapkan')
    assert "3358.EBC.954.051.A.521211" in message
    assert "3358.EBC.954.A" in message
