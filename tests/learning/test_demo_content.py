import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from learning.demo import DEMO_ACCOUNTS
from learning.models import HomePage

pytestmark = pytest.mark.django_db


def test_load_demo_content_is_idempotent(settings):
    settings.DEBUG = True
    call_command("load_demo_content", verbosity=0)
    counts = (Page.objects.count(), get_user_model().objects.count(), Site.objects.count())
    call_command("load_demo_content", verbosity=0)
    assert (Page.objects.count(), get_user_model().objects.count(), Site.objects.count()) == counts
    assert HomePage.objects.get().live
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage


def test_demo_accounts_sign_in_with_the_configured_password(client, settings):
    settings.DEBUG = True
    settings.COP_DEMO_PASSWORD = "another-pass-42"
    call_command("load_demo_content", verbosity=0)
    for account in DEMO_ACCOUNTS:
        assert client.login(username=account.username, password="another-pass-42"), account.username
    assert {a.username for a in DEMO_ACCOUNTS} == {
        "editor",
        "reviewer",
        "facilitator",
        "moderator",
        "practitioner",
        "frontline",
    }


def test_only_editors_and_reviewers_enter_the_admin(client, settings):
    settings.DEBUG = True
    call_command("load_demo_content", verbosity=0)
    client.login(username="practitioner", password=settings.COP_DEMO_PASSWORD)
    assert client.get("/admin/").status_code == 302
    client.login(username="editor", password=settings.COP_DEMO_PASSWORD)
    assert client.get("/admin/").status_code == 200


def test_refuses_to_run_with_debug_off_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("load_demo_content", verbosity=0)
    assert not HomePage.objects.exists()
    call_command("load_demo_content", "--force", verbosity=0)
    assert HomePage.objects.exists()
