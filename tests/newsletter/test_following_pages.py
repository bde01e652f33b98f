"""The follow pages: served from the page cache with each visitor's own CSRF token, and in a
fixed number of queries however many follow."""

import pytest
from django.test import Client
from django.urls import reverse

from actors.pagecache import CSRF_PLACEHOLDER
from newsletter import links
from newsletter.models import Follower
from tests.actors.test_pagecache import csrf_token
from tests.initiatives.factories import NeedFactory
from tests.newsletter.following import follower_of, public_initiative

pytestmark = pytest.mark.django_db


def test_a_cached_follow_form_takes_each_visitors_own_token(settings, site):
    settings.PAGE_CACHE_ENABLED = True
    url = reverse("newsletter:follow_initiative", args=[public_initiative().pk])
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    assert first.get(url)["X-Page-Cache"] == "miss"
    served = second.get(url)
    assert served["X-Page-Cache"] == "hit"
    tokens = [csrf_token(first.get(url)), csrf_token(served)]
    assert len(set(tokens)) == 2 and CSRF_PLACEHOLDER.decode() not in tokens
    answer = second.post(url, {"email": "amina@example.org", "csrfmiddlewaretoken": tokens[1]})
    assert answer.status_code == 302
    assert Follower.objects.get().email == "amina@example.org"
    stranger = Client(enforce_csrf_checks=True)
    stranger.get(reverse("portal:home"))
    refused = stranger.post(url, {"email": "eve@example.org", "csrfmiddlewaretoken": tokens[0]})
    assert refused.status_code == 403
    assert Follower.objects.count() == 1


@pytest.mark.parametrize("followers", [1, 20])
def test_the_follow_pages_cost_the_same_however_many_follow(
    client, site, django_assert_num_queries, followers
):
    initiative, need = public_initiative(), NeedFactory()
    for n in range(followers):
        follower_of(email=f"r{n}@example.org", initiative=initiative)
        follower_of(email=f"r{n}@example.org", need=need)
    follower = Follower.objects.filter(initiative=initiative).first()
    client.get(reverse("portal:home"))  # the collaboration's settings are cached from here on
    # The public initiative.
    with django_assert_num_queries(1):
        client.get(reverse("newsletter:follow_initiative", args=[initiative.pk]))
    # The need.
    with django_assert_num_queries(1):
        client.get(reverse("newsletter:follow_need", args=[need.pk]))
    # The follower with what they follow.
    stop = links.make_token(follower, salt=links.UNFOLLOW_SALT)
    with django_assert_num_queries(1):
        client.get(reverse("newsletter:unfollow", args=[stop]))
