"""The matrix tree of a plan and the one description of its levels (``TREE``).

The tree mirrors the printed matrix: SasaranStrategis -> SasaranProgram -> IndikatorKinerja
-> Kegiatan -> RencanaKegiatan (the line with its months, cost and akun). Every level keeps
an explicit ``order`` so the matrix prints in the order the planner chose, and a ``plan``
reference so that one query per level reads a whole plan and every lookup can be checked
against the plans a user may see.
"""

import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from budgets.akun import AkunError, normalise_akun, parse_akun
from budgets.rupiah import MAX_RUPIAH, format_thousands
from plans import vocabulary
from plans.models.plan import RencanaAksi
from plans.targets import parse_target


class NodeQuerySet(models.QuerySet):
    """Totals of a tree level, summed by the database over the lines below each node."""

    def with_totals(self):
        path = path_between(TREE[-1], level_of(self.model))
        lines = RencanaKegiatan.objects.filter(**{path: models.OuterRef("pk")})
        total = lines.order_by().values(path).annotate(total=Sum("biaya"))
        return self.annotate(total_biaya=models.Subquery(total.values("total")))


class PlanNode(models.Model):
    """What every level of the matrix tree has: its plan, its place, and an edit counter.

    ``lock_version`` grows with each save so that a second editor working from an older copy
    is refused instead of silently overwriting the first.
    """

    order = models.PositiveIntegerField(_("urutan"), default=0)
    lock_version = models.PositiveIntegerField(default=1)
    # The same item across the versions of a plan: copies keep it, so a revision can be
    # compared with the version it revises line by line.
    uid = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    history = HistoricalRecords(inherit=True, excluded_fields=["lock_version"])

    objects = NodeQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    # Columns save() computes from another field; a save of that field writes them too.
    derived_fields = {}

    def save(self, *args, **kwargs):
        parent_field = level_of(type(self)).parent_field
        if parent_field:
            # A node lives in its parent's plan, whatever a form or an admin page said.
            self.plan_id = getattr(self, parent_field).plan_id
        self.prepare()
        super().save(*args, **kwargs)

    def prepare(self):
        """Fill the columns derived from the content; bulk inserts call this, save() too."""
        return self


class SasaranStrategis(PlanNode):
    """A strategic goal. ``number`` is the label exactly as printed (``12``, ``6.``): the
    seeds skip and reorder numbers, so it is never recomputed."""

    plan = models.ForeignKey(
        RencanaAksi, on_delete=models.CASCADE, related_name="sasaran_strategis"
    )
    number = models.CharField(_("nomor"), max_length=10, blank=True)
    program = models.TextField(_("program"), blank=True)
    text = models.TextField(_("sasaran strategis"))

    class Meta(PlanNode.Meta):
        verbose_name = "sasaran strategis"
        verbose_name_plural = "sasaran strategis"

    def __str__(self):
        return f"{self.number} {self.text}".strip()


class SasaranProgram(PlanNode):
    """A programme goal under a strategic goal; blank in layouts without that column."""

    plan = models.ForeignKey(RencanaAksi, on_delete=models.CASCADE, related_name="sasaran_program")
    sasaran_strategis = models.ForeignKey(
        SasaranStrategis, on_delete=models.CASCADE, related_name="programs"
    )
    text = models.TextField(_("sasaran program"), blank=True)

    class Meta(PlanNode.Meta):
        verbose_name = "sasaran program"
        verbose_name_plural = "sasaran program"

    def __str__(self):
        return self.text or "(tanpa sasaran program)"


