"""How the admin keeps the plan tree's rules: every write under the plan's lock.

A node's plan is never a form field: it is its parent's (a sasaran strategis names its plan
when added, and keeps it). A parent is chosen among the nodes of plans that may still change,
and an existing node moves only within its own plan, so its descendants stay in that plan
too. Every write - the form, its inlines, a delete, "delete selected", a confirmed import -
goes through ``writes.locked_plan`` with the rule "the plan may still change", checked again
on the locked row; a refusal found there shows as an admin message and leaves nothing written.
"""

from contextlib import ExitStack, contextmanager

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plans import writes
from plans.models import (
    LEVELS,
    TREE,
    RencanaAksi,
    RencanaKegiatan,
    level_of,
    path_between,
)

PLAN_FILTERS = ["plan__satker", "plan__year", "plan__status"]

REFUSED = gettext_lazy(
    "Rencana aksi ini sudah diajukan, disetujui atau bukan versi terkini, jadi tidak dapat "
    "diubah. Tidak ada yang disimpan."
)
GONE = gettext_lazy("Data ini sudah dihapus atau dipindah orang lain. Tidak ada yang disimpan.")
MERGED_IN_THE_WAY = gettext_lazy(
    "Di sasaran program asal atau tujuan ada baris yang digabung ke beberapa indikator; "
    "lepaskan gabungannya dulu sebelum memindahkan."
)


def _plan_of(obj):
    return obj if isinstance(obj, RencanaAksi) else obj.plan


def _plan_id(obj):
    return obj.pk if isinstance(obj, RencanaAksi) else obj.plan_id


def parent_name(model):
    """The field holding a node's parent; a sasaran strategis hangs from the plan itself."""
    return level_of(model).parent_field or "plan"


def editable_plans():
    """Plans the admin may change: the latest version, draft or returned."""
    return RencanaAksi.objects.filter(
        is_latest=True, status__in=RencanaAksi.EDITABLE_STATUSES
    ).select_related("satker")


def may_still_change(user, plan):
    """The admin's rule for ``writes.locked_plan``: staff may change any plan that may still
    change (``is_editable``), whatever their satker."""
    return plan.is_editable


def in_plan(node, plan):
    """Whether ``node`` still exists in ``plan`` (read under the plan's lock)."""
    return type(node).objects.filter(pk=node.pk, plan=plan).exists()


def concrete_fields(node):
    return {field.name for field in node._meta.concrete_fields}


class Refused(Exception):
    """A change the plan's rules do not allow, found under the lock: shown as a message."""


@contextmanager
def editable_plan(request, plan):
    """``writes.locked_plan`` with the admin's rule; its refusal becomes ``Refused``."""
    try:
        with writes.locked_plan(plan, request.user, allowed=may_still_change) as locked:
            yield locked
    except (PermissionDenied, RencanaAksi.DoesNotExist):
        raise Refused(REFUSED) from None


def merged_lines_in_the_way(node, parent):
    """Whether moving ``node`` under ``parent`` would leave or enter a sasaran program with
    lines merged over several indicators: those cells follow the order of the indicators and
    their lines, so the planner unmerges them first (as for reordering in the workspace)."""
    program = LEVELS["program"]
    if TREE.index(level_of(node)) <= TREE.index(program):
        return False  # a whole sasaran program moves with its merged lines
    programs = [
        type(item)
        .objects.filter(pk=item.pk)
        .values_list(path_between(level_of(item), program) or "pk", flat=True)
        .first()
        for item in (node, parent)
    ]
    lines = {f"{path_between(TREE[-1], program)}__in": programs, "indikator_span__gt": 1}
    return RencanaKegiatan.objects.filter(**lines).exists()


def place_last(node):
    """An added node without an order goes after its siblings (under the plan's lock)."""
    if not node.order:
        name = parent_name(type(node))
        siblings = type(node).objects.filter(**{f"{name}_id": getattr(node, f"{name}_id")})
        node.order = (siblings.aggregate(last=Max("order"))["last"] or 0) + 1


