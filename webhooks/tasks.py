"""The background task that sends a delivery (django-tasks; immediate in tests and
`make run`, the database queue run by `manage.py db_worker` in production).
A failure here is logged, never raised into the publication that queued it."""

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def deliver(delivery_id: int):
    from webhooks.delivery import attempt

    try:
        attempt(delivery_id)
    except Exception:  # a broken delivery must not break anything else
        logger.exception("Webhook delivery %s failed unexpectedly", delivery_id)
