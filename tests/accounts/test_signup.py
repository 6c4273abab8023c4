"""Joining: sign up with who you are, confirm your email, then sign in; and getting back in with a reset."""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core import mail

from accounts.models import Profile
from tests.factories import MemberFactory
from tests.pages import text_of

pytestmark = pytest.mark.django_db

PASSWORD = "Kelpie-river-2026"


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def signup_form(**overrides):
    data = {
        "email": "Ailsa@Example.org",
        "username": "ailsa",
        "display_name": "Ailsa Morrison",
        "organisation": "Fife Council",
        "sector": "public",
        "level": "frontline",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def link_in(message, path):
    found = re.search(rf"https?://[^/\s]+({re.escape(path)}[^\s]*)", message.body)
    assert found, f"no {path} link in: {message.body}"
    return found.group(1)


def is_signed_in(client):
    return "_auth_user_id" in client.session


def test_signup_page_asks_who_you_are_with_labels_hints_and_autocomplete(client):
    page = soup_of(client.get("/accounts/signup/"))
    form = page.find("form", attrs={"action": "/accounts/signup/"})
    names = [control["name"] for control in form.find_all(["input", "select"]) if control.get("type") != "hidden"]
    assert list(dict.fromkeys(names)) == [
        "email",
        "username",
        "display_name",
        "organisation",
        "sector",
        "level",
        "password1",
        "password2",
    ]
    for name in ("email", "username", "display_name", "organisation", "password1", "password2"):
        control = form.find("input", attrs={"name": name})
        assert form.find("label", attrs={"for": control["id"]}), f"{name} has no label"
        assert "ds_input" in control["class"]
    autocomplete = {name: form.find("input", attrs={"name": name}).get("autocomplete") for name in names[:4]}
    assert autocomplete == {
        "email": "email",
        "username": "username",
        "display_name": "nickname",
        "organisation": "organization",
    }
    assert form.find("input", attrs={"name": "password1"})["autocomplete"] == "new-password"
    legends = [text_of(legend) for legend in form.find_all("legend")]
    assert legends == ["Which sector do you work in?", "What best describes your role?"]
    assert "Other members never see it" in text_of(form)
    assert form.find("button", attrs={"type": "submit"})["class"] == ["ds_button"]


def test_signup_records_the_profile_and_sends_a_verification_email(client):
    response = client.post("/accounts/signup/", signup_form())

    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    user = get_user_model().objects.get(username="ailsa")
    assert user.email == "ailsa@example.org"
    profile = Profile.objects.get(user=user)
    assert (profile.name, profile.organisation, profile.sector, profile.level) == (
        "Ailsa Morrison",
        "Fife Council",
        "public",
        "frontline",
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ailsa@example.org"]
    assert mail.outbox[0].subject.startswith("[Communities of Practice]")
    assert not is_signed_in(client)


def test_display_name_and_organisation_are_optional(client):
    client.post("/accounts/signup/", signup_form(display_name="", organisation="", level="community_member"))
    profile = Profile.objects.get(user__username="ailsa")
    assert (profile.name, profile.organisation, profile.level) == ("ailsa", "", "community_member")


def test_cannot_sign_in_until_the_email_is_verified_then_can(client):
    client.post("/accounts/signup/", signup_form())
    confirm_path = link_in(mail.outbox[0], "/accounts/confirm-email/")

    before = client.post("/accounts/login/", {"login": "ailsa", "password": PASSWORD})
    assert before.status_code == 302
    assert before["Location"] == "/accounts/confirm-email/"
    assert not is_signed_in(client)
    assert client.get("/members/me/edit/").status_code == 302

    page = client.get(confirm_path)
    assert page.status_code == 200
    assert "Confirm" in text_of(soup_of(page).h1)
    confirmed = client.post(confirm_path)
    assert confirmed.status_code == 302

    after = client.post("/accounts/login/", {"login": "ailsa@example.org", "password": PASSWORD})
    assert after.status_code == 302
    assert after["Location"] == "/"
    assert is_signed_in(client)
    assert client.get("/members/me/edit/").status_code == 200


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"sector": None}, "Choose the sector you work in"),
        ({"sector": "private"}, "Choose one of the sectors"),
        ({"level": None}, "Choose what best describes your role"),
        ({"password2": "something-else-2026"}, "You must type the same password each time."),
        ({"email": "not-an-email"}, "Enter a valid email address."),
        ({"username": "me"}, "Username can not be used. Please use other username."),
    ],
)
def test_signup_errors_are_summarised_and_create_nothing(client, change, message):
    response = client.post("/accounts/signup/", signup_form(**change))

    assert response.status_code == 200
    page = soup_of(response)
    summary = page.find(class_="ds_error-summary")
    assert message in text_of(summary)
    for link in summary.find_all("a"):
        assert page.find(id=link["href"].removeprefix("#")), f"{link['href']} points nowhere"
    assert not get_user_model().objects.filter(username__in=["ailsa", "me"]).exists()
    assert mail.outbox == []


