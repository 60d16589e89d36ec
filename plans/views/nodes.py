"""Editing the tree from the plan page: every action is a plain form post that htmx
enhances into a partial update of the matrix or the editor panel."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import reswap, retarget, trigger_client_event

from budgets.forms import AkunField, RupiahField
from budgets.rupiah import format_rupiah
from plans import editing
from plans.access import can_edit, get_node_for_user, get_plan_for_user
from plans.models import RencanaAksi, RencanaKegiatan, level_of
from plans.params import parse_int
from plans.views.plan import matrix_context


def get_kind(slug):
    try:
        return editing.KINDS[slug]
    except KeyError:
        raise Http404 from None


def back_to_matrix(request, plan, node=None, keep_open=False):
    """After a change: for htmx the new matrix with ``node`` marked, and out of band the page
    total, the messages and the editor (closed, or still showing ``node`` with
    ``keep_open``); a redirect to the page, at the node, otherwise."""
    if request.htmx:
        context = matrix_context(request, plan, saved=node)
        if keep_open and node is not None:
            kind = get_kind(level_of(node).slug)
            node = kind.model.objects.get(pk=node.pk)
            context.update(
                editor_context(request, kind, plan, kind.form(instance=node, plan=plan), node=node)
            )
        response = render(request, "plans/matrix_update.html", context)
        return reswap(retarget(response, "#matrix"), "outerHTML")
    anchor = f"#{level_of(node).slug}-{node.pk}" if node is not None else ""
    return redirect(f"{plan.get_absolute_url()}{anchor}")


def editor_context(request, kind, plan, form, *, node=None, parent=None, **extra):
    """What the editor panel shows: the form, and where the item sits in the tree."""
    return {
        "plan": plan,
        "kind": kind,
        "form": form,
        "node": node,
        "parent": parent,
        "ancestors": ancestors(parent if node is None else _parent_of(node)),
        "label": _label(kind),
        "editable": can_edit(request.user, plan),
        **extra,
    }


def ancestors(node):
    """``[(level name, text), ...]`` from the sasaran strategis down to ``node``'s parent
    (``node`` itself when it is the parent of an item being added)."""
    chain = []
    while node is not None and not isinstance(node, RencanaAksi):
        chain.append((type(node)._meta.verbose_name.capitalize(), str(node)))
        node = _parent_of(node)
    return chain[::-1]


def _parent_of(node):
    parent_field = level_of(node).parent_field
    return getattr(node, parent_field) if parent_field else None


def render_editor(request, template, context):
    """The editor panel alone for htmx, inside the full page otherwise."""
    context["partial"] = bool(request.htmx)
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def node_add(request, pk, slug):
    kind = get_kind(slug)
    plan = get_plan_for_user(request.user, pk, edit=True)
    parent = None
    if kind.parent_field:
        parent_kind = kind.parent
        parent_pk = parse_int(request.POST.get("parent") or request.GET.get("parent"))
        if parent_pk is None:
            raise Http404
        parent = get_node_for_user(request.user, parent_kind.model, parent_pk, edit=True)
        if parent.plan_id != plan.pk:
            raise Http404
    form = kind.form(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        node = editing.add_node(plan, kind, parent, form, request.user)
        messages.success(request, _("%(item)s ditambahkan.") % {"item": _label(kind)})
        return back_to_matrix(request, plan, node)
    context = editor_context(request, kind, plan, form, parent=parent)
    return render_editor(request, "plans/node_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def node_edit(request, slug, pk):
    kind = get_kind(slug)
    node = get_node_for_user(request.user, kind.model, pk, edit=request.method == "POST")
    plan = node.plan
    form = kind.form(request.POST or None, instance=node, plan=plan)
    conflict, conflict_values = None, []
    if request.method == "POST" and form.is_valid():
        try:
            editing.save_node(form, form.cleaned_data.get("lock_version"), request.user)
        except editing.EditConflict as error:
            conflict = error.current
            conflict_values = _values(conflict, kind.form(instance=conflict, plan=plan))
            data = request.POST.copy()
            data["lock_version"] = conflict.lock_version
            form = kind.form(data, instance=kind.model.objects.get(pk=node.pk), plan=plan)
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Data ini sudah diubah orang lain. Nilai terbaru tertera di "
                    "bawah; simpan lagi untuk menimpanya."
                ),
            )
        else:
            messages.success(request, _("%(item)s disimpan.") % {"item": _label(kind)})
            return back_to_matrix(request, plan, node)
    context = editor_context(
        request, kind, plan, form, node=node, conflict=conflict, conflict_values=conflict_values
    )
    return render_editor(request, "plans/node_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def node_delete(request, slug, pk):
    kind = get_kind(slug)
    node = get_node_for_user(request.user, kind.model, pk, edit=True)
    plan = node.plan
    if request.method == "POST":
        editing.delete_node(node, request.user)
        messages.success(request, _("%(item)s dihapus.") % {"item": _label(kind)})
        return back_to_matrix(request, plan)
    context = {
        "plan": plan,
        "kind": kind,
        "node": node,
        "label": _label(kind),
        "summary": editing.delete_summary(node),
    }
    return render_editor(request, "plans/node_delete.html", context)


@login_required
@require_POST
def node_move(request, slug, pk):
    node = get_node_for_user(request.user, get_kind(slug).model, pk, edit=True)
    step = -1 if request.POST.get("arah") == "naik" else 1
    return _rearrange(request, node, lambda: editing.move_node(node, step, request.user))


@login_required
@require_POST
def line_span(request, pk):
    line = get_node_for_user(request.user, RencanaKegiatan, pk, edit=True)
    step = 1 if request.POST.get("arah") == "tambah" else -1
    return _rearrange(request, line, lambda: editing.change_span(line, step, request.user))


def _rearrange(request, node, change):
    """Move a node or change a line's span; a refusal is a message above the matrix."""
    try:
        change()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return back_to_matrix(request, node.plan, node, keep_open=True)


