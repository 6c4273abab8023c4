"""Proposing a case study: the one way a member's practice becomes a draft case study in review.

`CaseStudyProposalForm` is the guided form ("share your practice", or a write-up from an inquiry);
`propose()` turns what it cleaned into a draft CaseStudyPage under the case study index, saves a
revision, submits it to the site's review workflow and records a `Proposal` crediting the people who
wrote it. Members type plain text: each paragraph is escaped and only bare web addresses become
links, so nothing a member types is ever taken as HTML. Nothing here publishes: reviewers do, in
Wagtail, as for any page.
"""

import re
from datetime import timedelta

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Comment, WorkflowState
from wagtail.rich_text import RichText
from wagtail.users.models import UserProfile

from casestudies.models import CaseStudyIndexPage, CaseStudyPage, Proposal
from cop_site.errors import DomainError
from learning.models import Approach, CouncilArea, Sector, Theme

# A member may propose this many case studies in a day (reviewers read each one).
DAILY_LIMIT = 5
MAX_TEXT = 10_000
FIRST_YEAR, LAST_YEAR = 1990, 2100


MAX_ID = 2**63 - 1  # the largest id a database column holds; a bigger number names nothing


def _is_id(value):
    text = str(value).strip()
    return text.isdigit() and 0 < int(text) <= MAX_ID


