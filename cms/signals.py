"""Signals the kernel defines for feature apps and integrations (webhooks,
caches) to listen to, beside Wagtail's own (page_published, page_unpublished,
published, unpublished)."""

from django.dispatch import Signal

# Sent when a live page is marked withdrawn (GOV.UK's model: it stays readable
# with a banner, leaves listings and search). Arguments: sender (the page's
# specific class), instance (the specific page), reason (str, may be empty).
page_withdrawn = Signal()
