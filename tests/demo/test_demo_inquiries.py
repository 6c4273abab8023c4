"""The demo inquiry: a mixed team in the CAR network, two cycles completed and one open, shown on its page."""

import pytest
from django.core.management import call_command

from demo.inquiries import SLUG
from forums import inquiries
from forums.models import CycleEntry, EntryLink, Inquiry

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo_content", verbosity=0)
    return Inquiry.objects.get(slug=SLUG)


def test_two_completed_cycles_and_one_open_written_by_every_level(demo, client):
    assert list(demo.cycles.values_list("number", "status")) == [(1, "closed"), (2, "closed"), (3, "open")]
    levels = set(CycleEntry.objects.filter(cycle__inquiry=demo).values_list("author__profile__level", flat=True))
    assert levels == {"frontline", "manager", "strategic", "researcher", "community_member"}
    assert EntryLink.objects.filter(entry__cycle__inquiry=demo, page__isnull=False).exists()
    assert demo.team.count() == 5
    assert all(row.total for row in inquiries.balance(demo))
    page = client.get(demo.get_absolute_url())
    assert page.status_code == 200
    assert demo.question.encode() in page.content


def test_loading_again_adds_nothing(demo, settings):
    counts = (Inquiry.objects.count(), CycleEntry.objects.count())
    call_command("load_demo_content", verbosity=0)
    assert (Inquiry.objects.count(), CycleEntry.objects.count()) == counts