def test_signup_with_a_taken_email_does_not_reveal_the_account(client):
    MemberFactory(username="existing", email="ailsa@example.org")
    response = client.post("/accounts/signup/", signup_form(username="someone-new"))
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert not get_user_model().objects.filter(username="someone-new").exists()
    assert mail.outbox[0].to == ["ailsa@example.org"]  # told that they already have an account


def test_sign_out_signs_out(client):
    client.force_login(MemberFactory())
    assert client.post("/accounts/logout/").status_code == 302
    assert not is_signed_in(client)


def test_password_reset_by_email(client):
    MemberFactory(username="priya", email="priya@example.org")

    response = client.post("/accounts/password/reset/", {"email": "priya@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["priya@example.org"]

    reset_path = link_in(mail.outbox[0], "/accounts/password/reset/key/")
    form_page = client.get(reset_path, follow=True)
    assert form_page.status_code == 200
    form_path = form_page.redirect_chain[-1][0] if form_page.redirect_chain else reset_path
    new_password = "Thistle-bridge-2027"
    done = client.post(form_path, {"password1": new_password, "password2": new_password})
    assert done.status_code == 302

    client.logout()
    assert client.post("/accounts/login/", {"login": "priya", "password": new_password}).status_code == 302
    assert is_signed_in(client)


def test_password_reset_for_an_unknown_address_looks_the_same(client):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/done/"


@pytest.mark.parametrize("path", ["/accounts/signup/", "/accounts/login/", "/accounts/password/reset/"])
def test_account_pages_render_in_the_site_layout(client, path):
    page = soup_of(client.get(path))
    assert page.find("header", class_="ds_site-header")
    assert page.find("h1", class_="ds_page-header__title")
    assert page.find("form", attrs={"novalidate": True})


def test_login_errors_use_the_error_summary(client):
    MemberFactory(username="priya")
    page = soup_of(client.post("/accounts/login/", {"login": "priya", "password": "wrong"}))
    summary = page.find(class_="ds_error-summary")
    assert "not correct" in text_of(summary)


def test_sign_in_form_says_what_it_accepts(client):
    form = soup_of(client.get("/accounts/login/")).find("form", attrs={"action": "/accounts/login/"})
    login = form.find("input", attrs={"name": "login"})
    assert text_of(form.find("label", attrs={"for": login["id"]})) == "Username or email address"
    assert login["autocomplete"] == "username"
    assert form.find("input", attrs={"name": "password"})["autocomplete"] == "current-password"
    assert form.find("a", href="/accounts/password/reset/")
    summary = soup_of(client.post("/accounts/login/", {})).find(class_="ds_error-summary")
    assert [text_of(item) for item in summary.find_all("li")] == [
        "Enter your username or email address",
        "Enter your password",
    ]


def test_the_verification_email_and_page_say_what_happens_next(client):
    response = client.post("/accounts/signup/", signup_form(), follow=True)
    assert "Check your email" in text_of(soup_of(response).h1)
    body = mail.outbox[0].body
    assert "join Communities of Practice Scotland with the username ailsa" in body
    assert "testserver!" not in body


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/logout/",
        "/accounts/password/reset/done/",
        "/accounts/confirm-email/no-such-key/",
        "/accounts/password/reset/key/1-no-such-key/",
    ],
)
def test_the_rest_of_allauths_pages_render_in_the_design_system(client, path):
    client.force_login(MemberFactory())
    page = soup_of(client.get(path))
    assert page.find("header", class_="ds_site-header")
    assert len(page.find_all("h1", class_="ds_page-header__title")) == 1
    for form in page.find("main").find_all("form"):
        for button in form.find_all("button"):
            assert "ds_button" in button["class"]


# --- where the confirmation email goes when this copy of the site only prints its email ----------------------------
TERMINAL_NOTE = "This copy of the site does not send email."


def test_when_email_is_printed_the_signup_and_check_your_email_pages_say_where_the_link_is(client, settings, capsys):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"  # as under `make run`
    signup = text_of(soup_of(client.get("/accounts/signup/")))
    assert TERMINAL_NOTE in signup
    assert "printed in the terminal where the site is running" in signup

    response = client.post("/accounts/signup/", signup_form(), follow=True)
    page = text_of(soup_of(response))
    assert "Check your email" in page
    assert TERMINAL_NOTE in page
    assert "make run" in page
    printed = capsys.readouterr().out
    assert "Hello from Communities of Practice Scotland" in printed  # the words the page tells them to look for
    assert "/accounts/confirm-email/" in printed


def test_when_email_is_sent_the_pages_do_not_mention_a_terminal(client):
    assert TERMINAL_NOTE not in client.get("/accounts/signup/").content.decode()
    response = client.post("/accounts/signup/", signup_form(), follow=True)
    assert "Check your email" in response.content.decode()
    assert TERMINAL_NOTE not in response.content.decode()
    assert len(mail.outbox) == 1
