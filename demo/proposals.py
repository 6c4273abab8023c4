"""A demo member's shared practice waiting for review, for `manage.py load_demo_content`.

Fraser (the `frontline` demo account) proposes a case study through casestudies.proposals, the
one way members do: it lands as a draft in the editorial review, so the reviewer finds it on
Wagtail's dashboard and in Insights, and Fraser sees "In review" in My learning. Written from the
seed's messages (the frontline must be heard; protected, facilitated space for dialogue; time is
the scarce thing), with no figures the seed does not give. Safe to run again: a proposal with its
title is never made twice, whatever the reviewers have done with it since.
"""

from django.contrib.auth import get_user_model

from casestudies.models import CaseStudyIndexPage, Proposal
from casestudies.proposals import CaseStudyProposalForm, propose
from learning.models import CouncilArea, Sector, Theme

TITLE = "Support workers speak first: a protected half hour before our referral review"
PROPOSAL = {
    "title": TITLE,
    "summary": "Our housing support team set aside half an hour before each referral review in which support "
    "workers speak first, without managers in the room, and bring what they said to the review in their own "
    "words.",
    "lead_organisation": "Dundee City Council housing support team",
    "partner_organisations": "A local tenants' association",
    "approach": "collaborative_action_research",
    "start_year": 2025,
    "end_year": None,
    "challenge": "Referral reviews were where decisions about support were made, but the people who know the "
    "households best, the support workers, said least in them. What they knew reached the review second hand, "
    "if at all.\n\nReferrals also arrived without the person's own account of what they wanted.",
    "what_was_done": "We tried a cycle of plan, act, observe and reflect. Before each review, the support workers "
    "met for half an hour with one question written up and no managers in the room for the first part.\n\n"
    "One support worker then took what was said to the review, in the team's words, and told the team "
    "afterwards what had happened to it.",
    "what_changed": "Support workers said more than they do in supervision, and named the same bottleneck: "
    "referrals without the person's own account. The review now asks for that account before a referral is "
    "accepted.",
    "evaluation": "We kept notes of each half hour and of the reviews that followed, and reflected on them "
    "together at the end of each cycle. No one outside the team has evaluated it yet.",
    "lessons": "Who is in the room matters more than the question. Protect the time: it was the first thing to "
    "go when the team was stretched.\n\nClose the loop: tell people what happened to what they said, or they "
    "stop saying it.",
    "evidence_used": "What Works Scotland's collaborative action research with practitioners: "
    "https://whatworksscotland.ac.uk/",
}
COUNCIL_AREA = "dundee-city"
SECTORS = ("public-sector", "community-sector")
THEMES = ("Collaborative action research", "Workforce development")


def load_demo_proposals():
    """Fraser's proposal, in review; returns what changed, for the command's report."""
    fraser = get_user_model().objects.filter(username="frontline").first()
    if fraser is None or not CaseStudyIndexPage.objects.exists() or Proposal.objects.filter(page__title=TITLE).exists():
        return []
    council_area = CouncilArea.objects.filter(slug=COUNCIL_AREA).first() or CouncilArea.objects.first()
    data = {
        **PROPOSAL,
        "council_area": council_area.pk if council_area else "",
        "sectors": [sector.pk for sector in Sector.objects.filter(slug__in=SECTORS)],
        "themes": [theme.pk for theme in Theme.objects.filter(name__in=THEMES)],
    }
    form = CaseStudyProposalForm({key: "" if value is None else value for key, value in data.items()})
    if not form.is_valid():  # the vocabularies it names are missing: say so rather than half-load it
        return [f"frontline's case study proposal skipped: {form.errors.as_text()}"]
    propose(fraser, form.cleaned_data)
    return [f"frontline proposed “{TITLE}” for review"]
