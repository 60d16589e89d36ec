"""The daily schedule for RQ's cron scheduler: ``manage.py rqcron renaksi.cron`` (``make
scheduler``, one per deployment) queues each job at its time for the workers. The times are
UTC: 23:00 is 06:00 WIB, 19:30 is 02:30 WIB."""

from rq import cron

from renaksi import jobs

cron.register(jobs.send_reminders, queue_name="default", cron="0 23 * * *")
cron.register(jobs.clean_uploads, queue_name="default", cron="30 19 * * *")
