"""The plans' demo data: satkers, users, the two seed plans of 2023, the kabupaten/kota of
Gorontalo with their plans at each step of the workflow, and the akun catalogue (idempotent:
re-running changes nothing). ``renaksi``'s ``load_demo`` command loads it, then the
monitoring demo on top."""

import json
from collections import Counter

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from budgets.akun import parse_akun
from budgets.models import Akun
from plans import workflow
from plans.building import build_tree
from plans.models import RencanaAksi, Satker, SatkerRole
from plans.models.tree import checked_month_amounts

DEMO_PASSWORD = "renaksi-demo"  # noqa: S105 (published demo logins)
FIXTURES = settings.BASE_DIR / "fixtures" / "demo"
PERENCANA, SEKRETARIS = SatkerRole.Role.PERENCANA, SatkerRole.Role.SEKRETARIS
PIMPINAN = SatkerRole.Role.PIMPINAN
Status = RencanaAksi.Status

SATKERS = [
    # code, name, level, parent, city, secretary title
    ("KPU-RI", "KPU Republik Indonesia", "ri", None, "Jakarta", "Sekretaris Jenderal KPU"),
    (
        "KPU-PROV-GORONTALO",
        "KPU Provinsi Gorontalo",
        "provinsi",
        "KPU-RI",
        "Gorontalo",
        "Sekretaris Komisi Pemilihan Umum\nProvinsi Gorontalo",
    ),
    (
        "KPU-PROV-SULUT",
        "KPU Provinsi Sulawesi Utara",
        "provinsi",
        "KPU-RI",
        "Manado",
        "Sekretaris Komisi Pemilihan Umum\nProvinsi Sulawesi Utara",
    ),
    (
        "KPU-KOTA-TOMOHON",
        "KPU Kota Tomohon",
        "kabkota",
        "KPU-PROV-SULUT",
        "Tomohon",
        "Sekretaris Komisi Pemilihan Umum\nKota Tomohon",
    ),
]
SECRETARY_NAMES = {"KPU-KOTA-TOMOHON": "Stella S. Sompe"}
# Kemendagri codes of the demo's regions, as ``load_satkers`` (plans/wilayah.py) sets them.
KODE_WILAYAH = {
    "KPU-PROV-GORONTALO": "75",
    "KPU-PROV-SULUT": "71",
    "KPU-KOTA-TOMOHON": "71.73",
    "KPU-KOTA-GORONTALO": "75.71",
    "KPU-KAB-GORONTALO": "75.01",
    "KPU-KAB-BOALEMO": "75.02",
    "KPU-KAB-POHUWATO": "75.04",
    "KPU-KAB-BONE-BOLANGO": "75.03",
    "KPU-KAB-GORONTALO-UTARA": "75.05",
}

USERS = [
    # username, full name, satker, role
    ("perencana.tomohon", "Perencana Tomohon", "KPU-KOTA-TOMOHON", PERENCANA),
    ("perencana.gorontalo", "Perencana Gorontalo", "KPU-PROV-GORONTALO", PERENCANA),
    ("sekretaris.tomohon", "Stella S. Sompe", "KPU-KOTA-TOMOHON", SEKRETARIS),
    ("sekretaris.gorontalo", "Sekretaris Gorontalo", "KPU-PROV-GORONTALO", SEKRETARIS),
    # KPU RI's leadership reads the national roll-up (/nasional/) and prints booklets.
    ("pimpinan.ri", "Pimpinan KPU RI", "KPU-RI", PIMPINAN),
]
PLANS = ["gorontalo-2023.json", "tomohon-2023.json"]

