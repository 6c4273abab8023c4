"""A member's progress on learning pathways: starting, steps done, private reflections, completion.

Views, My learning and forums' reflection sharing all call these functions, so there is one rule
for each act. A pathway counts only while it is live and public (drafts and restricted pathways
are as good as absent); a step is named by its StreamField block id, so editors may reorder
steps without anyone's progress moving to another step. Completion is recorded when every step
the pathway has now is done, and cleared when one is undone.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils import timezone
from wagtail.models import Page

from forums.models import Thread
from learning import visibility
from learning.models import LearningPathwayPage
from mylearning.models import REFLECTION_MAX_LENGTH, PathwayEnrolment, StepProgress

# The action-research cycle, in order: field name, label, and a short hint for the learner.
REFLECTION_FIELDS = (
    ("plan", "Plan", "What did you set out to try, and why?"),
    ("act", "Act", "What did you do?"),
    ("observe", "Observe", "What happened? What did you notice, and what did others say?"),
    ("reflect", "Reflect", "What did you learn, and what will you do differently next time?"),
)


class PathwayError(Exception):
    """Input a person can correct: the message says how. Nothing was changed."""

    def __init__(self, message, errors=None):
        super().__init__(message)
        self.message = message
        self.errors = errors or {}


class NotFound(Exception):
    """No such live, public pathway, or no such step on it now: views answer 404."""


# --- what there is ------------------------------------------------------------------------------
def live_pathways():
    """Pathways anyone may see (learning.visibility): live and outside every private area."""
    return visibility.visible_pages(LearningPathwayPage.objects.all())


def get_pathway(pathway_id):
    """The live, public pathway with this id, or NotFound (drafts and restricted ones included)."""
    try:
        return live_pathways().get(pk=_database_id(pathway_id))
    except (LearningPathwayPage.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


def _database_id(value):
    """An id a database column can hold; a larger one (a URL may carry any digits) names nothing."""
    value = int(value)
    if not 0 < value < 2**63:
        raise ValueError(value)
    return value


@dataclass
class Step:
    """One current step of a pathway as a member sees it, with their progress on it if any."""

    id: str
    number: int
    title: str
    url: str
    page: object  # the step's page if anyone may see it, else None
    why: str
    reflection_prompt: str
    value: object = None  # the step's block value, for the step's block template
    progress: StepProgress | None = None
    shared_thread: object = None  # the community thread the member shared their reflection to

    @property
    def done(self):
        return bool(self.progress and self.progress.done)

    @property
    def has_reflection(self):
        return bool(self.progress and self.progress.has_reflection)


def pathway_steps(pathway):
    """The pathway's current steps in order. A step whose page is a draft or restricted keeps its
    place (progress on it still counts) but shows no title or link."""
    steps = []
    rule = visibility.access()  # what a visitor may see, worked out once for every step
    for number, block in enumerate(pathway.steps, start=1):
        page = block.value.get("page")
        target = page if rule.allows(page) else None
        steps.append(
            Step(
                id=block.id,
                number=number,
                title=target.title if target else f"Step {number}",
                url=target.url if target else "",
                page=target,
                why=block.value.get("why", ""),
                reflection_prompt=block.value.get("reflection_prompt", ""),
                value=block.value,
            )
        )
    return steps


def _listed_steps(pathway, pages, rule):
    """pathway_steps for a list of pathways (My learning): read from the stream's stored data with the
    step pages fetched once for every pathway listed, instead of once per pathway. No block values."""
    steps = []
    for number, block in enumerate(pathway.steps.raw_data, start=1):
        value = block.get("value") or {}
        page = pages.get(value.get("page"))
        target = page if page is not None and rule.allows(page) else None
        steps.append(
            Step(
                id=block.get("id"),
                number=number,
                title=target.title if target else f"Step {number}",
                url=target.url if target else "",
                page=target,
                why=value.get("why", ""),
                reflection_prompt=value.get("reflection_prompt", ""),
            )
        )
    return steps


def get_step(pathway, step_id):
    for step in pathway_steps(pathway):
        if step.id == str(step_id):
            return step
    raise NotFound


# --- progress -----------------------------------------------------------------------------------
@dataclass
class Progress:
    """Where a member stands on one pathway. `enrolment` is None until they press Start."""

    pathway: LearningPathwayPage
    steps: list = field(default_factory=list)
    enrolment: PathwayEnrolment | None = None

    @property
    def started(self):
        return self.enrolment.started if self.enrolment else None

    @property
    def completed(self):
        """When the member completed the pathway, while every step it has now is done.

        The date is recorded when the last step is marked; an editor adding a step afterwards must
        not leave the member told "All 4 steps done" beside 3 of 4 (it is recorded again as they go).
        """
        all_done = self.n_total > 0 and self.n_done == self.n_total
        return self.enrolment.completed if self.enrolment and all_done else None

    @property
    def n_done(self):
        return sum(1 for step in self.steps if step.done)

    @property
    def n_total(self):
        return len(self.steps)

    @property
    def percent(self):
        return round(100 * self.n_done / self.n_total) if self.n_total else 0

    @property
    def next_step(self):
        return next((step for step in self.steps if not step.done), None)

    # The names My learning uses.
    done = n_done
    total = n_total

    @property
    def url(self):
        return self.pathway.url

    @property
    def title(self):
        return self.pathway.title

    @property
    def next_step_title(self):
        step = self.next_step
        return step.title if step else ""


def _enrolment(user, pathway):
    if user is None or not user.is_authenticated:
        return None
    return PathwayEnrolment.objects.filter(user=user, pathway=pathway).first()


def _progress(pathway, enrolment, steps=None):
    steps = pathway_steps(pathway) if steps is None else steps
    if enrolment is not None:
        rows = {row.step_id: row for row in enrolment.steps.all()}
        for step in steps:
            step.progress = rows.get(step.id)
    return Progress(pathway=pathway, steps=steps, enrolment=enrolment)


def progress_for(user, pathway):
    """The member's progress on the pathway (anonymous visitors and non-starters: nothing started)."""
    progress = _progress(pathway, _enrolment(user, pathway))
    for step in progress.steps:
        if step.progress and step.progress.shared_url:
            step.shared_thread = shared_thread(user, step.progress)
    return progress