class IndikatorKinerja(PlanNode):
    """A performance indicator with its target as written (``97,5%``) and, when the text is
    a number with a unit, the figure monitoring will compare against."""

    plan = models.ForeignKey(RencanaAksi, on_delete=models.CASCADE, related_name="indikator")
    sasaran_program = models.ForeignKey(
        SasaranProgram, on_delete=models.CASCADE, related_name="indikator"
    )
    text = models.TextField(_("indikator kinerja"))
    target = models.CharField(_("target"), max_length=200, blank=True)
    target_value = models.DecimalField(
        _("nilai target"), max_digits=18, decimal_places=4, null=True, blank=True, editable=False
    )
    target_unit = models.CharField(_("satuan target"), max_length=100, blank=True, editable=False)
    target_tw1 = models.CharField(_("target TW I"), max_length=100, blank=True)
    target_tw2 = models.CharField(_("target TW II"), max_length=100, blank=True)
    target_tw3 = models.CharField(_("target TW III"), max_length=100, blank=True)
    target_tw4 = models.CharField(_("target TW IV"), max_length=100, blank=True)

    TW_FIELDS = ("target_tw1", "target_tw2", "target_tw3", "target_tw4")
    derived_fields = {"target": ("target_value", "target_unit")}

    class Meta(PlanNode.Meta):
        verbose_name = "indikator kinerja"
        verbose_name_plural = "indikator kinerja"

    def __str__(self):
        return self.text

    def prepare(self):
        """The target's figure and unit, parsed from the text as written."""
        self.target = self.target.strip()
        self.target_value, self.target_unit = parse_target(self.target)
        return self


class Kegiatan(PlanNode):
    """An activity under an indicator; its lines carry the schedule and the cost."""

    plan = models.ForeignKey(RencanaAksi, on_delete=models.CASCADE, related_name="kegiatan")
    indikator = models.ForeignKey(
        IndikatorKinerja, on_delete=models.CASCADE, related_name="kegiatan"
    )
    text = models.TextField(_("kegiatan"))

    class Meta(PlanNode.Meta):
        verbose_name = "kegiatan"
        verbose_name_plural = "kegiatan"

    def __str__(self):
        return self.text


class RencanaKegiatanQuerySet(models.QuerySet):
    def in_month(self, month):
        """Lines scheduled in ``month`` (1-12): "which lines run in May" is ``in_month(5)``."""
        if month not in vocabulary.MONTHS:
            raise ValueError(f"month must be 1-12, not {month!r}")
        return self.filter(**{vocabulary.month_field(month): True})