# The kabupaten/kota below Gorontalo, each with how far its 2023 plan has come (None: no plan
# yet), so that the province's page (/provinsi/) shows every state. Their plans are copies of
# Tomohon's, named for the satker.
GORONTALO = "KPU-PROV-GORONTALO"
KABKOTA = [
    # code, name, seat (the city of the signature), status of the 2023 plan
    ("KPU-KOTA-GORONTALO", "KPU Kota Gorontalo", "Gorontalo", Status.DRAFT),
    ("KPU-KAB-GORONTALO", "KPU Kabupaten Gorontalo", "Limboto", None),
    ("KPU-KAB-BOALEMO", "KPU Kabupaten Boalemo", "Tilamuta", Status.RETURNED),
    ("KPU-KAB-POHUWATO", "KPU Kabupaten Pohuwato", "Marisa", Status.APPROVED),
    ("KPU-KAB-BONE-BOLANGO", "KPU Kabupaten Bone Bolango", "Suwawa", Status.SUBMITTED),
    ("KPU-KAB-GORONTALO-UTARA", "KPU Kabupaten Gorontalo Utara", "Kwandang", None),
]
KABKOTA_YEAR, KABKOTA_TREE = 2023, "tomohon-2023.json"
# The people who took those plans through the workflow. No e-mail address: their steps are
# replayed on every fresh load, and the notifications would mail them each time.
KABKOTA_USERS = [
    ("perencana.boalemo", "Perencana Boalemo", "KPU-KAB-BOALEMO", PERENCANA),
    ("sekretaris.boalemo", "Sekretaris Boalemo", "KPU-KAB-BOALEMO", SEKRETARIS),
    ("perencana.pohuwato", "Perencana Pohuwato", "KPU-KAB-POHUWATO", PERENCANA),
    ("sekretaris.pohuwato", "Sekretaris Pohuwato", "KPU-KAB-POHUWATO", SEKRETARIS),
    ("perencana.bonebolango", "Perencana Bone Bolango", "KPU-KAB-BONE-BOLANGO", PERENCANA),
]
RETURN_REASON = (
    "Target indikator kinerja belum diisi. Lengkapi target setiap indikator, lalu ajukan kembali."
)

# Common belanja accounts, as full codes under a komponen of the Gorontalo plan's RO.
BELANJA_UNDER = "3358.EBC.954.051.A"
BELANJA = [
    ("521211", "Belanja Bahan"),
    ("521213", "Belanja Honor Output Kegiatan"),
    ("521219", "Belanja Barang Non Operasional Lainnya"),
    ("522151", "Belanja Jasa Profesi"),
    ("524111", "Belanja Perjalanan Dinas Biasa"),
    ("524113", "Belanja Perjalanan Dinas Dalam Kota"),
]


# Costs on Tomohon's lines, two of them drawn by fixed amounts per month, so that its RPD
# (budgets.rpd, /anggaran/rencana/<pk>/rpd/) shows both rules and each jenis belanja;
# Gorontalo's plan stays the plain spread of its schedule, checkable by hand. The compact
# layout prints no costs, but the RPD reads them all the same.
TOMOHON_SEED = "tomohon-2023.json"
TOMOHON_COSTS = {
    # the kegiatan's text begins: (biaya, akun, {month: Rupiah}, or {} for the even spread)
    "Penyampaian informasi dan publikasi": (60_000_000, "3358.EBC.954.052.A.522151", {}),
    "Sosialisasi/ Penyuluhan/ Bimbingan Teknis": (
        95_000_000,
        "3358.EBC.954.052.B.524111",
        {"3": 5_000_000, "4": 10_000_000, "5": 20_000_000, "6": 20_000_000}
        | {"7": 15_000_000, "8": 10_000_000, "9": 10_000_000, "10": 5_000_000},
    ),
    "Penyusunan Peraturan Pemilu": (36_000_000, "3358.EBC.954.052.C.512211", {}),
    "Layanan Data dan Informasi": (150_000_000, "3358.EBC.954.052.D.532111", {"2": 150_000_000}),
    "Penyelenggaraan SPIP": (10_000_000, "3358.EBC.955.A", {}),  # no 6-digit akun
}


def add_tomohon_costs(data):
    """Give the Tomohon seed's lines the costs, akun and amounts per month above (checked
    as the cost editor checks them)."""
    for kegiatan, line in lines_of(data["sasaran_strategis"]):
        for start, (biaya, akun, amounts) in TOMOHON_COSTS.items():
            if kegiatan["text"].startswith(start):
                amounts = checked_month_amounts(amounts, biaya, line["months"])
                line |= {"biaya": biaya, "akun": akun, "month_amounts": amounts}