@login_required
@require_POST
def month_toggle(request, pk):
    """``bulan=<line>:<month>:<1|0>`` from a month cell (static/js/renaksi.js).

    Over htmx the answer is the saved state as a ``bulanDisimpan`` event, which shades the
    cell; the 1,000-line page stays light because the cells carry no form of their own."""
    plan = get_plan_for_user(request.user, pk, edit=True)
    parts = [parse_int(part, low=0) for part in request.POST.get("bulan", "").split(":")]
    if len(parts) != 3 or None in parts:
        return HttpResponse(_("Permintaan tidak sah."), status=400)
    line_pk, month, state = parts
    if month not in range(1, 13) or state not in (0, 1):
        return HttpResponse(_("Permintaan tidak sah."), status=400)
    line = get_node_for_user(request.user, RencanaKegiatan, line_pk, edit=True)
    if line.plan_id != plan.pk:
        raise Http404
    refused = False
    try:
        line = editing.set_month(line, month, bool(state), request.user)
    except ValidationError as error:
        # Refused (a month with an amount of its own): the message, and the cell as it was.
        messages.error(request, " ".join(error.messages))
        refused = True
    if request.htmx:
        saved = {"line": line.pk, "month": month, "on": month in line.months}
        response = render(request, "plans/_messages.html") if refused else HttpResponse("")
        return trigger_client_event(response, "bulanDisimpan", saved)
    return redirect(f"{plan.get_absolute_url()}#baris-{line.pk}")


@login_required
@require_POST
def validate_field(request, field):
    """Checks a cost or akun as the planner types, answering with the message to show."""
    fields = {"biaya": RupiahField, "akun": AkunField}
    if field not in fields:
        raise Http404
    value = request.POST.get(field, "")
    try:
        fields[field]().clean(value)
    except ValidationError as error:
        return render(request, "plans/_field_check.html", {"messages": error.messages})
    return HttpResponse("")


def _label(kind):
    return kind.model._meta.verbose_name.capitalize()


def _values(node, form):
    """The newer saved values to show beside a refused edit."""
    values = []
    for name in form.fields:
        if name == "lock_version":
            continue
        value = getattr(node, name, "")
        if name == "biaya" and value is not None:
            value = format_rupiah(value)
        elif isinstance(value, bool):
            value = _("ya") if value else _("tidak")
        values.append((form.fields[name].label, "-" if value in (None, "") else value))
    return values
