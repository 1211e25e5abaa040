"""Change history, withdrawal and 410 Gone (GOV.UK's model).

- An edit is *major* (with a change note) or *minor*. When a major edit is
  published, its note joins the page's `change_history` ("Updates to this
  page") and `last_major_change_at` ("Last updated") moves; a minor edit moves
  neither. The edit form starts every new edit as minor with an empty note
  (cms.page_forms.BasePageForm), so a note is recorded once, not with each later
  publication; a pending draft keeps what its author chose.
- A page published with *withdrawn* ticked gets its `withdrawn_at` date and a
  `Withdrawal` row (its translation group then leaves listings: cms.visibility)
  and `cms.signals.page_withdrawn` is sent; publishing it unticked brings it back.
- A page that is unpublished or deleted leaves a `GonePage` with its address and
  its section: `GoneMiddleware` answers 410 Gone there (instead of 404), with
  links to the section, until a page answers that address again. A live page
  past its expiry answers the same 410 before the cron unpublishes it
  (`expired_response`, from the on_serve_page rule in cms.wagtail_hooks). The
  410 page never prints the removed page's title."""

from django.db.models.signals import pre_delete
from django.shortcuts import render
from django.utils import timezone, translation
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished

from cms.caching.fragments import cached
from cms.models import BasePage, GonePage, Withdrawal
from cms.signals import page_withdrawn
from cms.visibility import publicly_visible

__all__ = [
    "GoneMiddleware",
    "connect",
    "expired_response",
    "gone_response",
    "record_publication",
    "withdrawal_of",
]


def record_publication(page, now=None):
    """Update the page's history for this publication (called on page_published)."""
    now = now or timezone.now()
    changes = {}
    note = (page.change_note or "").strip()
    history = list(page.change_history or [])
    # A first publication (also of a new translation, which copies its source's
    # choice) is no change to announce.
    first = page.first_published_at is not None and page.first_published_at == page.last_published_at
    alias = page.alias_of_id is not None  # shows its source's content; its own history starts when translated
    if (
        page.major_change
        and note
        and not first
        and not alias
        and (not history or history[-1]["note"] != note)
    ):
        history.append({"at": now.isoformat(), "note": note})
        changes["change_history"] = history
        changes["last_major_change_at"] = now
    withdrawn_now = False
    if page.withdrawn and page.withdrawn_at is None:
        changes["withdrawn_at"] = now
        Withdrawal.objects.update_or_create(
            page_id=page.pk, defaults={"translation_key": page.translation_key, "withdrawn_at": now}
        )
        withdrawn_now = True
    elif not page.withdrawn and page.withdrawn_at is not None:
        changes["withdrawn_at"] = None
        Withdrawal.objects.filter(page_id=page.pk).delete()
    if changes:
        type(page).objects.filter(pk=page.pk).update(**changes)
        for name, value in changes.items():
            setattr(page, name, value)
    GonePage.objects.filter(path=_path(page)).delete()
    if withdrawn_now and not alias:
        page_withdrawn.send(sender=type(page), instance=page, reason=page.withdrawal_reason)


def withdrawal_of(page):
    """The withdrawn page of `page`'s translation group to announce on it (itself
    when it is withdrawn, else a withdrawn translation; None when none is)."""
    if getattr(page, "withdrawn_at", None):
        return page
    if page.translation_key not in _withdrawn_groups():
        return None  # every page but the few withdrawn: no query
    row = (
        Withdrawal.objects.filter(translation_key=page.translation_key)
        .exclude(page_id=page.pk)
        .order_by("withdrawn_at")
        .first()
    )
    if row is None:
        return None
    other = row.page.specific
    return other if getattr(other, "withdrawn_at", None) else None


def _withdrawn_groups():
    """The translation keys with a withdrawn page, kept per content change."""
    return cached(
        "withdrawn-groups", lambda: frozenset(Withdrawal.objects.values_list("translation_key", flat=True))
    )


# --- 410 Gone ------------------------------------------------------------------


def _path(page):
    parts = page.get_url_parts()
    return parts[2] if parts else None


def remember_gone(page):
    """Keep the address of a page that stops being published."""
    parts = page.get_url_parts()
    if not parts:
        return
    site_id, _root, path = parts
    GonePage.objects.update_or_create(
        site_id=site_id,
        path=path,
        defaults={
            "title": page.title[:255],
            "language_code": page.locale.language_code,
            "tree_path": page.path,
            "gone_at": timezone.now(),
        },
    )


def _on_published(sender, instance, **kwargs):
    if isinstance(instance, BasePage):
        record_publication(instance)


def _on_unpublished(sender, instance, **kwargs):
    remember_gone(instance)


def _on_delete(sender, instance, **kwargs):
    # Django sends pre_delete for the Page row and for its specific row: once is enough.
    if type(instance) is Page and instance.live and instance.depth > 2:
        remember_gone(instance)


def connect():
    page_published.connect(_on_published, dispatch_uid="cms_change_history_published")
    page_unpublished.connect(_on_unpublished, dispatch_uid="cms_change_history_unpublished")
    pre_delete.connect(_on_delete, dispatch_uid="cms_change_history_deleted")


def section_links(gone):
    """The nearest publicly visible ancestor of the gone page's old place (below
    the tree root) and the pages listed in it (at most 10)."""
    steplen = Page.steplen
    prefixes = [gone.tree_path[:length] for length in range(2 * steplen, len(gone.tree_path), steplen)]
    ancestors = publicly_visible(Page.objects.filter(path__in=prefixes), include_withdrawn=True)
    section = ancestors.order_by("-depth").first()
    if section is None:
        return None, []
    section = section.specific
    children = list(publicly_visible(section.get_children()).order_by("path")[:10])
    return section, children


def gone_response(request, gone):
    """The 410 Gone page for `gone` (a GonePage, saved or not), in its language.
    It never prints the removed page's title: a page unpublished because its title
    was wrong must not show it again. It says that a page was removed, since when,
    and links to the section, the home page and the search."""
    with translation.override(gone.language_code):
        section, children = section_links(gone)
        response = render(
            request,
            "410.html",
            {"gone": gone, "section": section, "children": children},
            status=410,
        )
        response.headers["Content-Language"] = gone.language_code
    return response


def expired_response(request, page, now=None):
    """A live page past its `expire_at` is gone at once, before the
    `publish_scheduled` cron unpublishes it: the same 410 as after the cron (an
    unsaved GonePage; a GET writes nothing). None when it has not expired (a page
    not due yet stays a 404: it was never public)."""
    now = now or timezone.now()
    if not page.expire_at or page.expire_at > now:
        return None
    gone = GonePage(
        path=request.path,
        language_code=page.locale.language_code,
        tree_path=page.path,
        gone_at=page.expire_at,
    )
    return gone_response(request, gone)


class GoneMiddleware:
    """A 404 at the address of a page that was unpublished or deleted becomes
    410 Gone, in the page's language, with links to its section."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        site = Site.find_for_request(request)
        gone = GonePage.objects.filter(site=site, path=request.path).first()
        if gone is None:
            return response
        return gone_response(request, gone)