def load(stdout):
    """Everything in one transaction, saying on ``stdout`` (a command's ``OutputWrapper``)
    which plans it loaded or skipped."""
    with transaction.atomic():
        satkers = load_satkers()
        satkers |= load_kabkota_satkers(satkers[GORONTALO])
        users = load_users(satkers)
        seeds = {name: read(name) for name in PLANS}
        add_tomohon_costs(seeds[TOMOHON_SEED])
        for data in seeds.values():
            load_plan(data, satkers, stdout)
        load_kabkota_plans(satkers, users, stdout)
        load_akun(seeds.values())


def write_logins(stdout):
    """The demo logins, for whoever runs the command."""
    stdout.write(f"Pengguna demo (kata sandi untuk semua: {DEMO_PASSWORD}):")
    for username, _name, satker, role in USERS + KABKOTA_USERS:
        stdout.write(f"  {username:<22} {role.label} {satker}")
    stdout.write(f"  {'admin':<22} Admin (superuser)")


def read(name):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def load_satkers():
    """The seed satkers (KPU RI, both provinces, Tomohon) by code."""
    satkers = {}
    for code, name, level, parent, city, title in SATKERS:
        satkers[code], _ = Satker.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "level": level,
                "parent": satkers.get(parent),
                "city": city,
                "secretary_title": title,
                "secretary_name": SECRETARY_NAMES.get(code, ""),
                "kode_wilayah": KODE_WILAYAH.get(code, ""),
            },
        )
    return satkers


def load_kabkota_satkers(province):
    """The kabupaten/kota of ``province`` by code, in one query once they exist."""
    existing = Satker.objects.in_bulk([code for code, *_ in KABKOTA], field_name="code")
    missing = [
        Satker(
            code=code,
            name=name,
            level=Satker.Level.KABKOTA,
            parent=province,
            city=seat,
            kode_wilayah=KODE_WILAYAH[code],
            secretary_title="Sekretaris Komisi Pemilihan Umum\n" + _region(name),
        )
        for code, name, seat, _status in KABKOTA
        if code not in existing
    ]
    Satker.objects.bulk_create(missing)
    return existing | {satker.code: satker for satker in missing}


def load_users(satkers):
    """Admin and the demo people with their roles, by username. Whoever is new gets the
    same hash of the demo password: one hash costs a good part of a second outside tests."""
    User = get_user_model()
    people = [("admin", "", None, None), *USERS, *KABKOTA_USERS]
    names = [username for username, *_ in people]
    mailed = {username for username, *_ in USERS}
    users = User.objects.in_bulk(names, field_name="username")
    new = [
        User(
            username=username,
            first_name=full_name.partition(" ")[0],
            last_name=full_name.partition(" ")[2],
            email=f"{username}@renaksi.example" if username in mailed else "",
            is_staff=satker is None,
            is_superuser=satker is None,
        )
        for username, full_name, satker, _role in people
        if username not in users
    ]
    if new:
        password = make_password(DEMO_PASSWORD)
        for user in new:
            user.password = password
        User.objects.bulk_create(new)
        users |= {user.username: user for user in new}
    held = set(SatkerRole.objects.filter(user__in=users.values()).values_list("user", "satker"))
    SatkerRole.objects.bulk_create(
        SatkerRole(user=users[username], satker=satkers[code], role=role)
        for username, _name, code, role in people
        if code and (users[username].pk, satkers[code].pk) not in held
    )
    return users


def load_plan(data, satkers, stdout):
    """The plan of ``data`` (a seed's nested form), unless its satker has one that year."""
    satker = satkers[data["satker"]]
    if RencanaAksi.objects.filter(satker=satker, year=data["year"]).exists():
        stdout.write(f"Rencana aksi {satker.code} {data['year']} sudah ada; dilewati.")
    else:
        create_plan(data, satker, stdout)


