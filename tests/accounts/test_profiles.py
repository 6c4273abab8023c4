"""Every member has a profile; anyone can read its public side, only its owner can change it."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model

from accounts import services
from accounts.models import LevelChoice, Profile, SectorChoice, display_name
from learning.models import Theme
from tests.factories import MemberFactory, UserFactory
from tests.pages import text_of

pytestmark = pytest.mark.django_db


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def profile_form(**overrides):
    data = {
        "display_name": "Ailsa from Fife",
        "organisation": "Fife Health and Social Care Partnership",
        "sector": "public",
        "level": "manager",
        "bio": "I lead a locality team.",
        "email_on_mention": "on",
        "weekly_digest": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_every_new_user_gets_a_profile_with_email_preferences_on():
    user = get_user_model().objects.create_user("ailsa", "ailsa@example.org", "pass-2026-word")
    profile = Profile.objects.get(user=user)
    assert (profile.email_on_mention, profile.email_on_reply, profile.weekly_digest) == (True, True, True)
    assert profile.last_seen is None


def test_level_and_sector_values_are_the_ones_live_rooms_balance_by():
    assert set(SectorChoice.values) == {"public", "third", "community", "academic"}
    assert set(LevelChoice.values) == {"frontline", "manager", "strategic", "researcher", "community_member"}


def test_display_name_falls_back_to_full_name_then_username():
    user = UserFactory(username="ruaridh", first_name="", last_name="")
    assert display_name(user) == user.profile.name == "ruaridh"
    user.first_name, user.last_name = "Ruaridh", "Grant"
    user.save()
    assert display_name(user) == "Ruaridh Grant"
    Profile.objects.filter(user=user).update(display_name="Ruaridh G")
    user.refresh_from_db()
    assert display_name(user) == "Ruaridh G"


def test_display_name_of_nobody_is_empty():
    from django.contrib.auth.models import AnonymousUser

    assert display_name(None) == display_name(AnonymousUser()) == ""


def test_a_user_without_a_profile_row_still_has_a_name_and_gets_one_on_use():
    user = UserFactory(username="legacy", first_name="Lorna", last_name="Bell")
    Profile.objects.filter(user=user).delete()
    user = get_user_model().objects.get(pk=user.pk)
    assert display_name(user) == "Lorna Bell"
    assert Profile.objects.for_user(user).user == user


def test_profile_page_shows_the_public_fields_and_never_the_email(client):
    member = MemberFactory(
        username="fraser",
        email="fraser.private@example.org",
        profile__display_name="Fraser M",
        profile__organisation="Dundee City Council",
        profile__sector="third",
        profile__level="community_member",
        profile__bio="Housing support.\nTwenty years on the frontline.",
    )
    member.profile.themes_of_interest.add(Theme.objects.create(name="Housing and homelessness", slug="housing"))

    response = client.get("/members/fraser/")

    assert response.status_code == 200
    page = soup_of(response)
    assert text_of(page.h1) == "Fraser M"
    body = text_of(page.find("main"))
    for shown in ("Dundee City Council", "Third sector", "Community member", "Twenty years on the frontline"):
        assert shown in body
    assert page.find("a", href="/search/?theme=housing").get_text() == "Housing and homelessness"
    assert b"fraser.private" not in response.content
    assert b"Edit your profile" not in response.content  # not theirs


def test_profile_page_links_its_owner_to_the_edit_page(client):
    member = MemberFactory(username="priya")
    client.force_login(member)
    page = soup_of(client.get("/members/priya/"))
    assert page.find("a", href="/members/me/edit/")
    assert page.find("nav", attrs={"aria-label": "Your account"}).find("a", href="/members/priya/").get_text() == (
        "Your profile"
    )


def test_unknown_and_deactivated_members_have_no_profile_page(client):
    MemberFactory(username="gone", is_active=False)
    assert client.get("/members/nobody/").status_code == 404
    assert client.get("/members/gone/").status_code == 404


def test_bio_is_plain_text(client):
    MemberFactory(username="mallory", profile__bio='<script>alert("x")</script><b>bold</b>')
    response = client.get("/members/mallory/")
    assert b"<script>alert" not in response.content
    assert b"&lt;script&gt;" in response.content


def test_anonymous_visitor_is_sent_to_sign_in_from_the_edit_page(client):
    for response in (client.get("/members/me/edit/"), client.post("/members/me/edit/", profile_form())):
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=/members/me/edit/")


def test_member_edits_their_own_profile(client):
    member = MemberFactory(username="ailsa")
    themes = [Theme.objects.create(name=name, slug=slug) for name, slug in [("Evaluation", "eval"), ("PB", "pb")]]
    client.force_login(member)

    form = client.get("/members/me/edit/")
    assert form.status_code == 200
    assert soup_of(form).find("input", attrs={"name": "csrfmiddlewaretoken"})

    response = client.post("/members/me/edit/", profile_form(themes_of_interest=["eval", "pb"]))

    assert response.status_code == 302
    assert response["Location"] == "/members/ailsa/"
    profile = Profile.objects.get(user=member)
    assert profile.name == "Ailsa from Fife"
    assert (profile.organisation, profile.sector, profile.level) == (
        "Fife Health and Social Care Partnership",
        "public",
        "manager",
    )
    assert profile.bio == "I lead a locality team."
    assert list(profile.themes_of_interest.order_by("slug")) == themes
    # Unticked boxes are sent as nothing at all: that is "no".
    assert (profile.email_on_mention, profile.email_on_reply, profile.weekly_digest) == (True, False, True)
    assert "Your profile has been updated." in text_of(soup_of(client.get(response["Location"])))


def test_a_post_only_ever_touches_the_signed_in_members_profile(client):
    """There is no URL naming another member; smuggled fields are ignored."""
    me, other = MemberFactory(username="me-member"), MemberFactory(username="other", profile__organisation="Theirs")
    client.force_login(me)

    client.post("/members/me/edit/", profile_form(user=other.pk, profile=other.profile.pk, username="other"))
    assert client.post("/members/other/", profile_form()).status_code == 405
    assert client.post("/members/other/edit/", profile_form()).status_code == 404

    other.profile.refresh_from_db()
    assert other.profile.organisation == "Theirs"
    assert Profile.objects.get(user=me).organisation == "Fife Health and Social Care Partnership"
    assert Profile.objects.get(user=other).user == other


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"sector": "private"}, "sector", "Choose one of the sectors"),
        ({"sector": None}, "sector", "Choose the sector you work in"),
        ({"level": "chief"}, "level", "Choose one of the roles"),
        ({"bio": "x" * 5000}, "bio", "About you must be 500 characters or fewer"),
        ({"display_name": "n" * 101}, "display_name", "at most 100 characters"),
        ({"themes_of_interest": ["no-such-theme"]}, "themes_of_interest", "Choose themes from the list"),
    ],
)
def test_bad_input_gets_a_clear_error_and_changes_nothing(client, change, field, message):
    member = MemberFactory(username="ailsa", profile__organisation="Before", profile__bio="Before")
    client.force_login(member)

    response = client.post("/members/me/edit/", profile_form(**change))

    assert response.status_code == 200
    page = soup_of(response)
    summary = page.find(class_="ds_error-summary")
    assert message in text_of(summary)
    link = summary.find("a")["href"]
    assert page.find(id=link.removeprefix("#")), "the summary links to the field"
    assert page.title.get_text().startswith("Error:")
    profile = Profile.objects.get(user=member)
    assert (profile.organisation, profile.bio, profile.sector) == ("Before", "Before", "public")


def test_edit_form_is_labelled_and_described_for_assistive_technology(client):
    client.force_login(MemberFactory(username="ailsa"))
    page = soup_of(client.post("/members/me/edit/", profile_form(bio="x" * 501)))
    bio = page.find("textarea", attrs={"name": "bio"})
    assert page.find("label", attrs={"for": bio["id"]}).get_text(strip=True).startswith("About you")
    described = bio["aria-describedby"].split()
    assert {f"{bio['id']}-hint", f"{bio['id']}-error"} == set(described)
    assert bio["aria-invalid"] == "true"
    assert page.find("input", attrs={"name": "organisation"})["autocomplete"] == "organization"
    radios = page.find("input", attrs={"name": "level", "value": "frontline"}).find_parent("fieldset")
    assert text_of(radios.legend) == "What best describes your role?"


def test_services_refuse_values_outside_the_choices():
    from django.core.exceptions import ValidationError

    member = MemberFactory()
    with pytest.raises(ValidationError):
        services.update_profile(member, {"sector": "private"})
    assert Profile.objects.get(user=member).sector == "public"


def test_visits_are_remembered_at_most_every_few_minutes(client):
    member = MemberFactory(username="visitor")
    client.force_login(member)
    client.get("/members/visitor/")
    first = Profile.objects.get(user=member).last_seen
    assert first is not None
    client.get("/members/visitor/")
    assert Profile.objects.get(user=member).last_seen == first
