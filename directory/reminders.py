"""Review reminders: entries and e-services whose `last_reviewed` is more than
12 months old are listed for network staff (the report) and their institution
editors get one e-mail a month about them (`send_review_reminders`, cron).

An entry without a `last_reviewed` date is not listed (nobody recorded a
review to be renewed). Institutions are taken in their source locale
(e-services' `last_reviewed` is synchronised across locales); institutions
whose membership has ended are left out of the e-mails (their editors have no
access any more) but stay in the report."""

import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.mail import send_mail
from wagtail.models import Page

from cms.base_url import absolute_url
from directory.models import EService, InstitutionPage, ReviewReminder
from directory.network import institution_editors

logger = logging.getLogger("directory.reminders")


def review_cutoff(today=None):
    """Reviewed before this date = more than 12 months ago."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28)


def is_overdue(date, today=None):
    return date is not None and date < review_cutoff(today)


def source_institutions():
    """InstitutionPages in the locale they were created in (one per institution)."""
    first = Page.objects.filter(translation_key=OuterRef("translation_key")).order_by("pk").values("pk")[:1]
    return InstitutionPage.objects.annotate(first_pk=Subquery(first)).filter(pk=F("first_pk"))


def overdue_institutions(today=None):
    cutoff = review_cutoff(today)
    return source_institutions().filter(last_reviewed__lt=cutoff).order_by("last_reviewed", "title")


def overdue_eservices(today=None):
    cutoff = review_cutoff(today)
    return (
        EService.objects.filter(page__in=source_institutions().values("pk"), last_reviewed__lt=cutoff)
        .select_related("page")
        .order_by("last_reviewed", "page__title", "name")
    )


def month_of(today):
    return today.replace(day=1)


def _language_of(user):
    profile = getattr(user, "wagtail_userprofile", None)
    code = profile.preferred_language if profile is not None else ""
    permitted = {code for code, _name in settings.WAGTAILADMIN_PERMITTED_LANGUAGES}
    return code if code in permitted else settings.LANGUAGE_CODE


def _message(user, items):
    """Subject and body in the active language; `items` = [(institution, [e-services])]."""
    lines = []
    count = 0
    for institution, services, entry_overdue in items:
        url = absolute_url(reverse("wagtailadmin_pages:edit", args=[institution.pk]))
        lines.append(f"{institution.title}\n{url}")
        if entry_overdue:
            count += 1
            lines.append(
                "- "
                + _("the entry itself, last reviewed %(date)s")
                % {"date": institution.last_reviewed.isoformat()}
            )
        for service in services:
            count += 1
            lines.append(
                "- "
                + _("e-service “%(name)s”, last reviewed %(date)s")
                % {"name": service.name, "date": service.last_reviewed.isoformat()}
            )
        lines.append("")
    name = user.get_short_name() or user.get_username()
    subject = ngettext(
        "%(count)d entry of your institution is due for review",
        "%(count)d entries of your institution are due for review",
        count,
    ) % {"count": count}
    body = _(
        "Hello %(name)s,\n\n"
        "these entries were last reviewed more than 12 months ago. Please check that they are "
        "still correct, correct them if needed and set “last reviewed” to today's date; your "
        "changes go to the network's review as usual.\n\n"
    ) % {"name": name} + "\n".join(lines)
    return subject, body, count


def due_by_editor(today=None):
    """{editor: [(institution, overdue e-services, entry overdue?)]} for institutions
    with something overdue, whose membership has not ended."""
    today = today or timezone.localdate()
    services_by_page = {}
    for service in overdue_eservices(today):
        services_by_page.setdefault(service.page_id, []).append(service)
    entries = set(overdue_institutions(today).values_list("pk", flat=True))
    due = {}
    institutions = source_institutions().filter(pk__in=entries | set(services_by_page)).order_by("title")
    for institution in institutions:
        if institution.membership_state(today) == "ended":
            continue
        item = (institution, services_by_page.get(institution.pk, []), institution.pk in entries)
        for editor in institution_editors(institution).select_related("wagtail_userprofile"):
            if editor.email:
                due.setdefault(editor, []).append(item)
    return due


def send_review_reminders(today=None):
    """One e-mail per editor and calendar month (idempotent: a second run in the
    same month sends nothing). Returns {"sent": n, "skipped": n, "failed": n}."""
    today = today or timezone.localdate()
    month = month_of(today)
    counts = {"sent": 0, "skipped": 0, "failed": 0}
    for editor, items in due_by_editor(today).items():
        if ReviewReminder.objects.filter(user=editor, month=month).exists():
            counts["skipped"] += 1
            logger.info("review reminder for user %s in %s already sent", editor.pk, f"{month:%Y-%m}")
            continue
        language = _language_of(editor)
        with translation.override(language):
            subject, body, count = _message(editor, items)
        try:
            with transaction.atomic():
                # The record first: a concurrent run fails on the unique constraint, not by mailing twice.
                ReviewReminder.objects.create(user=editor, month=month, items=count, language=language)
                send_mail(subject, body, [editor.email])
        except IntegrityError:
            counts["skipped"] += 1
            continue
        except OSError:
            counts["failed"] += 1
            logger.exception("review reminder for user %s could not be sent", editor.pk)
            continue
        counts["sent"] += 1
        logger.info(
            "review reminder sent to user %s (%s, %d entries) for %s",
            editor.pk,
            language,
            count,
            f"{month:%Y-%m}",
        )
    return counts
