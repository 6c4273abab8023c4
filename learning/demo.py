"""Demo accounts and content, written fresh from the seed's facts. Safe to run again and again."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction
from wagtail.models import Page, Site

from learning.models import HomePage


@dataclass(frozen=True)
class DemoAccount:
    username: str
    name: str
    role: str
    admin_access: bool = False


DEMO_ACCOUNTS = (
    DemoAccount("editor", "Eilidh Editor", "editor: writes pages in /admin/", admin_access=True),
    DemoAccount("reviewer", "Ruaridh Reviewer", "reviewer: approves pages in /admin/", admin_access=True),
    DemoAccount("facilitator", "Fiona Facilitator", "facilitator: runs live rooms"),
    DemoAccount("moderator", "Morag Moderator", "moderator: hides posts, handles flags"),
    DemoAccount("practitioner", "Priya Practitioner", "practitioner: a council community planning officer"),
    DemoAccount("frontline", "Fraser Frontline", "practitioner: a frontline housing support worker"),
)

HOME_INTRO = (
    "Practitioners across Scotland's councils, health boards, police, third and community sector "
    "learning from each other: case studies, international evidence and practice guides, with "
    "the conversations that make them useful."
)
HOME_BODY = (
    "<p>Public service reform depends on the people who deliver services. Co-production with "
    "communities only works when the staff who carry it out feel ownership of the approach and "
    "have the skills to use evidence and to facilitate dialogue.</p>"
    "<p>Here you can read what other partnerships tried and what changed, weigh the evidence "
    "from Scotland and abroad, build skills in facilitation, evaluation and using evidence, and "
    "meet peers in safe, facilitated spaces where the frontline's knowledge is valued as much "
    "as anyone's.</p>"
)


@transaction.atomic
def load_demo_content(stdout=None):
    """Create or update the demo site. Returns a list of what changed, for the command to report."""
    report = []
    home = _ensure_home_page(report)
    _ensure_site(home, report)
    _ensure_accounts(report)
    return report


def _ensure_home_page(report):
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's initial migration creates a placeholder "Welcome" page at the site root.
        placeholder = Page.objects.filter(depth=2, slug="home").exclude(content_type__model="homepage").first()
        if placeholder is not None:
            Site.objects.filter(root_page=placeholder).delete()
            placeholder.delete()
        home = root.add_child(
            instance=HomePage(title="Communities of Practice", slug="home", intro=HOME_INTRO, body=HOME_BODY)
        )
        home.save_revision().publish()
        report.append("created the home page")
    return home


def _ensure_site(home, report):
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=settings.WAGTAIL_SITE_NAME
        )
        report.append("created the default site")
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
        report.append("pointed the default site at the home page")


def _ensure_accounts(report):
    User = get_user_model()
    for account in DEMO_ACCOUNTS:
        first, last = account.name.split(" ", 1)
        user, created = User.objects.get_or_create(
            username=account.username,
            defaults={"email": f"{account.username}@example.org", "first_name": first, "last_name": last},
        )
        if created or not user.check_password(settings.COP_DEMO_PASSWORD):
            user.set_password(settings.COP_DEMO_PASSWORD)
        user.save()
        if account.admin_access:
            user.user_permissions.add(
                Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
            )
        _verify_email(user)
        if created:
            report.append(f"created the account {account.username}")


def _verify_email(user):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
