"""Downloads of a plan's printable matrix: the PDF to sign and the Excel to keep working in."""

import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from plans.access import get_plan_for_user
from plans.exports.common import export_filename
from plans.exports.pdf import render_pdf_cached
from plans.exports.xlsx import workbook_bytes
from renaksi.logging import timed

log = logging.getLogger("renaksi.exports")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


CONTENT_TYPES = {"pdf": "application/pdf", "xlsx": XLSX_TYPE}


def download_views(get_for_user, renderers, filename, event, field):
    """A login-only GET view ``(request, pk)`` for each format of ``renderers``
    (``{extension: render(obj, site_url)}``, in order): the object ``get_for_user(user, pk)``
    rendered, as an attachment named ``filename(obj, extension)``, timed in the log as
    ``event`` with the object's pk as ``field``."""

    def view_for(extension):
        @require_GET
        @login_required
        def view(request, pk):
            obj = get_for_user(request.user, pk)
            fields = {"user": request.user.username, field: obj.pk, "format": extension}
            with timed(log, event, **fields) as info:
                content = renderers[extension](obj, site_url(request))
                info["bytes"] = len(content)
            return _attachment(content, CONTENT_TYPES[extension], filename(obj, extension))

        return view

    return [view_for(extension) for extension in renderers]


# The plan as a landscape PDF (an approved version comes from the stored rendering) and as an
# Excel workbook with the same rows, merges and signatory.
PLAN_RENDERERS = {"pdf": render_pdf_cached, "xlsx": workbook_bytes}
plan_pdf, plan_xlsx = download_views(
    get_plan_for_user, PLAN_RENDERERS, export_filename, "export", "plan"
)


def site_url(request):
    """Where a download's verification address points: ``settings.SITE_URL``, except in
    development, where it is the host the developer is browsing (``127.0.0.1:8000``, a LAN
    address), so a printed QR code leads somewhere real."""
    return request.build_absolute_uri("/") if settings.DEBUG else settings.SITE_URL


def _attachment(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
