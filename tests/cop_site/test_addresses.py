"""Every absolute link names the address the site is really on (cop_site/addresses.py).

`PORT=8131 make run` once sent emails to port 8000 and wrote http://localhost/ into the sitemap,
canonical and og:url. Links made for a request use the request's origin; emails, made without one,
use SITE_URL, which under `make run` follows PORT.
"""

import re
import subprocess
import sys
import urllib.request
import xml.etree.ElementTree as ET

import pytest

from tests.conftest import ROOT, ServerProcess, free_port, server_environment

MAKE_RUN = {"DJANGO_SETTINGS_MODULE": "cop_site.settings.local"}

# A mention email to the demo's frontline worker, through the path every notification email takes.
SEND_A_MENTION_EMAIL = """
from django.contrib.auth import get_user_model
from forums.models import Notification, Thread
from forums.notifications import deliver_email

thread = Thread.objects.filter(community__slug="community-planning-practitioners").order_by("pk").first()
frontline = get_user_model().objects.get(username="frontline")
notification = Notification.objects.create(
    recipient=frontline, kind=Notification.Kind.MENTION, thread=thread, url=thread.get_absolute_url(), text="A mention"
)
assert deliver_email(notification.pk)
"""


def email_printed_by(site_database, **env):
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SEND_A_MENTION_EMAIL],
        cwd=ROOT,
        env=server_environment(DATABASE_URL=site_database, **MAKE_RUN, **env),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout  # the console email backend, as under `make run`


def test_under_make_run_an_email_links_to_the_port_the_site_is_served_on(site_database):
    email = email_printed_by(site_database, PORT="8131")
    links = re.findall(r"https?://\S+", email)
    assert links
    assert all(link.startswith("http://127.0.0.1:8131/") for link in links), links
    assert "Read it and reply: http://127.0.0.1:8131/communities/community-planning-practitioners/threads/" in email


def test_in_production_an_email_links_to_site_url(site_database):
    email = email_printed_by(site_database, PORT="8131", SITE_URL="https://cop.example.org/")
    links = re.findall(r"https?://\S+", email)
    assert links
    assert all(link.startswith("https://cop.example.org/") for link in links), links
    assert "https://cop.example.org//" not in email


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (loopback)
        return response.read().decode()


@pytest.fixture
def served_on_its_port(site_database):
    """A server started as `PORT=<port> make run` starts it (collected static files are not needed here)."""
    (ROOT / ".services").mkdir(exist_ok=True)
    port = free_port()
    server = ServerProcess(server_environment(DATABASE_URL=site_database, PORT=str(port)), port=port)
    yield server
    server.stop()


def test_sitemap_feeds_canonical_and_og_url_name_the_address_the_site_is_served_on(served_on_its_port):
    origin = served_on_its_port.url  # http://127.0.0.1:<port>, not Wagtail's configured http://localhost
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    sitemap = ET.fromstring(fetch(f"{origin}/sitemap.xml"))  # noqa: S314 (our own server)
    locations = [loc.text for loc in sitemap.iter(f"{namespace}loc")]
    assert len(locations) > 10
    assert all(location.startswith(f"{origin}/") for location in locations), locations[:3]

    atom = ET.fromstring(fetch(f"{origin}/feeds/latest.atom"))  # noqa: S314
    links = [link.get("href") for link in atom.iter("{http://www.w3.org/2005/Atom}link")]
    assert len(links) > 5
    assert all(link.startswith(f"{origin}/") for link in links), links[:3]

    case_study = next(location for location in locations if "/case-studies/" in location and location.count("/") > 4)
    page = fetch(case_study)
    assert f'<link rel="canonical" href="{case_study}">' in page
    assert f'<meta property="og:url" content="{case_study}">' in page
    home = fetch(f"{origin}/")
    assert f'<link rel="canonical" href="{origin}/">' in home


@pytest.mark.django_db
def test_digests_and_session_reminders_link_to_site_url(settings, django_capture_on_commit_callbacks):
    from django.core import mail
    from django.utils import timezone

    from forums import notifications, services
    from tests.factories import CommunityFactory, RoomFactory, ScheduledSessionFactory, UserFactory, member_of

    settings.SITE_URL = "https://cop.example.org"
    community = CommunityFactory(slug="planning")
    priya, fraser = UserFactory(username="priya"), UserFactory(username="fraser")
    member_of(community, priya)
    member_of(community, fraser)
    services.start_thread(community, fraser, "Locality plans", "How did you write yours?")
    content, _ = notifications.digest_for(priya, now=timezone.now() + timezone.timedelta(seconds=1))
    notifications.send_digest(priya, content)

    session = ScheduledSessionFactory(room=RoomFactory(community=community, slug="planning-room"))
    with django_capture_on_commit_callbacks(execute=True):
        notifications.handle("session_reminder", recipient=priya, text="Starts soon", url=session.get_absolute_url())

    digest, reminder = mail.outbox
    for email in (digest, reminder):
        links = re.findall(r"https?://\S+", email.body)
        assert links
        assert all(link.startswith("https://cop.example.org/") for link in links), links
    assert "https://cop.example.org/communities/planning/threads/" in digest.body
    assert "https://cop.example.org/rooms/planning-room/#session-" in reminder.body
