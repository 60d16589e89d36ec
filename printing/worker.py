"""The RQ worker of ``make worker`` (settings ``RQ["WORKER_CLASS"]``)."""

from rq import Worker

# A line in the booklets' font: loads WeasyPrint, fontconfig and the font files.
WARM_UP = (
    "<style>@font-face { font-family: Renaksi; src: url(fonts/LiberationSans-Regular.ttf) }"
    "</style><p style='font-family: Renaksi'>Renaksi</p>"
)


class PrintWorker(Worker):
    """A worker that loads the print jobs and WeasyPrint's fonts once, before it forks a work
    horse per job: every horse then starts warm instead of paying the imports and the font
    set-up again for each plan."""

    def __init__(self, *args, **kwargs):
        from plans.exports.pdf import html_to_pdf
        from printing import jobs  # noqa: F401 (imported for the horses)

        html_to_pdf(WARM_UP)
        super().__init__(*args, **kwargs)
