"""Content-Security-Policy (django-csp): the site's own scripts and styles only, loosened for
the Django admin, whose third-party pages carry a few inline styles and one handler."""

from csp.constants import UNSAFE_HASHES, UNSAFE_INLINE
from csp.middleware import CSPMiddleware

ADMIN_PREFIX = "/admin/"
# Django's change list writes a <style> element and django-simple-history style="..."
# attributes; django-import-export's export page has onchange="onSelectToggleChange(event)",
# allowed by its hash alone. Inline <script> elements stay refused in the admin too.
ADMIN_ADDITIONS = {
    "style-src": [UNSAFE_INLINE],
    "script-src-attr": [UNSAFE_HASHES, "'sha256-wid4zL8fR53ZYy1ljOepzR77Dn6vWUUxuNnnWWBP3I8='"],
}


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's additions under ADMIN_PREFIX."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(ADMIN_PREFIX) and parts.update is None:
            parts.update = ADMIN_ADDITIONS
        return parts
