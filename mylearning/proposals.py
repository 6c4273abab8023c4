"""A member's case study proposals: what My learning lists, and being told what reviewers decided.

Proposing lives in casestudies/proposals.py; reviewing is Wagtail's workflow, as for every page.
This module listens to Wagtail's signals and tells everyone credited on a proposal (forums'
notifications: in the site and by email) when a reviewer asks for changes and when the case study
is first published, however the reviewer did it (the workflow's Approve, or Publish).
"""

from dataclasses import dataclass

from django.dispatch import receiver
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.signals import page_published, workflow_rejected

from casestudies.models import Proposal
from forums import notifications

PROPOSALS_ANCHOR = "case-study-proposals"


@dataclass(frozen=True)
class ProposalItem:
    """One proposal as My learning lists it."""

    id: int
    title: str
    state: str  # Proposal.State
    state_label: str
    created: object
    url: str = ""  # the published page, once it is published
    comment: str = ""  # what the reviewer asked for, when they asked for changes
    is_author: bool = True


def proposals_of(user):
    """The proposals the member wrote or is credited on, newest first, each with its state now."""
    proposals = Proposal.objects.involving(user).select_related("page").order_by("-created", "-pk")
    items = []
    for proposal in proposals:
        state = proposal.state
        items.append(
            ProposalItem(
                id=proposal.pk,
                title=proposal.page.title,
                state=state,
                state_label=proposal.state_label,
                created=proposal.created,
                url=proposal.page.get_url() if state == Proposal.State.PUBLISHED else "",
                comment=proposal.reviewer_comment if state == Proposal.State.CHANGES_REQUESTED else "",
                is_author=proposal.author_id == user.pk,
            )
        )
    return items


def my_learning_url():
    return f"{reverse('my_learning')}#{PROPOSALS_ANCHOR}"


# --- telling the people credited --------------------------------------------------------------------------
def _proposal_of(page_id):
    return Proposal.objects.select_related("page", "author").filter(page_id=page_id).first()


@receiver(workflow_rejected, sender=WorkflowState, dispatch_uid="mylearning_proposal_changes_requested")
def changes_requested(sender, instance, user=None, **kwargs):
    proposal = _proposal_of(instance.object_id)
    if proposal is None:
        return
    task_state = instance.current_task_state
    comment = (task_state.specific.get_comment() if task_state is not None else "") or ""
    text = f"A reviewer asked for changes to your case study “{proposal.page.title}”"
    if comment.strip():
        text += f": {comment.strip()}"
    notifications.handle(
        "case_study_review", recipients=proposal.credited(), text=text, actor=user, url=my_learning_url()
    )


@receiver(page_published, dispatch_uid="mylearning_proposal_published")
def published(sender, instance, revision=None, **kwargs):
    if instance.first_published_at != instance.last_published_at:
        return  # told once, when it first goes live; later edits are the editors' own
    proposal = _proposal_of(instance.pk)
    if proposal is None:
        return
    notifications.handle(
        "case_study_review",
        recipients=proposal.credited(),
        text=f"Your case study “{instance.title}” is published: thank you for sharing your practice",
        # No actor: the revision published is the member's own, and whoever approved it is not told.
        url=instance.get_url() or "",
    )
