"""Demo accounts and content pages, written fresh from the seed's facts. Safe to run again and again.

`load_demo_content` makes the home page, the site, the content pages (their data is in demo/content/),
the demo accounts and then the communities (demo/forums.py); the command adds rooms and learning activity.
"""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from wagtail.models import Page, Site

from accounts.models import Profile
from demo.content.case_studies import CASE_STUDIES
from demo.content.evidence import EVIDENCE
from demo.content.guides import GUIDES
from demo.content.pathways import PATHWAYS
from demo.content.themes import THEMES
from demo.forums import load_demo_forums
from learning.models import (
    CouncilArea,
    Country,
    EvidenceSummaryPage,
    GuideRelatedCaseStudy,
    HomePage,
    LearningPathwayPage,
    PracticeGuidePage,
    Sector,
    Skill,
    Theme,
)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    name: str
    role: str
    groups: tuple[str, ...] = ()  # editorial groups (learning/migrations/0005): the only way into /admin/


DEMO_ACCOUNTS = (
    DemoAccount("editor", "Eilidh Editor", "editor: writes pages in /admin/ and submits them", groups=("Editors",)),
    DemoAccount("reviewer", "Ruaridh Reviewer", "reviewer: approves pages in /admin/", groups=("Reviewers",)),
    DemoAccount("facilitator", "Fiona Facilitator", "facilitator: runs live rooms"),
    DemoAccount("moderator", "Morag Moderator", "moderator: hides posts, handles flags"),
    DemoAccount("practitioner", "Priya Practitioner", "practitioner: a council community planning officer"),
    DemoAccount("frontline", "Fraser Frontline", "practitioner: a frontline housing support worker"),
)

# Each demo member's public profile (accounts.Profile): organisation, sector, level, a short bio.
DEMO_PROFILES = {
    "editor": (
        "Communities of Practice Scotland",
        "public",
        "manager",
        "Edits the case studies and practice guides here, and is always looking for the next story worth telling.",
    ),
    "reviewer": (
        "Highland Centre for Public Service Research",
        "academic",
        "researcher",
        "Reviews evidence summaries before they are published. Researches how rural and island partnerships "
        "use evidence when they set priorities.",
    ),
    "facilitator": (
        "Forth Valley Voluntary Action",
        "third",
        "manager",
        "Runs dialogue sessions and peer learning groups for community planning partnerships, and makes sure "
        "the quietest voice in the room is heard first.",
    ),
    "moderator": (
        "Clydeside Community Trust",
        "community",
        "community_member",
        "Chairs a community council and helped set up a local participatory budgeting panel. Keeps discussions "
        "here kind and on topic.",
    ),
    "practitioner": (
        "Fife Council",
        "public",
        "strategic",
        "Community planning officer working on locality plans with health, police and the third sector. "
        "Interested in evaluation that partners actually use.",
    ),
    "frontline": (
        "Dundee City Council",
        "public",
        "frontline",
        "Housing support worker. Sees every day where services join up and where people fall between them.",
    ),
}

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
    _ensure_learning_content(home, report)
    _ensure_accounts(report)
    load_demo_forums(report)  # communities, threads and comments, once the accounts exist
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


@dataclass(frozen=True)
class DemoIndex:
    model: str  # "app_label.ModelName"
    slug: str
    title: str
    intro: str


DEMO_INDEXES = {
    "case_studies": DemoIndex(
        "casestudies.CaseStudyIndexPage",
        "case-studies",
        "Case studies",
        "What partnerships across Scotland tried, what changed and what they would tell others: from "
        "participatory budgeting and community-led action plans to collaborative action research with "
        "frontline staff. The projects and organisations in these demo case studies are illustrative.",
    ),
    "evidence": DemoIndex(
        "learning.EvidenceIndexPage",
        "evidence",
        "Evidence",
        "Summaries of research from Scotland and abroad, each with the strength of the evidence, its likely "
        "impact and cost, and what it means for practice here. Filter by theme, country, study type or strength.",
    ),
    "guides": DemoIndex(
        "learning.GuideIndexPage",
        "guides",
        "Practice guides",
        "Step-by-step help with the skills that participation and partnership work depend on: designing a "
        "process, facilitating dialogue, mediating, coordinating, evaluating and using evidence.",
    ),
    "pathways": DemoIndex(
        "learning.PathwayIndexPage",
        "pathways",
        "Learning pathways",
        "Routes through the guides, case studies and evidence, with a question to reflect on at each step. "
        "Work through one on your own, or with colleagues as a peer learning group.",
    ),
}


def _ensure_learning_content(home, report):
    """The index pages, themes and content pages, each created only if missing (keyed by slug).

    A page an editor has since changed, unpublished or moved on is left exactly as it is.
    """
    indexes = {key: _ensure_index(home, spec, report) for key, spec in DEMO_INDEXES.items()}
    links = _DemoLinks(_ensure_themes(THEMES, report), indexes)
    _ensure_children(indexes["evidence"], EVIDENCE, links.evidence_page, links, report)
    _ensure_children(indexes["case_studies"], CASE_STUDIES, links.case_study_page, links, report)
    _ensure_children(indexes["guides"], GUIDES, links.guide_page, links, report)
    _ensure_children(indexes["pathways"], PATHWAYS, links.pathway_page, links, report)


def _ensure_index(home, spec, report):
    model = apps.get_model(spec.model)
    index = model.objects.first()  # each index type allows one instance
    if index is None:
        index = home.add_child(instance=model(title=spec.title, slug=spec.slug, intro=spec.intro))
        index.save_revision().publish()
        report.append(f"created the {model._meta.verbose_name} /{spec.slug}/")
    return index


