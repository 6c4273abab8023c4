"""The shapes of demo content, and small helpers that build StreamField values from plain text."""

from dataclasses import dataclass, field
from html import escape

from django.utils.text import slugify


class Html(str):
    """Text that is already HTML: `paragraphs` keeps it as it is instead of escaping it."""


def paragraphs(*parts):
    """Rich text from plain paragraphs (escaped, each in <p>) and ready-made HTML such as `bullets`."""
    return "".join(part if isinstance(part, Html) else f"<p>{escape(part, quote=False)}</p>" for part in parts)


def bullets(*items):
    return Html("<ul>" + "".join(f"<li>{escape(item, quote=False)}</li>" for item in items) + "</ul>")


def numbered(*items):
    return Html("<ol>" + "".join(f"<li>{escape(item, quote=False)}</li>" for item in items) + "</ol>")


def text(*parts):
    """A rich text block."""
    return ("text", paragraphs(*parts))


def quote(words, role, organisation=""):
    """A practitioner quote, anonymous but for the speaker's role, as practitioners usually ask."""
    return ("quote", {"quote": words, "name": "", "role": role, "organisation": organisation})


def key_points(*points, heading="Key points"):
    return ("key_points", {"heading": heading, "points": list(points)})


def step(title, *parts):
    """One ordered step of a practice guide."""
    return ("step", {"title": title, "body": paragraphs(*parts)})


@dataclass(frozen=True)
class DemoTheme:
    name: str
    description: str

    @property
    def slug(self):
        return slugify(self.name)


@dataclass(frozen=True)
class DemoPage:
    """What every demo content page has. Themes, sectors and cross-links are named by slug."""

    slug: str
    title: str
    summary: str
    themes: tuple[str, ...]
    sectors: tuple[str, ...]


@dataclass(frozen=True)
class DemoEvidence(DemoPage):
    question: str = ""
    countries: tuple[str, ...] = ()
    source_citation: str = ""
    study_type: str = ""
    strength: int = 0
    impact: str = "unknown"
    cost: str = "unknown"
    key_findings: list = field(default_factory=list)
    implications: list = field(default_factory=list)
    limitations: str = ""
    source_url: str = ""


@dataclass(frozen=True)
class DemoCaseStudy(DemoPage):
    council_area: str = ""
    lead_organisation: str = ""
    partner_organisations: tuple[str, ...] = ()
    approach: str = ""
    start_year: int = 0
    end_year: int | None = None
    challenge: list = field(default_factory=list)
    what_was_done: list = field(default_factory=list)
    what_changed: list = field(default_factory=list)
    evaluation: str = ""
    lessons: list = field(default_factory=list)
    evidence_used: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoGuide(DemoPage):
    purpose: str = ""
    audience: str = ""
    time_needed: str = ""
    skills: tuple[str, ...] = ()
    steps: list = field(default_factory=list)
    tips: list = field(default_factory=list)
    related_case_studies: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoPathwayStep:
    page: str  # the slug of a case study, evidence summary or guide
    why: str
    reflection_prompt: str


@dataclass(frozen=True)
class DemoPathway(DemoPage):
    introduction: str = ""
    steps: tuple[DemoPathwayStep, ...] = ()
