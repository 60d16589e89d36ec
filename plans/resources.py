"""Flat exchange tables for the admin (django-import-export): satkers, and a plan's lines as
one row each with its whole path. Rows are matched on natural keys, never on database ids,
so a file exported from one server imports into another."""

from django.db.models import Case, IntegerField, Max, Value, When
from import_export import fields, resources, widgets

from budgets.akun import parse_akun
from budgets.rupiah import parse_rupiah
from plans.layouts import TEXT_COLUMNS
from plans.models import (
    TREE,
    IndikatorKinerja,
    RencanaAksi,
    RencanaKegiatan,
    SasaranStrategis,
    Satker,
    path_between,
)
from plans.vocabulary import MARKS_EXPECTED, MONTH_FIELDS, read_month_mark
from plans.writes import lock_plan

PATH = path_between(TREE[-1], TREE[0])  # from a line up to its sasaran strategis
# Each level's printed column for an attribute: the exchange file names columns as printed.
ATTRIBUTES_TO_COLUMN = {
    level.model: {attr: key for key, attr in level.columns.items()} for level in TREE
}


class SatkerResource(resources.ModelResource):
    """Satkers by code; the parent is named by its code too."""

    parent = fields.Field(
        attribute="parent",
        column_name="parent",
        widget=widgets.ForeignKeyWidget(Satker, field="code"),
    )

    class Meta:
        model = Satker
        fields = [
            "code",
            "name",
            "level",
            "parent",
            "city",
            "secretary_title",
            "secretary_name",
            "secretary_nip",
        ]
        import_id_fields = ["code"]
        skip_unchanged = True
        clean_model_instances = True

    def filter_export(self, queryset, **kwargs):
        # Parents before children, so the exported file imports into an empty database.
        depth = Case(
            When(level=Satker.Level.RI, then=Value(0)),
            When(level=Satker.Level.PROVINSI, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
        return queryset.select_related("parent").annotate(depth=depth).order_by("depth", "code")


class MonthWidget(widgets.Widget):
    """A month as 1 (scheduled) or 0; reads the marks the matrix importer reads (v, x, √)."""

    def clean(self, value, row=None, **kwargs):
        scheduled = read_month_mark(value)
        if scheduled is None:
            raise ValueError(f'"{value}" bukan tanda jadwal; {MARKS_EXPECTED}')
        return scheduled

    def render(self, value, obj=None, **kwargs):
        return 1 if value else 0


class RupiahWidget(widgets.Widget):
    """Whole Rupiah; ``-`` or empty is "no cost". Refuses what parse_rupiah refuses."""

    def clean(self, value, row=None, **kwargs):
        return parse_rupiah(value)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value


class AkunWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip()
        return "" if text in {"", "-"} else str(parse_akun(text))

    def render(self, value, obj=None, **kwargs):
        return value or ""


def _path_field(attribute, column_name):
    return fields.Field(attribute=attribute, column_name=column_name, readonly=True)


class PlanLineResource(resources.ModelResource):
    """One row per line with satker, year, version and its path through the tree.

    Importing adds a line (creating the missing path nodes) or updates the line found at the
    same path, and only in a plan that may still change (draft or returned).
    """

    satker = _path_field("plan__satker__code", "satker")
    tahun = _path_field("plan__year", "tahun")
    versi = _path_field("plan__version", "versi")
    nomor_sasaran = _path_field(f"{PATH}__number", "nomor_sasaran")
    sasaran_strategis = _path_field(f"{PATH}__text", "sasaran_strategis")
    sasaran_program = _path_field("kegiatan__indikator__sasaran_program__text", "sasaran_program")
    indikator = _path_field("kegiatan__indikator__text", "indikator")
    target = _path_field("kegiatan__indikator__target", "target")
    kegiatan = _path_field("kegiatan__text", "kegiatan")
    rencana_kegiatan = fields.Field(attribute="text", column_name="rencana_kegiatan")
    biaya = fields.Field(attribute="biaya", column_name="biaya", widget=RupiahWidget())
    akun = fields.Field(attribute="akun", column_name="akun", widget=AkunWidget())

    class Meta:
        model = RencanaKegiatan
        fields = [
            "satker",
            "tahun",
            "versi",
            "nomor_sasaran",
            *TEXT_COLUMNS,
            *MONTH_FIELDS,
            "biaya",
            "akun",
            "ket",
            "indikator_span",
        ]
        import_id_fields = [
            "satker",
            "tahun",
            "versi",
            "sasaran_strategis",
            "sasaran_program",
            "indikator",
            "kegiatan",
            "rencana_kegiatan",
        ]
        skip_unchanged = True

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        if f.name in MONTH_FIELDS:
            return MonthWidget
        return super().widget_from_django_field(f, default)

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("plan__satker", PATH).order_by(
            "plan__satker__code",
            "plan__year",
            "plan__version",
            f"{PATH}__order",
            "kegiatan__indikator__sasaran_program__order",
            "kegiatan__indikator__order",
            "kegiatan__order",
            "order",
        )

    def before_save_instance(self, instance, row, **kwargs):
        plan = self._editable_plan(row)
        if instance.pk:
            return
        instance.kegiatan = self._kegiatan(plan, row)
        instance.plan = plan
        instance.order = _next_order(RencanaKegiatan.objects.filter(kegiatan=instance.kegiatan))

    def _editable_plan(self, row):
        satker, year, version = row.get("satker"), row.get("tahun"), row.get("versi")
        found = RencanaAksi.objects.filter(
            satker__code=satker, year=year, version=version or 1
        ).first()
        if found is None:
            raise ValueError(f"Rencana aksi {satker} tahun {year} versi {version} tidak ada.")
        # Locked until the import's transaction ends, so no workflow step slips in between.
        plan = lock_plan(found.pk)
        if not plan.is_editable:
            raise ValueError(
                f"Rencana aksi {satker} tahun {year} versi {plan.version} berstatus "
                f"{plan.get_status_display()}; baris hanya dapat diimpor ke rencana draf atau "
                "yang dikembalikan."
            )
        return plan

    def _kegiatan(self, plan, row):
        """The path's nodes, created at the end of their parent when missing."""
        text = str(row.get("sasaran_strategis") or "").strip()
        if not text:
            raise ValueError("Kolom sasaran_strategis wajib diisi.")
        sasaran = SasaranStrategis.objects.filter(plan=plan, text=text).first()
        if sasaran is None:
            sasaran = SasaranStrategis.objects.create(
                plan=plan,
                text=text,
                number=str(row.get("nomor_sasaran") or ""),
                order=_next_order(SasaranStrategis.objects.filter(plan=plan)),
            )
        node = sasaran
        for level in TREE[1:-1]:  # programme, indicator, kegiatan: the column of its text
            node, created = _child(level, node, row, ATTRIBUTES_TO_COLUMN[level.model]["text"])
            if created and level.model is IndikatorKinerja and row.get("target"):
                node.target = str(row["target"])
                node.save()
        return node


def _child(level, parent, row, column):
    text = str(row.get(column) or "").strip()
    siblings = level.model.objects.filter(**{level.parent_field: parent})
    found = siblings.filter(text=text).first()
    if found:
        return found, False
    node = level.model(text=text, order=_next_order(siblings), **{level.parent_field: parent})
    node.save()
    return node, True


def _next_order(queryset):
    return (queryset.aggregate(last=Max("order"))["last"] or 0) + 1