def _ensure_themes(entries, report):
    """Create missing themes; describe existing ones that have no description yet. Returns slug -> theme."""
    themes, created, described = {}, 0, 0
    for entry in entries:
        theme = Theme.objects.filter(Q(slug=entry.slug) | Q(name__iexact=entry.name)).first()
        if theme is None:
            theme = Theme.objects.create(name=entry.name, slug=entry.slug, description=entry.description)
            created += 1
        elif not theme.description:
            theme.description = entry.description
            theme.save(update_fields=["description"])
            described += 1
        themes[entry.slug] = theme
    if created:
        report.append(f"created {created} themes")
    if described:
        report.append(f"described {described} existing themes")
    return themes


def _ensure_children(index, entries, build, links, report):
    """Add and publish each entry whose slug is not yet taken under `index`."""
    taken = set(index.get_children().values_list("slug", flat=True))
    created = []
    for entry in entries:
        if entry.slug in taken:
            continue
        page = build(entry)
        page.sectors = links.pick(Sector, entry.sectors)
        index.add_child(instance=page)
        page.themes.add(*(links.themes[slug] for slug in entry.themes))
        page.save_revision().publish()
        created.append(page)
    if created:
        meta = created[0]._meta
        report.append(f"created {len(created)} {meta.verbose_name if len(created) == 1 else meta.verbose_name_plural}")


class _DemoLinks:
    """Turns the slugs in demo data into the vocabulary entries and pages they name."""

    def __init__(self, themes, indexes):
        self.themes = themes
        self.indexes = indexes

    def pick(self, model, slugs):
        found = {item.slug: item for item in model.objects.filter(slug__in=slugs)}
        missing = [slug for slug in slugs if slug not in found]
        if missing:
            raise LookupError(f"demo content names unknown {model._meta.verbose_name} {missing}")
        return [found[slug] for slug in slugs]

    def pages(self, key, slugs):
        """The live pages under one index with these slugs, in order; ones an editor removed are skipped."""
        found = {page.slug: page for page in self.indexes[key].get_children().live().filter(slug__in=slugs)}
        return [found[slug] for slug in slugs if slug in found]

    def evidence_page(self, entry):
        return EvidenceSummaryPage(
            **_page_fields(entry),
            question=entry.question,
            countries=self.pick(Country, entry.countries),
            source_citation=entry.source_citation,
            source_url=entry.source_url,
            study_type=entry.study_type,
            strength=entry.strength,
            impact=entry.impact,
            cost=entry.cost,
            key_findings=entry.key_findings,
            implications=entry.implications,
            limitations=entry.limitations,
        )

    def case_study_page(self, entry):
        model = apps.get_model("casestudies.CaseStudyPage")
        evidence = [page.specific for page in self.pages("evidence", entry.evidence_used)]
        return model(
            **_page_fields(entry),
            council_area=self.pick(CouncilArea, [entry.council_area])[0],
            lead_organisation=entry.lead_organisation,
            partner_organisations="\n".join(entry.partner_organisations),
            approach=entry.approach,
            start_year=entry.start_year,
            end_year=entry.end_year,
            challenge=entry.challenge,
            what_was_done=entry.what_was_done,
            what_changed=entry.what_changed,
            evaluation=entry.evaluation,
            lessons=entry.lessons,
            evidence_used=evidence,
        )

    def guide_page(self, entry):
        return PracticeGuidePage(
            **_page_fields(entry),
            purpose=entry.purpose,
            audience=entry.audience,
            time_needed=entry.time_needed,
            skills=self.pick(Skill, entry.skills),
            steps=entry.steps,
            tips=entry.tips,
            related_case_studies=[
                GuideRelatedCaseStudy(case_study=page)
                for page in self.pages("case_studies", entry.related_case_studies)
            ],
        )

    def pathway_page(self, entry):
        pages = {}
        for key in ("evidence", "case_studies", "guides"):
            pages.update({page.slug: page for page in self.pages(key, [step.page for step in entry.steps])})
        return LearningPathwayPage(
            **_page_fields(entry),
            introduction=entry.introduction,
            steps=[
                ("step", {"page": pages[step.page], "why": step.why, "reflection_prompt": step.reflection_prompt})
                for step in entry.steps
                if step.page in pages
            ],
        )


def _page_fields(entry):
    return {"title": entry.title, "slug": entry.slug, "summary": entry.summary}


EDITORIAL_GROUPS = ("Editors", "Reviewers")


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
        # Admin access comes only through the editorial groups; earlier loaders granted it directly.
        user.user_permissions.remove(
            *Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
        )
        user.groups.remove(*Group.objects.filter(name__in=EDITORIAL_GROUPS).exclude(name__in=account.groups))
        user.groups.add(*[Group.objects.get(name=name) for name in account.groups])
        if account.username == "moderator":  # the forums' site-wide moderator (forums.models.is_site_moderator)
            user.groups.add(Group.objects.get_or_create(name="Moderators")[0])
        _verify_email(user)
        _ensure_profile(user, *DEMO_PROFILES[account.username])
        if created:
            report.append(f"created the account {account.username}")


def _ensure_profile(user, organisation, sector, level, bio):
    """Fill in the demo member's profile; fields a member has since changed are left as they are."""
    profile = Profile.objects.for_user(user)
    for field, value in {"organisation": organisation, "sector": sector, "level": level, "bio": bio}.items():
        if not getattr(profile, field):
            setattr(profile, field, value)
    profile.save()


def _verify_email(user):
    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
