"""Factories for the content tree. Pages are created under the real index pages, published."""

from datetime import timedelta

import factory
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from casestudies.models import CaseStudyIndexPage, CaseStudyPage
from learning.models import (
    Approach,
    CouncilArea,
    Country,
    EvidenceIndexPage,
    EvidenceSummaryPage,
    GuideIndexPage,
    HomePage,
    LearningPathwayPage,
    PathwayIndexPage,
    PracticeGuidePage,
    Sector,
    Skill,
    StudyType,
)


def rich(text):
    return [("text", f"<p>{text}</p>")]


def home_page():
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        Site.objects.all().delete()
        Page.objects.filter(depth=2).delete()
        # A transactional test flushes what migrations made, the page tree and locale included.
        Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
        root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
        home = root.add_child(instance=HomePage(title="Communities of Practice", slug="home"))
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return home


def index_page(model, title, slug):
    index = model.objects.first()
    if index is None:
        index = home_page().add_child(instance=model(title=title, slug=slug, intro=f"All the {title.lower()}."))
    return index


def case_study_index():
    return index_page(CaseStudyIndexPage, "Case studies", "case-studies")


def evidence_index():
    return index_page(EvidenceIndexPage, "Evidence", "evidence")


def guide_index():
    return index_page(GuideIndexPage, "Practice guides", "guides")


def pathway_index():
    return index_page(PathwayIndexPage, "Learning pathways", "pathways")


class PageFactory(factory.Factory):
    """Builds a page and adds it under `parent` (default: the type's index), published unless live=False."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Page {n}")
    summary = factory.LazyAttribute(lambda o: f"What practitioners learn from {o.title}.")

    @classmethod
    def _create(cls, model_class, *args, parent=None, live=True, themes=(), sectors=(), **kwargs):
        many = {key: kwargs.pop(key) for key in list(kwargs) if key in cls._many_to_many}
        page = model_class(**kwargs)
        page.live = live
        (parent or cls._parent()).add_child(instance=page)
        page.themes.add(*themes)
        page.sectors.set(Sector.objects.filter(slug__in=sectors))
        for key, value in many.items():
            getattr(page, key).set(value)
        revision = page.save_revision()
        if live:
            revision.publish()
        else:
            page.unpublish()
        return page

    _many_to_many = ()


class CaseStudyFactory(PageFactory):
    class Meta:
        model = CaseStudyPage

    council_area = factory.LazyFunction(lambda: CouncilArea.objects.get(slug="fife"))
    lead_organisation = "Fife Council"
    approach = Approach.CO_PRODUCTION
    start_year = 2017
    end_year = 2019
    challenge = factory.LazyFunction(lambda: rich("Services were designed without the people who use them."))
    what_was_done = factory.LazyFunction(lambda: rich("Staff and residents met monthly to redesign the service."))
    what_changed = factory.LazyFunction(lambda: rich("Waiting times fell and residents trusted the service more."))
    evaluation = "<p>An independent evaluation with a local university.</p>"
    lessons = factory.LazyFunction(lambda: rich("Protect staff time for the work."))

    @classmethod
    def _parent(cls):
        return case_study_index()


class EvidenceFactory(PageFactory):
    class Meta:
        model = EvidenceSummaryPage

    _many_to_many = ("countries",)
    question = "Does deliberation improve decisions?"
    source_citation = "Author, A. (2018) A study. Publisher."
    study_type = StudyType.SYSTEMATIC_REVIEW
    strength = 3
    key_findings = factory.LazyFunction(lambda: rich("Deliberation improved the quality of decisions."))
    implications = factory.LazyFunction(lambda: rich("Community planning partnerships can use it."))
    countries = factory.LazyFunction(lambda: list(Country.objects.filter(slug="scotland")))

    @classmethod
    def _parent(cls):
        return evidence_index()


class GuideFactory(PageFactory):
    class Meta:
        model = PracticeGuidePage

    _many_to_many = ("skills",)
    purpose = "Help practitioners run a safe dialogue."
    audience = "Community planning officers."
    time_needed = "Half a day"
    steps = factory.LazyFunction(lambda: [("step", {"title": "Prepare", "body": "<p>Agree ground rules.</p>"})])
    skills = factory.LazyFunction(lambda: list(Skill.objects.filter(slug="facilitation")))

    @classmethod
    def _parent(cls):
        return guide_index()


class PathwayFactory(PageFactory):
    class Meta:
        model = LearningPathwayPage

    introduction = "<p>A route through the material.</p>"

    @classmethod
    def _parent(cls):
        return pathway_index()


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"member{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "pass-2026-word")


# --- Editorial workflow (learning/migrations/0005_editorial_workflow.py) ------------------------------


def editorial_user(group, **kwargs):
    """A member in one of the editorial groups the migration creates: "Editors" or "Reviewers"."""
    from django.contrib.auth.models import Group

    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=group))
    return user


def restrict_view(page, restriction_type="password", password="secret-2026"):  # noqa: S107
    """Put a view restriction (password by default, or "login") on a page; it and its subtree become private."""
    from wagtail.models import PageViewRestriction

    return PageViewRestriction.objects.create(
        page=page, restriction_type=restriction_type, password=password if restriction_type == "password" else ""
    )


class CommunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "forums.Community"
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Community {n}")
    slug = factory.Sequence(lambda n: f"community-{n}")
    summary = factory.LazyAttribute(lambda o: f"Practitioners talking about {o.name}.")
    visibility = "open"


def member_of(community, user, role="member", status="active"):
    from forums.models import Membership

    membership, _ = Membership.objects.update_or_create(
        community=community, user=user, defaults={"role": role, "status": status}
    )
    return membership


# --- Accounts (accounts/models.py): every user has a profile; a member is a user with one filled in ------


class MemberFactory(UserFactory):
    """A signed-up member with a verified email address and a filled-in profile.

    Profile fields are passed with a `profile__` prefix: MemberFactory(profile__sector="third").
    """

    @factory.post_generation
    def profile(user, create, extracted, **fields):
        from allauth.account.models import EmailAddress

        from accounts.models import Profile

        if not create:
            return
        defaults = {"organisation": "Fife Council", "sector": "public", "level": "frontline"}
        Profile.objects.filter(user=user).update(**{**defaults, **fields})
        user.profile.refresh_from_db()
        EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "rooms.Room"
        django_get_or_create = ("slug",)

    community = factory.SubFactory(CommunityFactory)
    slug = factory.Sequence(lambda n: f"room-{n}")
    title = factory.Sequence(lambda n: f"Room {n}")
    purpose = "Share what worked in bringing frontline staff into community planning."
    ground_rules = "Listen to understand.\nWhat is said here stays here."
    state = "open"


class ScheduledSessionFactory(factory.django.DjangoModelFactory):
    """An upcoming session of a room: next week, an hour and a half long."""

    class Meta:
        model = "rooms.ScheduledSession"

    room = factory.SubFactory(RoomFactory)
    starts_at = factory.LazyFunction(lambda: (timezone.now() + timedelta(days=7)).replace(second=0, microsecond=0))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(minutes=90))
    topic = "What gets in the way of co-production"


# --- Moderation and notifications (forums/moderation.py, forums/notifications.py) ------------------------


def site_moderator(**kwargs):
    """A member of the site-wide Moderators group: sees the whole moderation queue and may suspend."""
    from django.contrib.auth.models import Group

    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get_or_create(name="Moderators")[0])
    return user
