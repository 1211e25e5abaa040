"""A published news page is announced to its subscribers (subscriptions.mailing).
The news model is matched by label (settings.SUBSCRIPTION_NEWS_MODEL), not imported."""

from wagtail.signals import page_published

from .mailing import announce, is_news


def news_published(sender, instance, alias=False, **kwargs):
    # An alias is republished with its source (alias=True): it shows the source's language.
    if is_news(sender) and not alias:
        announce(instance)


def connect():
    page_published.connect(news_published, dispatch_uid="subscriptions.news_published")