class RencanaKegiatan(PlanNode):
    """A planned line: text, the months it runs, its estimated cost and budget code.

    A line printed across several indicators (a merged cell in the seeds) is still one row
    here: it belongs to the kegiatan of its first indicator and ``indikator_span`` says how
    many consecutive indicators of the same sasaran program it covers, so its cost is
    counted once. In layouts without a Rencana Kegiatan column the line's text is blank and
    each kegiatan has one line.
    """

    plan = models.ForeignKey(RencanaAksi, on_delete=models.CASCADE, related_name="lines")
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.CASCADE, related_name="lines")
    text = models.TextField(_("rencana kegiatan"), blank=True)
    b1 = models.BooleanField("B1", default=False)
    b2 = models.BooleanField("B2", default=False)
    b3 = models.BooleanField("B3", default=False)
    b4 = models.BooleanField("B4", default=False)
    b5 = models.BooleanField("B5", default=False)
    b6 = models.BooleanField("B6", default=False)
    b7 = models.BooleanField("B7", default=False)
    b8 = models.BooleanField("B8", default=False)
    b9 = models.BooleanField("B9", default=False)
    b10 = models.BooleanField("B10", default=False)
    b11 = models.BooleanField("B11", default=False)
    b12 = models.BooleanField("B12", default=False)
    biaya = models.BigIntegerField(
        _("perkiraan biaya"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_RUPIAH)],
        help_text=_("Rupiah bulat; kosong berarti tanpa biaya (dicetak -)."),
    )
    month_amounts = models.JSONField(
        _("rincian biaya per bulan"),
        default=dict,
        blank=True,
        help_text=_(
            "Kosong: biaya dibagi rata ke bulan terjadwal. Diisi: Rupiah per bulan "
            '({"3": 1000000, "7": 500000}), hanya bulan terjadwal, berjumlah sama dengan biaya.'
        ),
    )
    akun = models.CharField(_("akun"), max_length=40, blank=True)
    akun_kegiatan = models.CharField(max_length=4, blank=True, editable=False)
    akun_kro = models.CharField(max_length=3, blank=True, editable=False)
    akun_ro = models.CharField(max_length=3, blank=True, editable=False)
    akun_komponen = models.CharField(max_length=3, blank=True, editable=False)
    akun_belanja = models.CharField(max_length=6, blank=True, editable=False)
    ket = models.TextField(_("keterangan"), blank=True)
    indikator_span = models.PositiveSmallIntegerField(
        _("jumlah indikator yang dicakup"), default=1, validators=[MinValueValidator(1)]
    )

    derived_fields = {
        "akun": ("akun_kegiatan", "akun_kro", "akun_ro", "akun_komponen", "akun_belanja")
    }
    objects = RencanaKegiatanQuerySet.as_manager()

    class Meta(PlanNode.Meta):
        verbose_name = "rencana kegiatan"
        verbose_name_plural = "rencana kegiatan"
        constraints = [
            models.CheckConstraint(
                condition=Q(biaya__isnull=True) | Q(biaya__gte=0),
                name="line_biaya_not_negative",
                violation_error_message="Perkiraan biaya tidak boleh negatif.",
            ),
            models.CheckConstraint(
                condition=Q(biaya__isnull=True) | Q(biaya__lte=MAX_RUPIAH),
                name="line_biaya_at_most_one_trillion",
                violation_error_message="Perkiraan biaya paling banyak Rp 1 triliun per baris.",
            ),
            models.CheckConstraint(
                condition=Q(indikator_span__gte=1),
                name="line_spans_at_least_one_indicator",
            ),
        ]

    def __str__(self):
        return self.text or self.kegiatan.text

    def clean(self):
        errors = {}
        if self.akun.strip() in {"", "-"}:
            self.akun = ""
        else:
            try:
                self.akun = str(parse_akun(self.akun))
            except AkunError as error:
                errors["akun"] = str(error)
        try:
            self.month_amounts = checked_month_amounts(self.month_amounts, self.biaya, self.months)
        except ValidationError as error:
            errors["month_amounts"] = error.messages
        if errors:
            raise ValidationError(errors)

    @property
    def months(self):
        """The scheduled months, e.g. ``[1, 4, 7]``."""
        return [
            month for month in vocabulary.MONTHS if getattr(self, vocabulary.month_field(month))
        ]

    @months.setter
    def months(self, months):
        chosen = set(months)
        for month in vocabulary.MONTHS:
            setattr(self, vocabulary.month_field(month), month in chosen)

    def prepare(self):
        """The akun normalised and its parts stored for grouping; an unparsable code (only
        possible when ``clean()`` was skipped) keeps empty parts rather than wrong ones."""
        self.akun = "" if self.akun.strip() in {"", "-"} else normalise_akun(self.akun)
        try:
            code = parse_akun(self.akun) if self.akun else None
        except AkunError:
            code = None
        parts = code.parts() if code else ("",) * 5
        (
            self.akun_kegiatan,
            self.akun_kro,
            self.akun_ro,
            self.akun_komponen,
            self.akun_belanja,
        ) = parts
        return self


