"""Admin for satkers, roles and every level of the plan tree: ``registry`` registers the
pages, ``guard`` keeps the tree's rules and writes under the plan's lock."""

from plans.admin import registry  # noqa: F401 (registers the admin pages)
from plans.admin.guard import FrozenPlanMixin, NodeAdminForm

__all__ = ["FrozenPlanMixin", "NodeAdminForm"]