def create_plan(data, satker, stdout):
    signatory = data["signatory"]
    plan = RencanaAksi.objects.create(
        satker=satker,
        year=data["year"],
        title="\n".join(data["title"]),
        columns=data["columns"],
        column_labels=data["column_labels"],
        month_style=data["month_style"],
        show_column_numbers=data["show_column_numbers"],
        paper=data["paper"],
        signatory_place=signatory["place"],
        signatory_acknowledge=signatory["acknowledge"],
        signatory_title=signatory["title"],
        signatory_name=signatory["name"],
        signatory_nip=signatory["nip"],
    )
    lines = build_tree(plan, data["sasaran_strategis"])
    stdout.write(f"Rencana aksi {satker.code} {data['year']}: {lines} baris dimuat.")
    return plan


def load_kabkota_plans(satkers, users, stdout):
    """Each kabupaten/kota plan taken to its status through the workflow, by its people."""
    done = set(
        RencanaAksi.objects.filter(
            satker__code__in=[code for code, *_ in KABKOTA], year=KABKOTA_YEAR
        ).values_list("satker__code", flat=True)
    )
    todo = [(code, status) for code, _, _, status in KABKOTA if status and code not in done]
    tree = (FIXTURES / KABKOTA_TREE).read_text(encoding="utf-8") if todo else ""
    for code, status in todo:
        satker = satkers[code]
        plan = create_plan(_named_for(tree, satker), satker, stdout)
        planner, secretary = (_person(users, code, role) for role in (PERENCANA, SEKRETARIS))
        if status != Status.DRAFT:
            plan = workflow.submit(plan, planner)
        if status == Status.RETURNED:
            workflow.return_plan(plan, secretary, RETURN_REASON)
        elif status == Status.APPROVED:
            workflow.approve(plan, secretary, {"signatory_name": secretary.get_full_name()})


def load_akun(seeds):
    """The codes the seed plans' lines carry and the common belanja accounts; codes
    already in the catalogue stay as they are. A code is named after the kegiatan it first
    pays for, or after its line where several codes pay for one kegiatan (its komponen)."""
    first = {}
    for data in seeds:
        for akun, kegiatan, line in _akun_of(data["sasaran_strategis"]):
            first.setdefault(str(parse_akun(akun)), (kegiatan, line))
    shared = Counter(kegiatan for kegiatan, _line in first.values())
    named = {
        code: line if shared[kegiatan] > 1 and line else kegiatan
        for code, (kegiatan, line) in first.items()
    }
    for code, uraian in BELANJA:
        named[f"{BELANJA_UNDER}.{code}"] = uraian
    Akun.objects.bulk_create(
        [Akun(code=code, uraian=uraian[:300]) for code, uraian in named.items()],
        ignore_conflicts=True,
    )


def _region(name):
    """``KPU Kabupaten Boalemo`` -> ``Kabupaten Boalemo``."""
    return name.removeprefix("KPU ")


def _named_for(tree, satker):
    """The Tomohon seed as the plan of ``satker``: its names in the title and the texts, the
    satker's own signatory."""
    region = _region(satker.name)
    short = region.split(" ", 1)[1]
    names = [("Kota Tomohon", region), ("KOTA TOMOHON", region.upper()), ("Tomohon", short)]
    for old, new in names:
        tree = tree.replace(old, new)
    data = json.loads(tree)
    data["satker"] = satker.code
    data["signatory"] = {
        "place": satker.city,
        "acknowledge": "Mengetahui,",
        "title": satker.secretary_title,
        "name": "",
        "nip": "",
    }
    return data


def _person(users, code, role):
    for username, _name, satker, held in KABKOTA_USERS:
        if (satker, held) == (code, role):
            return users[username]
    return None


def _akun_of(sasaran_strategis):
    """``(akun, kegiatan text, line text)`` of every line with an akun, in the plan's order."""
    for kegiatan, line in lines_of(sasaran_strategis):
        if line["akun"]:
            yield line["akun"], kegiatan["text"], line["text"]


def lines_of(sasaran_strategis):
    """``(kegiatan, line)`` of every line of a seed's nested data, in the plan's order."""
    for sasaran in sasaran_strategis:
        for program in sasaran["sasaran_program"]:
            for indikator in program["indikator"]:
                for kegiatan in indikator["kegiatan"]:
                    for line in kegiatan["lines"]:
                        yield kegiatan, line
