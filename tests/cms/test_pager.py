"""Pagers list a bounded number of page links, however long the listing (every
number was listed before: 834 links on the news index at 10,000 items)."""

from django.core.paginator import Paginator

from cms.templatetags.cms_tags import page_numbers


def test_first_last_and_two_either_side_with_gaps():
    paginator = Paginator(range(10_000), 12)
    assert page_numbers(paginator.page(400)) == [1, None, 398, 399, 400, 401, 402, None, 834]
    assert page_numbers(paginator.page(1)) == [1, 2, 3, None, 834]
    assert page_numbers(paginator.page(834)) == [1, None, 832, 833, 834]


def test_short_listings_show_every_number():
    assert page_numbers(Paginator(range(50), 12).page(3)) == [1, 2, 3, 4, 5]