def shared_thread(user, row):
    """The community thread a reflection was shared to, if the member can still read it, else None.

    Only the URL is stored, so the thread is found again through forums' own routes and read rule.
    """
    try:
        match = resolve(row.shared_url.split("#")[0])
    except Resolver404:
        return None
    if match.view_name != "forums:thread":
        return None
    return (
        Thread.objects.readable_by(user)
        .select_related("community")
        .filter(pk=match.kwargs.get("thread_id"), community__slug=match.kwargs.get("slug"))
        .first()
    )


def _update_completion(enrolment, pathway):
    """Completed when every current step is done; cleared as soon as one is not."""
    progress = _progress(pathway, enrolment)
    all_done = progress.n_total > 0 and progress.n_done == progress.n_total
    if all_done and not enrolment.completed:
        enrolment.completed = timezone.now()
        enrolment.save(update_fields=["completed"])
    elif not all_done and enrolment.completed:
        enrolment.completed = None
        enrolment.save(update_fields=["completed"])
    return progress


@transaction.atomic
def start(user, pathway):
    """Enrol the member (starting twice is harmless: they keep their first start date)."""
    enrolment, _ = PathwayEnrolment.objects.get_or_create(user=user, pathway=pathway)
    return enrolment


def _step_row(user, pathway, step_id):
    """The member's row for a current step, starting the pathway if they had not yet."""
    step = get_step(pathway, step_id)
    enrolment = start(user, pathway)
    row, _ = StepProgress.objects.get_or_create(enrolment=enrolment, step_id=step.id)
    return enrolment, row


@transaction.atomic
def mark_done(user, pathway, step_id, done=True):
    """Mark a step done (or not done again) and record or clear completion of the pathway."""
    enrolment, row = _step_row(user, pathway, step_id)
    # One step at a time per member and pathway: two steps marked at once (two tabs) would each miss
    # the other's and never record completion. The lock comes before the step changes.
    enrolment = PathwayEnrolment.objects.select_for_update().get(pk=enrolment.pk)
    row.refresh_from_db()
    if done and not row.done:
        row.done = timezone.now()
        row.save(update_fields=["done"])
    elif not done and row.done:
        row.done = None
        row.save(update_fields=["done"])
    return _update_completion(enrolment, pathway)


