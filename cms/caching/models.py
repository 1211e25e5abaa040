from django.db import models


class ContentClock(models.Model):
    """One row: when content that the public may see last changed. Only ever
    moves forward (cms.caching.clock.mark_content_changed), so Last-Modified
    never goes backwards, across processes and restarts."""

    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = "content clock"

    def __str__(self):
        return self.changed_at.isoformat()