class ChoiceOfRows(forms.ModelChoiceField):
    """A choice of one row by id, where an id no column could hold is just not in the list."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if not _is_id(value):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ChoicesOfRows(forms.ModelMultipleChoiceField):
    """Several rows by id, the same way."""

    def _check_values(self, value):
        if not isinstance(value, (list, tuple)) or not all(_is_id(item) for item in value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": ""}
            )
        return super()._check_values(value)


def _text(label, hint, *, required=True, rows=6, max_length=MAX_TEXT, what=""):
    return forms.CharField(
        label=label,
        help_text=hint,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": f"Enter {what or label.lower()}.",
            "max_length": f"{label} can be at most {max_length:,} characters: shorten it.",
        },
    )


class YearField(forms.IntegerField):
    def __init__(self, *, what, **kwargs):
        super().__init__(
            min_value=FIRST_YEAR,
            max_value=LAST_YEAR,
            widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "ds_input--fixed-4"}),
            error_messages={
                "required": f"Enter the year the work {what}, for example 2019.",
                "invalid": f"Enter the year the work {what} as four digits, for example 2019.",
                "min_value": f"Enter the year the work {what}, for example 2019.",
                "max_value": f"Enter the year the work {what}, for example 2019.",
            },
            **kwargs,
        )


class CaseStudyProposalForm(forms.Form):
    """Everything a draft case study needs, in the words a practitioner would use. Accepts `initial=`."""

    # Sections of the guided form, in order: (heading, hint, field names). The template include walks them.
    SECTIONS = (
        (
            "About the work",
            "Where it happened and who was involved.",
            (
                "title",
                "summary",
                "lead_organisation",
                "partner_organisations",
                "council_area",
                "sectors",
                "approach",
                "start_year",
                "end_year",
            ),
        ),
        (
            "What happened",
            "Write as you would tell a colleague. Leave a blank line between paragraphs.",
            ("challenge", "what_was_done", "what_changed", "evaluation", "lessons"),
        ),
        ("Evidence and themes", "Help others find it and check it.", ("evidence_used", "themes")),
    )

    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="What was done, and where. For example: Listening to tenants before redesigning repairs in Fife.",
        error_messages={
            "required": "Enter a title for your case study.",
            "max_length": "The title can be at most 200 characters: shorten it.",
        },
    )
    summary = _text(
        "Summary",
        "Two or three sentences: what another practitioner will learn from it.",
        rows=3,
        max_length=1000,
        what="a short summary",
    )
    lead_organisation = forms.CharField(
        label="Lead organisation",
        max_length=200,
        help_text="The organisation that led the work, for example Fife Council.",
        error_messages={
            "required": "Enter the organisation that led the work.",
            "max_length": "The lead organisation can be at most 200 characters.",
        },
    )
    partner_organisations = _text(
        "Partner organisations",
        "One organisation per line.",
        required=False,
        rows=3,
        max_length=2000,
    )
    council_area = ChoiceOfRows(
        label="Council area",
        queryset=CouncilArea.objects.all(),
        empty_label="Choose a council area",
        help_text="Where the work happened.",
        error_messages={
            "required": "Choose the council area where the work happened.",
            "invalid_choice": "Choose one of the council areas in the list.",
        },
    )
    sectors = ChoicesOfRows(
        label="Sectors involved",
        queryset=Sector.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick every sector that took part.",
        error_messages={
            "invalid_choice": "Choose sectors from the list.",
            "invalid_pk_value": "Choose sectors from the list.",
        },
    )
    approach = forms.ChoiceField(
        label="Approach",
        choices=Approach.choices,
        widget=forms.RadioSelect,
        help_text="The approach closest to how the work was done.",
        error_messages={
            "required": "Choose the approach closest to how the work was done.",
            "invalid_choice": "Choose one of the approaches listed.",
        },
    )
    start_year = YearField(label="Year the work started", what="started")
    end_year = YearField(
        label="Year the work ended",
        what="ended",
        required=False,
        help_text="Leave empty if the work goes on.",
    )
    challenge = _text("The challenge", "What you set out to change, and why it mattered.", what="the challenge")
    what_was_done = _text("What was done", "Who did what, and how people were involved.", what="what was done")
    what_changed = _text("What changed", "For the people using the service, and for staff.", what="what changed")
    evaluation = _text(
        "How you know",
        "How the change was noticed or evaluated, and by whom.",
        rows=4,
        what="how you know it made a difference",
    )
    lessons = _text("Lessons for others", "What you would tell someone trying something similar.", what="the lessons")
    evidence_used = _text(
        "Evidence used",
        "Reports, data or research you drew on. Web addresses become links.",
        required=False,
        rows=4,
        max_length=4000,
    )
    themes = ChoicesOfRows(
        label="Themes",
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick the themes it speaks to.",
        error_messages={
            "invalid_choice": "Choose themes from the list.",
            "invalid_pk_value": "Choose themes from the list.",
        },
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", "The year the work ended cannot be before the year it started.")
        return cleaned

    def sections(self):
        """[(heading, hint, [bound fields])] in the order the form asks for them."""
        return [(heading, hint, [self[name] for name in names]) for heading, hint, names in self.SECTIONS]


# --- member text as page content ------------------------------------------------------------------------
_ADDRESS = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]")


def _linked(line):
    """One line of plain text, escaped, with its bare http(s) addresses as links."""
    parts, at = [], 0
    for match in _ADDRESS.finditer(line):
        parts.append(escape(line[at : match.start()]))
        address = escape(match.group(0))
        parts.append(f'<a href="{address}">{address}</a>')
        at = match.end()
    parts.append(escape(line[at:]))
    return "".join(parts)


def paragraphs_html(text):
    """Plain text as HTML paragraphs: blank lines part paragraphs, single line breaks stay breaks."""
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())]
    return "".join(
        "<p>" + "<br/>".join(_linked(line.strip()) for line in block.split("\n")) + "</p>" for block in blocks if block
    )


def _stream(text):
    return [("text", RichText(paragraphs_html(text)))] if text.strip() else []


def _evaluation(cleaned):
    html = paragraphs_html(cleaned["evaluation"])
    if cleaned.get("evidence_used", "").strip():
        html += "<h3>Evidence used</h3>" + paragraphs_html(cleaned["evidence_used"])
    return html


# --- proposing ------------------------------------------------------------------------------------------
# What higher apps refuse a member of their own accord (forums: a suspended member contributes nothing): each
# takes the member and returns a DomainError or None. This app cannot import them; they add theirs when ready.
refusals = []


def check_can_propose(author):
    """Refuse (DomainError) a visitor, a member a higher app refuses (`refusals`), or one at the day's limit."""
    if author is None or not author.is_authenticated or not author.is_active:
        raise DomainError("forbidden", "Sign in to share your practice.")
    for refusal in refusals:
        if (error := refusal(author)) is not None:
            raise error
    since = timezone.now() - timedelta(days=1)
    if Proposal.objects.filter(author=author, created__gte=since).count() >= DAILY_LIMIT:
        raise DomainError(
            "rate_limited",
            f"You have proposed {DAILY_LIMIT} case studies in the last day, as many as we can take. "
            "Please try again tomorrow: nothing you typed has been sent.",
        )


def case_study_index():
    index = CaseStudyIndexPage.objects.order_by("path").first()
    if index is None:
        raise DomainError("not_found", "Case studies are not set up on this site yet, so nothing can be proposed.")
    return index


