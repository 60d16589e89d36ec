"""Background jobs: a print run's parts and its assembly, on RQ when ``REDIS_URL`` is set, in a
thread of the web process (or the command's own process) when it is not.

Each approved plan is one ``render_part`` job, so N workers render N plans at once; the
``assemble`` job depends on all of them (``allow_failure``: it also runs after a part failed
for good, to say so). Every job is idempotent - a part marks itself done once, an output is
written aside and renamed over the same name - so RQ may retry it: a job whose worker died is
found abandoned (``StartedJobRegistry.cleanup``, which the status page also runs), retried
while it has retries left, and otherwise ends the run failed with a message the user reads.
"""

import logging
import threading

from django.conf import settings
from django.db import connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from printing import booklet
from printing.models import PrintPart, PrintRun

log = logging.getLogger("renaksi.printing")
PART_RETRIES = 2
ASSEMBLY_RETRIES = 1
QUEUE = "default"


def uses_queue():
    """Whether jobs go to RQ (``REDIS_URL`` set) rather than run in-process."""
    return bool(settings.REDIS_URL)


def get_queue():
    import django_rq

    return django_rq.get_queue(QUEUE)


def part_job_id(run_id, part_id):
    return f"cetak-{run_id}-bagian-{part_id}"


def assembly_job_id(run_id):
    return f"cetak-{run_id}-susun"


def create_run(satker, year, fmt, site_url, user=None):
    """A queued run of ``satker``'s scope with one part per satker in print order; ``None``
    when no satker of the scope has an approved plan for ``year`` (nothing to print)."""
    satkers = booklet.scope_satkers(satker)
    plans = booklet.approved_plans(satkers, year)
    if not plans:
        return None
    with transaction.atomic():
        run = PrintRun.objects.create(
            satker=satker, year=year, format=fmt, site_url=site_url, requested_by=user
        )
        PrintPart.objects.bulk_create(
            PrintPart(run=run, position=number, satker=each, plan=plans.get(each.pk))
            for number, each in enumerate(satkers, start=1)
        )
    return run


def start(run):
    """Send ``run`` to the workers (or a thread) once the transaction that made it commits."""
    if uses_queue():
        transaction.on_commit(lambda: enqueue(run.pk))
    else:
        transaction.on_commit(lambda: run_in_thread(run.pk))


def enqueue(run_id):
    """One job per approved part, then the assembly depending on them all."""
    from rq import Callback, Retry
    from rq.job import Dependency

    queue = get_queue()
    parts = PrintPart.objects.filter(run_id=run_id, plan__isnull=False).values_list("pk", flat=True)
    jobs = [
        queue.enqueue(
            render_part,
            run_id,
            part_id,
            job_id=part_job_id(run_id, part_id),
            retry=Retry(max=PART_RETRIES),
            on_failure=Callback(part_failed),
            description=f"cetak {run_id}: bagian {part_id}",
        )
        for part_id in parts
    ]
    return queue.enqueue(
        assemble,
        run_id,
        job_id=assembly_job_id(run_id),
        depends_on=Dependency(jobs=jobs, allow_failure=True),
        retry=Retry(max=ASSEMBLY_RETRIES),
        on_failure=Callback(assembly_failed),
        description=f"cetak {run_id}: susun",
    )


def render_part(run_id, part_id):
    """Job: store one approved plan's PDF (and Excel for a ZIP) and mark its part done."""
    run = PrintRun.objects.select_related("satker").get(pk=run_id)
    _mark_running(run_id)
    part = PrintPart.objects.select_related("satker", "plan__satker").get(pk=part_id, run=run)
    booklet.render_part(run, part)
    PrintPart.objects.filter(pk=part.pk, done_at__isnull=True).update(done_at=timezone.now())


def assemble(run_id):
    """Job: the booklet or ZIP from the stored parts, under its final name; the run done.
    A part that never finished (failed for good) fails the run instead."""
    run = PrintRun.objects.select_related("satker").get(pk=run_id)
    parts = list(run.parts.select_related("satker", "plan__satker"))
    missing = [part for part in parts if part.plan and not part.done_at]
    if missing:
        names = ", ".join(part.satker.name for part in missing)
        fail(run_id, _("Rencana aksi %(names)s tidak selesai dicetak.") % {"names": names})
        return None
    _mark_running(run_id)
    name = booklet.write_output(run, parts)
    PrintRun.objects.filter(pk=run_id).update(
        status=PrintRun.Status.DONE, output=name, error="", finished_at=timezone.now()
    )
    log.info("print_run", extra={"run": run_id, "satker": run.satker.code, "parts": len(parts)})
    return name


