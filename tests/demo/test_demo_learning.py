"""The demo site shows learning in use: Fraser's pathway and bookmarks in My learning, reads for editors."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from mylearning.models import PageReadDay, PathwayEnrolment, StepProgress

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo_content", verbosity=0)


def test_fraser_sees_his_pathway_in_progress_his_bookmarks_and_his_reflection(demo, client):
    fraser = get_user_model().objects.get(username="frontline")
    client.force_login(fraser)
    page = client.get("/my-learning/").content.decode()
    assert "Hearing the frontline: collaborative action research in practice" in page
    assert "1 of " in page
    assert "Participatory budgeting in Porto Alegre" in page
    reflection = StepProgress.objects.get(enrolment__user=fraser)
    assert reflection.done
    assert reflection.has_reflection


def test_editors_see_demo_reads_on_the_insights_dashboard(demo, client):
    assert PageReadDay.objects.values("page").distinct().count() >= 30
    client.force_login(get_user_model().objects.get(username="editor"))
    dashboard = client.get("/admin/insights/").content.decode()
    assert "No page reads were counted" not in dashboard


def test_loading_again_keeps_a_members_own_progress(demo, settings):
    fraser = get_user_model().objects.get(username="frontline")
    enrolment = PathwayEnrolment.objects.get(user=fraser)
    enrolment.steps.update(plan="My own words")
    reads = PageReadDay.objects.count()
    call_command("load_demo_content", verbosity=0)
    assert enrolment.steps.get().plan == "My own words"
    assert PageReadDay.objects.count() == reads