def build_page(author, cleaned):
    """An unsaved draft CaseStudyPage made from the form's cleaned data."""
    return CaseStudyPage(
        title=cleaned["title"].strip(),
        summary=cleaned["summary"].strip(),
        council_area=cleaned["council_area"],
        lead_organisation=cleaned["lead_organisation"].strip(),
        partner_organisations=cleaned.get("partner_organisations", "").strip(),
        approach=cleaned["approach"],
        start_year=cleaned["start_year"],
        end_year=cleaned.get("end_year"),
        challenge=_stream(cleaned["challenge"]),
        what_was_done=_stream(cleaned["what_was_done"]),
        what_changed=_stream(cleaned["what_changed"]),
        evaluation=_evaluation(cleaned),
        lessons=_stream(cleaned["lessons"]),
        live=False,
        has_unpublished_changes=True,
        owner=author,
    )


def propose(author, cleaned_data, *, contributors=(), origin=None, origin_url="", origin_title=""):
    """Make the draft case study, submit it for review and record who proposed it; returns the Proposal.

    `cleaned_data` is a valid CaseStudyProposalForm's. `contributors` are credited beside the author
    (an inquiry's team); `origin` (any model instance), `origin_url` and `origin_title` link back to
    where it was written up from. Raises DomainError (nothing saved) for a visitor or past the limit.
    """
    check_can_propose(author)
    index = case_study_index()
    with transaction.atomic():
        page = build_page(author, cleaned_data)
        page.sectors = list(cleaned_data.get("sectors") or [])
        page.themes.set(list(cleaned_data.get("themes") or []))
        index.add_child(instance=page)
        page.save_revision(user=author, log_action=True)
        proposal = Proposal.objects.create(
            page=page,
            author=author,
            origin_type=ContentType.objects.get_for_model(origin) if origin is not None else None,
            origin_id=origin.pk if origin is not None else None,
            origin_url=origin_url[:500] if _is_link(origin_url) else "",
            origin_title=origin_title[:300],
        )
        proposal.contributors.set([user for user in contributors if user.pk != author.pk])
        _keep_admin_emails_from_members(author)
        workflow = page.get_workflow()
        if workflow is not None:
            workflow.start(page, author)
    return proposal


MAX_REPLY = 4000


def respond(user, proposal, reply):
    """The member answers a reviewer's request for changes and sends the proposal back into review.

    Their reply becomes a comment on the draft in Wagtail (where the reviewer works on it) with a new
    revision of their own, and the workflow resumes: reviewers are told by Wagtail as for any page.
    Only someone credited on it may, and only while changes are requested (DomainError otherwise).
    """
    if (
        user is None
        or not user.is_authenticated
        or proposal.author_id != user.pk
        and not (proposal.contributors.filter(pk=user.pk).exists())
    ):
        raise DomainError("not_found", "There is no proposal of yours here.")
    if proposal.state != Proposal.State.CHANGES_REQUESTED:
        raise DomainError("invalid", "This proposal is not waiting for changes from you: see its state in My learning.")
    reply = (reply or "").replace("\r\n", "\n").strip()
    if "\x00" in reply:
        raise DomainError("invalid", "Your reply contains a character that cannot be saved: remove it and send again.")
    if not reply:
        raise DomainError("empty", "Write your reply to the reviewer: what you changed, or what they asked to know.")
    if len(reply) > MAX_REPLY:
        raise DomainError("too_long", f"Your reply can be at most {MAX_REPLY:,} characters: shorten it.")
    with transaction.atomic():
        page = proposal.page.specific.get_latest_revision_as_object()
        revision = page.save_revision(user=user, log_action=True)
        Comment.objects.create(page=page, user=user, text=reply, contentpath="title", revision_created=revision)
        workflow_state = WorkflowState.objects.select_for_update().get(pk=proposal.page.current_workflow_state.pk)
        workflow_state.resume(user)
    return proposal


def _is_link(url):
    """A site path or a web address: nothing else is ever put in the page's link back."""
    return (url.startswith("/") and not url.startswith("//")) or url.startswith(("https://", "http://"))


def _keep_admin_emails_from_members(user):
    """Wagtail emails whoever submitted a page when it is approved or rejected, with links into the admin.

    A member without admin access is told through the site instead (notification and email, see
    mylearning/proposals.py), so Wagtail's own emails are turned off for them alone.
    """
    if user.has_perm("wagtailadmin.access_admin"):
        return
    profile = UserProfile.get_for_user(user)
    if profile.approved_notifications or profile.rejected_notifications:
        profile.approved_notifications = profile.rejected_notifications = False
        profile.save(update_fields=["approved_notifications", "rejected_notifications"])