def checked_month_amounts(amounts, biaya, months):
    """The planner's Rupiah per month (``{"3": 600000, "7": 400000}``) normalised, or a
    ValidationError naming each month that is wrong: only scheduled months, whole
    non-negative Rupiah, adding up to the line's cost. Empty means "spread evenly"."""
    if amounts in (None, "", {}):
        return {}
    label = _("Rincian biaya per bulan")
    if not isinstance(amounts, dict):
        raise ValidationError(
            _("%(field)s harus berupa pasangan bulan dan jumlah rupiah.") % {"field": label}
        )
    errors, clean = [], {}
    for key, amount in amounts.items():
        month = int(key) if str(key).strip().isdigit() else None
        if month not in vocabulary.MONTHS:
            errors.append(
                _("%(field)s: “%(key)s” bukan bulan; yang diharapkan 1 sampai 12.")
                % {"field": label, "key": str(key)[:20]}
            )
            continue
        name = vocabulary.MONTH_NAMES[month - 1]
        if type(amount) is not int or not 0 <= amount <= MAX_RUPIAH:
            errors.append(
                _(
                    "Rincian biaya bulan %(month)s: “%(amount)s” bukan rupiah bulat antara 0 dan "
                    "Rp 1 triliun."
                )
                % {"month": name, "amount": str(amount)[:30]}
            )
        elif month not in months:
            errors.append(
                _(
                    "Rincian biaya bulan %(month)s: bulan ini tidak dijadwalkan; jadwalkan "
                    "bulannya atau kosongkan rinciannya."
                )
                % {"month": name}
            )
        else:
            clean[str(month)] = amount
    if errors:
        raise ValidationError(errors)
    if biaya is None:
        raise ValidationError(
            _(
                "%(field)s diisi, tetapi perkiraan biaya kosong; isi perkiraan biaya atau "
                "kosongkan rinciannya."
            )
            % {"field": label}
        )
    total = sum(clean.values())
    if total != biaya:
        raise ValidationError(
            _(
                "Jumlah rincian per bulan (Rp %(total)s) tidak sama dengan perkiraan biaya "
                "(Rp %(biaya)s); selisih Rp %(diff)s."
            )
            % {
                "total": format_thousands(total),
                "biaya": format_thousands(biaya),
                "diff": format_thousands(abs(total - biaya)),
            }
        )
    return dict(sorted(clean.items(), key=lambda item: int(item[0])))


@dataclass(frozen=True)
class Level:
    """One level of the plan tree, described once for every part of Renaksi.

    ``slug`` names it in URLs and forms; ``parent_field`` is the foreign key to the level
    above (None: the plan itself); ``children`` is the key of the level below in nested data
    (fixtures, imports, copies); ``fields`` is the content a copy, an import and a
    comparison carry; ``columns`` maps the printed columns it fills to its attributes.
    """

    slug: str
    model: type
    parent_field: str | None
    children: str | None
    fields: tuple
    columns: dict


TREE = (
    Level(
        "sasaran",
        SasaranStrategis,
        None,
        "sasaran_program",
        ("number", "program", "text"),
        {"no": "number", "program": "program", "sasaran_strategis": "text"},
    ),
    Level(
        "program",
        SasaranProgram,
        "sasaran_strategis",
        "indikator",
        ("text",),
        {"sasaran_program": "text"},
    ),
    Level(
        "indikator",
        IndikatorKinerja,
        "sasaran_program",
        "kegiatan",
        ("text", "target", *IndikatorKinerja.TW_FIELDS),
        {"indikator": "text", "target": "target"},
    ),
    Level("kegiatan", Kegiatan, "indikator", "lines", ("text",), {"kegiatan": "text"}),
    Level(
        "baris",
        RencanaKegiatan,
        "kegiatan",
        None,
        ("text", "months", "biaya", "month_amounts", "akun", "ket", "indikator_span"),
        {"rencana_kegiatan": "text", "biaya": "biaya", "akun": "akun", "ket": "ket"},
    ),
)
LEVELS = {level.slug: level for level in TREE}
_BY_MODEL = {level.model: level for level in TREE}


def level_of(model):
    """The tree level of a node class or of a node."""
    return _BY_MODEL[model if isinstance(model, type) else type(model)]


def level_below(level):
    """The next level down (None below the line)."""
    index = TREE.index(level) + 1
    return TREE[index] if index < len(TREE) else None


def path_between(lower, upper):
    """The lookup from nodes of ``lower`` up to their ancestor of ``upper``:
    ``path_between(line, sasaran) == "kegiatan__indikator__sasaran_program__sasaran_strategis"``."""
    steps = TREE[TREE.index(upper) + 1 : TREE.index(lower) + 1]
    return "__".join(level.parent_field for level in reversed(steps))
