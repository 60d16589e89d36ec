"""Changing a plan's tree one node at a time: add, save (with its edit counter), delete,
reorder, span a line over more indicators and toggle a month.

Every function here takes the user asking and changes the database inside
``writes.locked_plan``: one transaction, the plan row locked and the right to edit checked
again on it. It raises ValidationError with an Indonesian message when the change would
leave the matrix in a shape it cannot print.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.http import Http404
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from budgets.rupiah import format_thousands
from plans import forms
from plans.models import (
    TREE,
    IndikatorKinerja,
    Kegiatan,
    Level,
    RencanaKegiatan,
    SasaranProgram,
    SasaranStrategis,
    level_below,
    level_of,
    path_between,
)
from plans.vocabulary import MONTH_NAMES
from plans.writes import EditConflict, apply_form, check_version, locked_plan, save_fields


@dataclass(frozen=True)
class Kind:
    """A tree level as the workspace edits it: the level and the form of its nodes."""

    level: Level
    form: type

    @property
    def slug(self):
        return self.level.slug

    @property
    def model(self):
        return self.level.model

    @property
    def parent_field(self):
        """None: the parent is the plan itself."""
        return self.level.parent_field

    @property
    def parent(self):
        index = TREE.index(self.level)
        return KINDS[TREE[index - 1].slug] if index else None

    @property
    def child(self):
        """Slug of the level below (None for the line)."""
        below = level_below(self.level)
        return below.slug if below else None

    @property
    def child_label(self):
        below = level_below(self.level)
        return below.model._meta.verbose_name.capitalize() if below else ""


KINDS = {level.slug: Kind(level, forms.NODE_FORMS[level.model]) for level in TREE}


__all__ = ["KINDS", "EditConflict"]


def siblings(node):
    parent = level_of(node).parent_field or "plan"
    return type(node).objects.filter(**{f"{parent}_id": getattr(node, f"{parent}_id")})


def add_node(plan, kind, parent, form, by):
    """Save a new node from a valid form as the last child of ``parent``."""
    with locked_plan(plan, by) as plan:
        if parent is not None and not _still_in(parent, plan):
            raise Http404
        node = form.save(commit=False)
        node.plan = plan
        if kind.parent_field:
            setattr(node, kind.parent_field, parent)
        last = siblings(node).aggregate(last=Max("order"))["last"] or 0
        node.order = last + 1
        node.save()
        if kind.model is Kegiatan and "rencana_kegiatan" not in plan.columns:
            # Layouts without a Rencana Kegiatan column schedule the kegiatan itself: one line.
            RencanaKegiatan.objects.create(plan=plan, kegiatan=node, order=1)
        if kind.model is SasaranStrategis and "sasaran_program" not in plan.columns:
            # Without a Sasaran Program column indicators sit under one blank programme.
            SasaranProgram.objects.create(plan=plan, sasaran_strategis=node, order=1)
        return node


def save_node(form, expected_version, by):
    """Save the fields of an edited node that its form owns, unless someone else saved the
    node since ``expected_version`` (``EditConflict``)."""
    node = form.instance
    with locked_plan(node.plan_id, by) as plan:
        current = _locked_node(node, plan)
        check_version(current, expected_version)
        return save_fields(current, apply_form(form, current))


def _locked_node(node, plan):
    """``node`` as it is now, row locked; 404 when it has left ``plan`` meanwhile."""
    current = type(node).objects.select_for_update().filter(pk=node.pk, plan=plan).first()
    if current is None:
        raise Http404
    return current


def _still_in(node, plan):
    return type(node).objects.filter(pk=node.pk, plan=plan).exists()


def delete_summary(node):
    """What goes with ``node``: ``[(verbose name, count), ...]`` for the confirmation page."""
    summary, level = [], level_of(node)
    lower = level_below(level)
    while lower:
        count = lower.model.objects.filter(**{path_between(lower, level): node}).count()
        if count:
            summary.append((lower.model._meta.verbose_name_plural, count))
        lower = level_below(lower)
    return summary


def delete_node(node, by):
    with locked_plan(node.plan_id, by) as plan:
        node = _locked_node(node, plan)
        order = list(siblings(node).exclude(pk=node.pk))
        node.delete()
        _renumber(order)


def move_node(node, step, by):
    """Move ``node`` one place up (-1) or down (+1) among its siblings."""
    with locked_plan(node.plan_id, by) as plan:
        node = _locked_node(node, plan)
        _refuse_if_spans_depend_on_order(node)
        nodes = list(siblings(node).select_for_update())
        index = next(i for i, other in enumerate(nodes) if other.pk == node.pk)
        target = index + step
        if 0 <= target < len(nodes):
            nodes[index], nodes[target] = nodes[target], nodes[index]
            _renumber(nodes)


def _renumber(nodes):
    for order, node in enumerate(nodes, start=1):
        node.order = order
    if nodes:
        bulk_update_with_history(nodes, type(nodes[0]), ["order"])


def _refuse_if_spans_depend_on_order(node):
    """A merged line follows the order of indicators and lines; reordering under it would
    silently change what it covers, so the planner unmerges it first."""
    if isinstance(node, IndikatorKinerja):
        spanning = RencanaKegiatan.objects.filter(
            kegiatan__indikator__sasaran_program=node.sasaran_program_id, indikator_span__gt=1
        )
    elif isinstance(node, Kegiatan | RencanaKegiatan):
        indikator = node.indikator_id if isinstance(node, Kegiatan) else node.kegiatan.indikator_id
        spanning = RencanaKegiatan.objects.filter(
            kegiatan__indikator=indikator, indikator_span__gt=1
        )
    else:
        return
    if spanning.exists():
        raise ValidationError(
            _(
                "Urutan ini dipakai oleh baris yang digabung ke beberapa indikator; "
                "lepaskan gabungannya dulu."
            )
        )


def change_span(line, step, by):
    """Let ``line`` cover one indicator more (+1) or fewer (-1) of its sasaran program.

    Only the last line of an indicator may reach down, and only over indicators that have
    no lines of their own, so that the merged cell stays one block.
    """
    with locked_plan(line.plan_id, by) as plan:
        line = _locked_node(line, plan)
        new_span = line.indikator_span + step
        if new_span < 1:
            raise ValidationError(_("Baris ini sudah hanya mencakup satu indikator."))
        if step > 0:
            _check_can_extend(line, new_span)
        line.indikator_span = new_span
        return save_fields(line, ["indikator_span"])


def _check_can_extend(line, new_span):
    indikator = line.kegiatan.indikator
    indicators = list(
        IndikatorKinerja.objects.filter(sasaran_program=indikator.sasaran_program_id).values_list(
            "pk", flat=True
        )
    )
    index = indicators.index(indikator.pk)
    if index + new_span > len(indicators):
        raise ValidationError(_("Tidak ada indikator berikutnya dalam sasaran program ini."))
    last_own = (
        RencanaKegiatan.objects.filter(kegiatan__indikator=indikator)
        .order_by("-kegiatan__order", "-kegiatan__pk", "-order", "-pk")
        .values_list("pk", flat=True)
        .first()
    )
    if last_own != line.pk:
        raise ValidationError(
            _("Hanya baris terakhir sebuah indikator yang dapat digabung ke indikator berikutnya.")
        )
    passed = indicators[index + 1 : index + new_span - 1]
    if RencanaKegiatan.objects.filter(kegiatan__indikator__in=passed).exists():
        raise ValidationError(
            _("Indikator yang dilewati gabungan ini sudah punya rencana kegiatan sendiri.")
        )


def set_month(line, month, scheduled, by):
    """Schedule (or unschedule) ``line`` in ``month``; the desired state is explicit, so two
    planners clicking the same cell agree instead of undoing each other."""
    with locked_plan(line.plan_id, by) as plan:
        line = _locked_node(line, plan)
        field = f"b{month}"
        if getattr(line, field) != scheduled:
            setattr(line, field, scheduled)
            save_fields(line, [field, *_drop_month_amount(line, month, scheduled)])
        return line


def _drop_month_amount(line, month, scheduled):
    """Unscheduling a month leaves no amount on it: an empty one goes with the month, one
    with money is refused, so the amounts per month keep adding up to the cost."""
    amount = (line.month_amounts or {}).get(str(month))
    if scheduled or amount is None:
        return []
    if amount:
        raise ValidationError(
            _(
                "Bulan %(month)s punya rincian biaya Rp %(amount)s; pindahkan rinciannya di "
                "penyunting baris sebelum membatalkan jadwal bulan ini."
            )
            % {"month": MONTH_NAMES[month - 1], "amount": format_thousands(amount)}
        )
    line.month_amounts = {
        key: value for key, value in line.month_amounts.items() if key != str(month)
    }
    return ["month_amounts"]