def fail(run_id, message):
    """End the run failed with ``message`` (for its page), unless it already finished."""
    text = _("%(message)s Silakan cetak ulang; bila terulang, hubungi admin.") % {
        "message": message
    }
    changed = PrintRun.objects.filter(pk=run_id).exclude(status__in=PrintRun.FINISHED)
    changed.update(status=PrintRun.Status.FAILED, error=text, finished_at=timezone.now())
    log.warning("print_run_failed", extra={"run": run_id, "reason": message})


def _mark_running(run_id):
    PrintRun.objects.filter(pk=run_id, status=PrintRun.Status.QUEUED).update(
        status=PrintRun.Status.RUNNING, started_at=timezone.now()
    )


def reason(exc_type):
    """Why a job stopped, in words for the user."""
    from rq.exceptions import AbandonedJobError
    from rq.timeouts import JobTimeoutException

    if exc_type is not None and issubclass(exc_type, AbandonedJobError):
        return _("pekerja (worker) berhenti di tengah pekerjaan")
    if exc_type is not None and issubclass(exc_type, JobTimeoutException):
        return _("pekerjaan melewati batas waktu")
    return _("terjadi kesalahan (%(error)s)") % {"error": getattr(exc_type, "__name__", "?")}


def part_failed(job, connection, exc_type, exc_value, tb):
    """RQ failure callback of a part: nothing while RQ will try again, else fail the run."""
    if job.retries_left:
        return
    run_id, part_id = job.args
    part = PrintPart.objects.select_related("satker").filter(pk=part_id).first()
    name = part.satker.name if part else part_id
    fail(
        run_id,
        _("Rencana aksi %(name)s tidak dapat dicetak: %(reason)s.")
        % {"name": name, "reason": reason(exc_type)},
    )


def assembly_failed(job, connection, exc_type, exc_value, tb):
    """RQ failure callback of the assembly: nothing while RQ will try again, else fail."""
    if job.retries_left:
        return
    fail(job.args[0], _("Buku tidak dapat disusun: %(reason)s.") % {"reason": reason(exc_type)})


def refresh(run):
    """Bring ``run`` up to date with the queue before showing it: abandoned jobs (a worker
    that died) are retried or failed now rather than at a worker's next maintenance, and a
    run whose jobs the queue lost or failed without a callback ends failed. Returns whether
    a worker is listening, or ``None`` when Redis cannot be reached."""
    from redis.exceptions import RedisError
    from rq import Worker
    from rq.exceptions import NoSuchJobError
    from rq.job import Job, JobStatus

    if run.is_finished:
        return True
    if not uses_queue():
        _fail_if_stale(run)
        return True
    try:
        queue = get_queue()
        queue.started_job_registry.cleanup()
        try:
            status = Job.fetch(assembly_job_id(run.pk), connection=queue.connection).get_status()
        except NoSuchJobError:
            status = None
        if status is None:
            fail(run.pk, _("Pekerjaan cetak ini tidak ada lagi di antrean."))
        elif status in (JobStatus.FAILED, JobStatus.STOPPED, JobStatus.CANCELED):
            fail(run.pk, _("Buku tidak dapat disusun."))
        listening = Worker.count(queue=queue) > 0
    except RedisError:
        return None
    run.refresh_from_db()
    return listening


def _fail_if_stale(run):
    """In-process mode: a run older than a job's time limit lost its thread (the server
    restarted); say so instead of polling forever."""
    limit = settings.RQ_QUEUES[QUEUE]["DEFAULT_TIMEOUT"]
    if (timezone.now() - run.created_at).total_seconds() > limit:
        fail(run.pk, _("Pencetakan terhenti sebelum selesai (server dimulai ulang?)."))
        run.refresh_from_db()


def run_in_thread(run_id):
    """In-process mode (no ``REDIS_URL``): the run's jobs one after another in a thread of
    this process, so ``make run`` prints without Redis."""
    thread = threading.Thread(target=_in_thread, args=(run_id,), daemon=True)
    thread.start()
    return thread


def _in_thread(run_id):
    try:
        run_inline(run_id)
    finally:
        connections.close_all()  # this thread's own connections


def run_inline(run_id):
    """Every job of ``run_id`` in this thread, in order; a failure ends the run failed."""
    parts = PrintPart.objects.filter(run_id=run_id, plan__isnull=False).select_related("satker")
    for part in parts:
        try:
            render_part(run_id, part.pk)
        except Exception as error:
            log.exception("print_part_failed", extra={"run": run_id, "part": part.pk})
            message = _("Rencana aksi %(name)s tidak dapat dicetak: %(reason)s.")
            fail(run_id, message % {"name": part.satker.name, "reason": reason(type(error))})
            return
    try:
        assemble(run_id)
    except Exception as error:
        log.exception("print_assembly_failed", extra={"run": run_id})
        fail(run_id, _("Buku tidak dapat disusun: %(reason)s.") % {"reason": reason(type(error))})
