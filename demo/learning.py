"""Demo learning activity, for `manage.py load_demo_content`: what a site in use shows in My learning
and on the editors' Insights dashboard.

Fraser (the `frontline` demo account) is part way through the collaborative action research pathway
with a reflection on its first step, has saved two pages and has used a case study in practice;
the facilitator has used it too. Pages have read counts over the last six months, so "most read"
has something to rank. Safe to run again: whatever exists is left as it is, so a member's own
progress, notes and bookmarks survive.
"""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from learning.models import ContentPage, LearningPathwayPage
from mylearning.models import Bookmark, MemberRead, PageReadDay, PathwayEnrolment, PracticeUse, StepProgress

PATHWAY_TITLE = "Hearing the frontline: collaborative action research in practice"
READ_DAYS = 180
FIRST_STEP_REFLECTION = {
    "plan": "Ask the three support workers on my team what they would change about how referrals reach us, "
    "before the service review meeting rather than after it.",
    "act": "Twenty minutes at the end of Tuesday's team meeting, with the question written up and no managers "
    "in the room for the first ten.",
    "observe": "Two of the three said more than they do in supervision. All three named the same bottleneck: "
    "referrals that arrive without the person's own account of what they want.",
    "reflect": "The question mattered less than who was in the room. Next cycle: bring what they said to the "
    "review myself, in their words, and tell them what happened to it.",
}
PRACTICE_NOTES = {
    "frontline": "Used the idea of a shared referral conversation with our local housing officer; two families "
    "were seen in one visit instead of three.",
    "facilitator": "Borrowed the structure of their community conversations for our locality planning session.",
}


def load_demo_learning():
    """Load the demo activity; returns a list of what changed, for the command's report."""
    report = []
    users = {user.username: user for user in get_user_model().objects.filter(username__in=PRACTICE_NOTES)}
    pages = list(ContentPage.objects.live().public().specific().order_by("path"))
    if not pages:
        return report
    with transaction.atomic():
        _read_counts(pages, report)
        if fraser := users.get("frontline"):
            _pathway_progress(fraser, report)
            _bookmarks_and_reads(fraser, pages, report)
        case_study = next((page for page in pages if page.content_type_key == "casestudy"), None)
        if case_study is not None:
            for username, note in PRACTICE_NOTES.items():
                if user := users.get(username):
                    _, created = PracticeUse.objects.get_or_create(user=user, page=case_study, defaults={"note": note})
                    if created:
                        report.append(f"{username} used {case_study.title} in practice")
    return report


def _read_counts(pages, report):
    """Read counts for the last six months, steady per page (seeded by its slug), for pages with none yet."""
    counted = set(PageReadDay.objects.values_list("page_id", flat=True).distinct())
    today = timezone.localdate()
    rows = []
    for page in pages:
        if page.pk in counted:
            continue
        rng = random.Random(page.slug)
        popularity = rng.randint(1, 12)
        for age in range(READ_DAYS):
            reads = max(0, round(rng.gauss(popularity, popularity / 2)))
            if reads:
                rows.append(PageReadDay(page_id=page.pk, day=today - timedelta(days=age), reads=reads))
    if rows:
        PageReadDay.objects.bulk_create(rows, batch_size=1000)
        report.append(f"counted demo reads for {len({row.page_id for row in rows})} pages")


def _pathway_progress(user, report):
    pathway = LearningPathwayPage.objects.live().public().filter(title=PATHWAY_TITLE).first()
    if pathway is None or PathwayEnrolment.objects.filter(user=user, pathway=pathway).exists():
        return
    started = timezone.now() - timedelta(days=12)
    enrolment = PathwayEnrolment.objects.create(user=user, pathway=pathway, started=started)
    first_step = next(iter(pathway.steps), None)
    if first_step is not None:
        StepProgress.objects.create(
            enrolment=enrolment, step_id=first_step.id, done=started + timedelta(days=5), **FIRST_STEP_REFLECTION
        )
    report.append(f"{user.username} started the pathway {pathway.title}")


def _bookmarks_and_reads(user, pages, report):
    page_type = ContentType.objects.get_for_model(Page)  # pages are saved by base type, as in saving
    evidence = [page for page in pages if page.content_type_key == "evidence"][:2]
    for page in evidence:
        _, created = Bookmark.objects.get_or_create(user=user, content_type=page_type, object_id=page.pk)
        if created:
            report.append(f"{user.username} saved {page.title}")
    now = timezone.now()
    for age, page in enumerate(page for page in pages if page.content_type_key == "casestudy"):
        if age >= 3:
            break
        MemberRead.objects.get_or_create(
            user=user, page_id=page.pk, defaults={"first_read": now - timedelta(days=age + 1), "last_read": now}
        )
