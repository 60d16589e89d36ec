"""Shared by the printing tests: the demo's Gorontalo province with its plans approved, and
reading a printed booklet back."""

from io import BytesIO

from pypdf import PdfReader

from plans import workflow
from plans.models import RencanaAksi, SatkerRole
from tests.factories import RoleFactory

GORONTALO = "KPU-PROV-GORONTALO"
# Print order: the province, then its kabupaten/kota by name.
ORDER = [
    "KPU Provinsi Gorontalo",
    "KPU Kabupaten Boalemo",
    "KPU Kabupaten Bone Bolango",
    "KPU Kabupaten Gorontalo",
    "KPU Kabupaten Gorontalo Utara",
    "KPU Kabupaten Pohuwato",
    "KPU Kota Gorontalo",
]
# The demo has no 2023 plan for these two: "belum disetujui" in the booklet.
WITHOUT_PLAN = {"KPU Kabupaten Gorontalo", "KPU Kabupaten Gorontalo Utara"}


def approve_gorontalo_province(year=2023):
    """Take every current Gorontalo plan of ``year`` through submit and approval (the demo
    has them as draft, submitted, returned and approved); returns the approved plans by
    satker name."""
    plans = RencanaAksi.objects.current().filter(year=year, satker__code__contains="GORONTALO")
    plans |= RencanaAksi.objects.current().filter(year=year, satker__parent__code=GORONTALO)
    for plan in plans.exclude(status=RencanaAksi.Status.APPROVED).select_related("satker"):
        planner = RoleFactory(user__username=f"cetak.perencana.{plan.pk}", satker=plan.satker).user
        secretary = RoleFactory(
            user__username=f"cetak.sekretaris.{plan.pk}",
            satker=plan.satker,
            role=SatkerRole.Role.SEKRETARIS,
        ).user
        if plan.status != RencanaAksi.Status.SUBMITTED:
            workflow.submit(plan, planner)
        workflow.approve(plan, secretary, {"signatory_name": "Sekretaris"})
    approved = RencanaAksi.objects.filter(year=year, status=RencanaAksi.Status.APPROVED)
    return {plan.satker.name: plan for plan in approved.select_related("satker")}


def pages_text(content):
    return [page.extract_text() for page in PdfReader(BytesIO(content)).pages]


def outline_titles(content):
    """The booklet's bookmarks, nested ones included, in order."""
    titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(PdfReader(BytesIO(content)).outline)
    return titles


def private_roots(settings, tmp_path):
    """MEDIA_ROOT (the stored PDFs of approved versions) and the private storage (the
    printed files) in the test's own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {**settings.STORAGES["private"], "OPTIONS": {"location": tmp_path / "private"}},
    }
    settings.SITE_URL = "https://renaksi.example.go.id/"
    return tmp_path


def check_gorontalo_booklet(content, approved):
    """The booklet of the Gorontalo province: cover, contents listing all seven satkers in
    print order (each approved one with its code and first page, the two without a plan as
    "belum disetujui"), then each approved plan's pages numbered on their own and carrying
    its own verification code; one bookmark per plan. Returns the pages' text."""
    pages = pages_text(content)
    assert "BUKU RENCANA AKSI" in pages[0]
    assert "5 rencana aksi disetujui dari 7 satker" in pages[0]
    assert "2 satker belum disetujui" in pages[0]
    contents = "\n".join(text for text in pages[:3] if "Daftar isi" in text)
    lines = [line for line in contents.splitlines() if line[:1].isdigit()]
    assert len(lines) == len(ORDER)
    page = None
    for number, (line, name) in enumerate(zip(lines, ORDER, strict=True), start=1):
        assert line.startswith(f"{number} {name} ")
        if name in WITHOUT_PLAN:
            assert line.endswith("belum disetujui -")
            continue
        plan = approved[name]
        assert plan.verification_code in line
        start = int(line.rsplit(" ", 1)[1])
        assert page is None or start > page
        page = start
        own = [text for text in pages[start - 1 :] if plan.verification_code in text]
        assert own and f"Halaman 1 dari {len(own)}" in pages[start - 1]
        for index, text in enumerate(own, start=1):
            assert text is pages[start - 2 + index]
            assert f"Halaman {index} dari {len(own)}" in text
    assert page + len(own) - 1 == len(pages)
    assert outline_titles(content) == [
        "Sampul dan daftar isi",
        *(name for name in ORDER if name not in WITHOUT_PLAN),
    ]
    return pages