def clean_reflection(data):
    """The four parts of a reflection, stripped, or PathwayError naming each part that cannot be saved.

    A part is refused when it is too long, or when it holds a null character (no browser types one,
    and PostgreSQL cannot store one in text).
    """
    cleaned, errors = {}, {}
    for name, label, _hint in REFLECTION_FIELDS:
        value = data.get(name, "")
        if not isinstance(value, str):
            value = ""
        value = value.replace("\r\n", "\n").strip()
        if "\x00" in value:
            errors[name] = f"{label}: it held a character that cannot be saved. It is taken out below: save again."
        elif len(value) > REFLECTION_MAX_LENGTH:
            # "under 4,000" read as if 4,000 itself were refused; the hint says "up to".
            errors[name] = f"{label} must be {REFLECTION_MAX_LENGTH:,} characters or fewer (it has {len(value):,})."
        cleaned[name] = value
    if errors:
        raise PathwayError("Your reflection was not saved.", errors)
    return cleaned


@transaction.atomic
def save_reflection(user, pathway, step_id, data):
    """Save the member's private reflection on a step (validated first: on error nothing changes)."""
    get_step(pathway, step_id)  # an unknown step is NotFound before anything is validated or saved
    cleaned = clean_reflection(data)
    _enrolment_row, row = _step_row(user, pathway, step_id)
    for name, value in cleaned.items():
        setattr(row, name, value)
    row.updated = timezone.now()
    row.save(update_fields=[*cleaned, "updated"])
    return row


def own_step_progress(user, progress_id):
    """The member's own reflection row on a step still on a live, public pathway, else NotFound.

    Someone else's reflection is NotFound too: it must be indistinguishable from no reflection.
    """
    if user is None or not user.is_authenticated:
        raise NotFound
    try:
        progress_id = _database_id(progress_id)
    except (ValueError, TypeError):
        raise NotFound from None
    row = StepProgress.objects.select_related("enrolment").filter(pk=progress_id, enrolment__user=user).first()
    if row is None:
        raise NotFound
    pathway = get_pathway(row.enrolment.pathway_id)
    step = get_step(pathway, row.step_id)
    return row, pathway, step


def record_shared(row, url):
    """Remember where the member shared their reflection (forums does the posting)."""
    row.shared_url = url[:300]
    row.shared = timezone.now()
    row.save(update_fields=["shared_url", "shared"])


def reflection_markdown(row):
    """The reflection as Markdown with a heading per part of the cycle (empty parts left out).

    Headings are bold lines: forums' Markdown subset has no `#` headings, and a bold line is what
    renders as a heading in a post.
    """
    parts = []
    for name, label, _hint in REFLECTION_FIELDS:
        text = getattr(row, name).strip()
        if text:
            parts.append(f"**{label}**\n\n{text}")
    return "\n\n".join(parts)


# --- My learning ----------------------------------------------------------------------------------
def _member_progress(user):
    if user is None or not user.is_authenticated:
        return []
    enrolments = list(
        PathwayEnrolment.objects.filter(user=user, pathway__in=live_pathways())
        .select_related("pathway")
        .prefetch_related("steps")
    )
    page_ids = {
        (block.get("value") or {}).get("page") for enrolment in enrolments for block in enrolment.pathway.steps.raw_data
    }
    pages = Page.objects.in_bulk(page_ids - {None})  # every listed pathway's step pages in one query
    rule = visibility.access()
    return [
        _progress(enrolment.pathway, enrolment, _listed_steps(enrolment.pathway, pages, rule))
        for enrolment in enrolments
    ]


def pathways_in_progress(user):
    """Pathways the member started and has not completed, most recently started first.

    Each item has .pathway, .url, .title, .done, .total, .percent, .started, .completed and
    .next_step_title. Drafts and restricted pathways are left out.
    """
    return member_pathways(user)[0]


def completed_pathways(user):
    """Pathways the member completed, most recently completed first (same shape as in progress)."""
    return member_pathways(user)[1]


def member_pathways(user):
    """(pathways_in_progress, completed_pathways) from one read of the member's progress (My learning shows both)."""
    progress = _member_progress(user)
    in_progress = [item for item in progress if not item.completed]
    done = [item for item in progress if item.completed]
    return in_progress, sorted(done, key=lambda item: item.completed or datetime.min, reverse=True)