class NodeAdminForm(forms.ModelForm):
    """A node's admin form: a new node's parent is chosen in a plan that may still change, an
    existing node's within its own plan; an empty order puts a new node last."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        order = self.fields.get("order")
        if order is not None and self.instance._state.adding:
            order.required = False
            order.initial = None
            order.help_text = _("Kosongkan untuk menaruhnya di akhir.")
            self.initial.pop("order", None)
        field = self.fields.get(parent_name(self._meta.model))
        if not isinstance(field, forms.ModelChoiceField):
            return
        if field.queryset.model is RencanaAksi:
            field.queryset = editable_plans()
            field.error_messages["invalid_choice"] = _(
                "Pilih rencana aksi yang masih dapat diubah (draf atau dikembalikan)."
            )
            return
        nodes = field.queryset.select_related("plan__satker")
        if self.instance._state.adding:
            field.queryset = nodes.filter(plan__in=editable_plans())
            field.error_messages["invalid_choice"] = _(
                "Pilih induk di rencana aksi yang masih dapat diubah (draf atau dikembalikan)."
            )
        else:
            field.queryset = nodes.filter(plan=self.instance.plan_id)
            field.error_messages["invalid_choice"] = _(
                "Data ini hanya dapat dipindah di dalam rencana aksinya sendiri."
            )
        field.label_from_instance = self.label_with_plan

    @staticmethod
    def label_with_plan(node):
        plan = node.plan
        return f"{node} ({plan.satker.code} {plan.year} v{plan.version})"

    def clean(self):
        cleaned = super().clean()
        name = parent_name(self._meta.model)
        parent = cleaned.get(name)
        moved = not self.instance._state.adding and parent is not None
        moved = moved and getattr(self.instance, f"{name}_id") != parent.pk
        # A hint for the page; save_model checks again under the plan's lock.
        if moved and merged_lines_in_the_way(self.instance, parent):
            self.add_error(name, MERGED_IN_THE_WAY)
        return cleaned


class FrozenPlanMixin:
    """A submitted or approved plan changes only through the workflow (return, revision):
    the admin shows it read-only, like the planner pages do."""

    def has_change_permission(self, request, obj=None):
        if obj is not None and not _plan_of(obj).is_editable:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not _plan_of(obj).is_editable:
            return False
        return super().has_delete_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        if obj is not None and not _plan_of(obj).is_editable:
            return False
        if isinstance(self, admin.options.InlineModelAdmin):
            return super().has_add_permission(request, obj)
        return super().has_add_permission(request)


class GuardedPlanAdmin(FrozenPlanMixin):
    """Every write of a plan or node admin under the plan's lock. The permission checks above
    only shape the pages; a refusal found under the lock rolls the whole request back (Django
    runs the form and delete views in one transaction, actions are wrapped here) and is shown
    as an error message."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except Refused as refusal:
            return self.refuse(request, refusal, request.get_full_path())

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except Refused as refusal:
            opts = self.opts
            url = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change",
                args=[object_id],
                current_app=self.admin_site.name,
            )
            return self.refuse(request, refusal, url)

    def response_action(self, request, queryset):
        try:
            with transaction.atomic():
                return super().response_action(request, queryset)
        except Refused as refusal:
            return self.refuse(request, refusal, request.get_full_path())

    def refuse(self, request, refusal, url):
        self.message_user(request, str(refusal), messages.ERROR)
        return HttpResponseRedirect(url)

    def save_formset(self, request, form, formset, change):
        """The inline rows of ``form.instance``: added ones go last, changed ones write the
        fields that changed, deleted ones go with what hangs below them."""
        with editable_plan(request, _plan_id(form.instance)) as plan:
            formset.save(commit=False)
            for node in formset.deleted_objects:
                type(node).objects.filter(pk=node.pk, plan=plan).delete()
            for node in formset.new_objects:
                place_last(node)
                node.save()
            for node, changed in formset.changed_objects:
                names = [name for name in changed if name in concrete_fields(node)]
                current = type(node).objects.select_for_update().filter(pk=node.pk, plan=plan)
                current = current.first()
                if current is None:
                    raise Refused(GONE)
                for name in names:
                    setattr(current, name, getattr(node, name))
                writes.save_fields(current, names)

    def delete_model(self, request, obj):
        with editable_plan(request, _plan_id(obj)):
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        """For "delete selected": every plan touched is locked (in pk order, so two bulk
        deletes cannot deadlock) and must still be changeable."""
        path = "pk" if queryset.model is RencanaAksi else "plan"
        plans = sorted(set(queryset.values_list(path, flat=True)))
        with ExitStack() as locks:
            for plan in plans:
                locks.enter_context(editable_plan(request, plan))
            super().delete_queryset(request, queryset)


class NodeAdmin(GuardedPlanAdmin):
    """A level of the tree: its plan shown, never edited; written under the plan's lock."""

    form = NodeAdminForm
    list_filter = PLAN_FILTERS

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is None and parent_name(self.model) != "plan":
            return [name for name in fields if name != "plan"]  # derived from the parent
        return fields

    def get_readonly_fields(self, request, obj=None):
        readonly = [*super().get_readonly_fields(request, obj)]
        if obj is not None or parent_name(self.model) != "plan":
            readonly.append("plan")
        return readonly

    def save_model(self, request, obj, form, change):
        parent = getattr(obj, parent_name(type(obj)))
        with editable_plan(request, obj.plan_id if change else _plan_id(parent)) as plan:
            if not isinstance(parent, RencanaAksi) and not in_plan(parent, plan):
                raise Refused(GONE)
            if not change:
                place_last(obj)
                obj.save()
                return
            current = type(obj).objects.select_for_update().filter(pk=obj.pk, plan=plan).first()
            if current is None:
                raise Refused(GONE)
            moved = getattr(current, f"{parent_name(type(obj))}_id") != parent.pk
            if moved and merged_lines_in_the_way(current, parent):
                raise Refused(MERGED_IN_THE_WAY)
            writes.save_fields(current, writes.apply_form(form, current))
