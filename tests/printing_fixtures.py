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
