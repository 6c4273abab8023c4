"""What member learning keeps of a member, for accounts' data export: bookmarks, pathway progress
with reflections, uses in practice and reads. All of it goes with the account by cascade.

Also the case studies they proposed or are credited on (casestudies' Proposal, which My learning
lists): the case study stays when the account goes, credited to a former member.

accounts loads this module from every app when it is ready (accounts/apps.py); accounts never
imports mylearning.
"""

from accounts.data import HIDDEN_CONTEXT, PageContext, exports, iso
from accounts.deletion import on_delete
from casestudies.models import Proposal
from mylearning.models import Bookmark, MemberRead, PathwayEnrolment, PracticeUse
from mylearning.saving import bookmarks_visible_to


@exports
def learning_data(user):
    page = PageContext(user)
    return {
        "bookmarks": _bookmarks(user),
        "pathways": _pathways(user, page),
        "practice_uses": [
            {**page(u.page_id), "note": u.note, "created": iso(u.created)}
            for u in PracticeUse.objects.filter(user=user).order_by("created", "pk")
        ],
        "pages_read": [
            {**page(r.page_id), "reads": r.reads, "first": iso(r.first_read), "last": iso(r.last_read)}
            for r in MemberRead.objects.filter(user=user).order_by("first_read", "pk")
        ],
    }


def _bookmarks(user):
    visible = {item.bookmark.pk: item for item in bookmarks_visible_to(user)}
    rows = []
    for bookmark in Bookmark.objects.filter(user=user).select_related("content_type").order_by("created", "pk"):
        item = visible.get(bookmark.pk)
        rows.append(
            {
                "kind": bookmark.content_type.model,
                "title": item.title if item else HIDDEN_CONTEXT,
                "url": item.url if item else None,
                "created": iso(bookmark.created),
            }
        )
    return rows


def _pathways(user, page):
    rows = []
    enrolments = PathwayEnrolment.objects.filter(user=user).select_related("pathway").prefetch_related("steps")
    for enrolment in enrolments.order_by("started", "pk"):
        shown = page.shows(enrolment.pathway)
        rows.append(
            {
                "pathway": enrolment.pathway.title if shown else HIDDEN_CONTEXT,
                "pathway_url": enrolment.pathway.get_url() if shown else None,
                "started": iso(enrolment.started),
                "completed": iso(enrolment.completed),
                "steps": [
                    {
                        "step_id": step.step_id,
                        "done": iso(step.done),
                        "reflection": {
                            "plan": step.plan,
                            "act": step.act,
                            "observe": step.observe,
                            "reflect": step.reflect,
                        },
                        "updated": iso(step.updated),
                        "shared_url": step.shared_url or None,
                        "shared": iso(step.shared),
                    }
                    for step in enrolment.steps.all()
                ],
            }
        )
    return rows


@exports
def proposal_data(user):
    """The case studies the member proposed or is credited on: their words are in the draft, so the title
    and state are theirs to have; the address only once it is published and they may see it."""
    page = PageContext(user)
    rows = []
    for proposal in Proposal.objects.involving(user).select_related("page").order_by("created", "pk"):
        shown = page.shows(proposal.page)
        rows.append(
            {
                "title": proposal.page.title,
                "role": "author" if proposal.author_id == user.pk else "contributor",
                "state": proposal.state,
                "reviewer_comment": proposal.reviewer_comment,
                "url": proposal.page.get_url() if shown else None,
                "written_up_from": {"title": proposal.origin_title, "url": proposal.origin_url}
                if proposal.origin_url
                else None,
                "created": iso(proposal.created),
            }
        )
    return {"case_study_proposals": rows}


@on_delete
def forget_proposer(user, summary):
    """The case studies stay (they are the site's content now); the credit becomes a former member's
    (Proposal.author is SET_NULL) and a contributor's credit goes with the account."""
    kept = Proposal.objects.filter(author=user).count()
    if kept:
        summary.kept["case study proposals"] = kept
