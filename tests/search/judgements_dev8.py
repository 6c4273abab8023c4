"""A ninth set, weighted again to forum answers and to everyday words: practitioners asking what one of the
open communities' public threads (or a reply deep in one) answers better than any page, over all five public
threads and in their own words (their situation, long or short, a reply's phrase rather than the opening
post's, a "has anyone ..." question, their role or their council); everyday questions answered by pages and
sometimes a thread; everyday paraphrases of what a page or thread is about, in words no page uses; and two
things the site does not cover, unlike the other sets' empty queries. Written on 2026-12-06 by reading the
demo content (demo/content/, demo/forums.py: only the threads of communities visitors can read count; and
demo/inquiries.py, whose write-up is a published case study) and judged from what the pages and public
threads say, before any search was run on it and without reading search code or the glossary, to tell
whether a change to how the database backend weighs title, theme and text matches generalises; different
from every query of the other sets, and not written in the style of judgements_dev7.py. It is out of
sample: it is measured once by the lead, then only its figures by kind are read, never its per-query
results, and nothing is tuned because one of its queries uses it.

The room summary thread the demo inquiry's session posts is not judged: its title carries the day the demo
was loaded, so its key changes from one day to the next.

Same format and grades as judgements.py: pages by slug, public forum threads by `thread:` and their
title slugified; 2 answers the query, 1 answers part of it or is useful background; "empty" queries
expect no results.
"""

LOCALITY_PLANS = "thread:locality-plans-how-do-you-involve-frontline-staff-from-the-start"
DATA_SKILLS = "thread:analytical-skills-in-community-planning-teams-what-training-worked"
CAR_TIME = "thread:protecting-time-for-a-car-group-when-everyone-is-stretched"
INTERNATIONAL = "thread:bringing-international-evidence-into-a-local-inquiry"
WELCOME = "thread:welcome-how-this-community-works"
# The demo inquiry's write-up, published as a case study (demo/inquiries.py).
BOARD_LISTENS = "frontline-knowledge-heard-first-a-partnership-board-changes-how-it-listens"

JUDGEMENTS = {
    # --- Forum: a public thread, or a reply in one, answers better than any page ---------------------
    # Frontline staff in the locality plan from the start (replies: free the time properly, meet where
    # staff work, backfill visits, an outside facilitator, a round before anyone responds).
    "my frontline team keep getting asked to planning workshops at HQ on top of a full caseload": {
        LOCALITY_PLANS: 2,
        "north-dundee-community-safety-inquiry": 1,
        "running-a-safe-structured-dialogue": 1,
    },
    "has anyone tried going round the room so each person speaks before anyone answers?": {
        LOCALITY_PLANS: 2,
        "running-a-safe-structured-dialogue": 1,
    },
    "practice lead at the health and social care partnership: how did you get partners to release their "
    "frontline people for locality planning?": {
        LOCALITY_PLANS: 2,
        "north-dundee-community-safety-inquiry": 1,
        "setting-up-a-collaborative-action-research-group": 1,
    },
    "locality plan workshop in the health centre rather than council headquarters?": {
        LOCALITY_PLANS: 2,
        "running-a-safe-structured-dialogue": 1,
    },
    # Data skills that last (replies: pair officers with a health board analyst on the locality profile;
    # show residents the data, the community council spotted what officers missed).
    "our officers freeze when asked to interpret deprivation statistics, any training that lasted?": {
        DATA_SKILLS: 2,
        "making-sense-of-local-data-together": 1,
        "moray-community-planning-peer-network": 1,
    },
    "I'm an analyst with the health board, would sitting alongside council officers on their locality "
    "profile be a good way to teach them?": {
        DATA_SKILLS: 2,
        "making-sense-of-local-data-together": 1,
        "moray-community-planning-peer-network": 1,
    },
    "community councillor here: can we see the ward figures before the plan is decided?": {
        DATA_SKILLS: 2,
        "making-sense-of-local-data-together": 1,
    },
    # Keeping a CAR group going (replies: every date in the diary, shorter cycles, a note to the board).
    "we're three sessions into an action research group with the council and NHS and half the members have "
    "moved jobs or can't get released any more, how do others stop it fizzling out?": {
        CAR_TIME: 2,
        "collaborative-action-research-in-scottish-partnerships": 1,
        "setting-up-a-collaborative-action-research-group": 1,
        "north-dundee-community-safety-inquiry": 1,
    },
    "the academics want a final report in a year and my board wants something by next month": {
        CAR_TIME: 2,
        "collaborative-action-research-in-scottish-partnerships": 1,
        "setting-up-a-collaborative-action-research-group": 1,
    },
    "has anyone found a meeting rhythm that keeps a practitioner research group alive through cuts?": {
        CAR_TIME: 2,
        "setting-up-a-collaborative-action-research-group": 1,
    },
    "police sergeant in an inquiry group: how do I justify the hours to my inspector?": {
        CAR_TIME: 2,
        "north-dundee-community-safety-inquiry": 1,
        "setting-up-a-collaborative-action-research-group": 1,
    },
    # Evidence from abroad (three questions; a reply: "what made it work" changed their plan).
    "has anyone got a few questions to test whether an overseas programme would transfer to our area?": {
        INTERNATIONAL: 2,
        "finding-and-weighing-evidence": 1,
        "from-evidence-to-practice": 1,
    },
    "the question about why it worked over there is the one that changed our plan": {
        INTERNATIONAL: 2,
        "local-area-coordination": 1,
    },
    "using the Brazilian budgeting studies in our inquiry without pretending Glasgow is Porto Alegre": {
        INTERNATIONAL: 2,
        "participatory-budgeting-in-brazil": 1,
        "finding-and-weighing-evidence": 1,
    },
    # The welcome thread's house rules.
    "should I start a fresh thread or add my question to an old one?": {
        WELCOME: 2,
    },
    "is what I write in the community planning group private?": {
        WELCOME: 2,
    },
    # --- Question: as a practitioner would type it, answered by pages and sometimes a thread ---------
    "how do I recruit personal assistants in a remote area?": {
        "borders-self-directed-support-conversations": 2,
        "self-directed-support-outcomes": 1,
    },
    "what caseload should a Housing First support worker carry?": {
        "aberdeen-housing-first": 2,
        "housing-first": 1,
    },
    "how long does a data sharing agreement take to set up?": {
        "west-lothian-prevention-evaluation-partnership": 2,
        "planning-a-proportionate-evaluation": 2,
    },
    "what works for getting teenagers to vote in participatory budgeting?": {
        "springburn-mainstream-participatory-budgeting": 2,
        "running-a-participatory-budgeting-round": 1,
    },
    "is it worth running a citizens' panel before closing a service?": {
        "strathtay-day-services-citizens-panel": 2,
        "citizens-assemblies-in-ireland": 1,
        "designing-a-participatory-process": 1,
    },
    "how do I get services on an island to accept each other's assessments?": {
        "uist-coming-home-from-hospital": 2,
    },
    "what works when two partners argue over who carries the risk?": {
        "working-through-conflict-between-partners": 2,
    },
    "do self-managing community nursing teams really cost less?": {
        "buurtzorg-neighbourhood-nursing": 2,
    },
    "how do I get frontline colleagues to speak up in a meeting with directors present?": {
        "running-a-safe-structured-dialogue": 2,
        LOCALITY_PLANS: 1,
        "hearing-the-frontline": 1,
        "north-dundee-community-safety-inquiry": 1,
        BOARD_LISTENS: 1,
    },
    "how do we hear from people who never come to community meetings when writing a local plan?": {
        "achbeag-community-action-plan": 2,
        "designing-a-participatory-process": 1,
        "springburn-mainstream-participatory-budgeting": 1,
    },
    # --- Paraphrase: everyday words for what a page or thread is about, not the words it uses --------
    "a tea-and-biscuits night for folk struggling with their nerves, run by people who've been there": {
        "kirkcaldy-evening-wellbeing-drop-in": 2,
    },
    "nurses, carers and volunteers on a quick weekly video call about who's getting out of the ward": {
        "uist-coming-home-from-hospital": 2,
    },
    "the family round the kitchen table when someone's mind is breaking down, same staff every time": {
        "open-dialogue-in-western-lapland": 2,
    },
    "national referendums that started with ordinary people talking round small tables": {
        "citizens-assemblies-in-ireland": 2,
        "strathtay-day-services-citizens-panel": 1,
    },
    "handing someone straight off the street a key and sticking with them however long it takes": {
        "housing-first": 2,
        "aberdeen-housing-first": 2,
    },
    "a remote village's own to-do list that the council and health board now answer to": {
        "achbeag-community-action-plan": 2,
        "sharing-power-with-communities": 1,
    },
    "a cheat sheet of numbers about a neighbourhood that locals and staff pore over together": {
        "making-sense-of-local-data-together": 2,
        DATA_SKILLS: 1,
    },
    "not trusting a study just because it sounds impressive, checking how solid it is and if it fits here": {
        "finding-and-weighing-evidence": 2,
        "from-evidence-to-practice": 1,
    },
    "colleagues from different agencies taking turns to bring a headache for the rest to help untangle": {
        "moray-community-planning-peer-network": 2,
    },
    "agreeing to disagree without the partnership falling apart": {
        "working-through-conflict-between-partners": 2,
    },
    "getting the folk who do the home visits into the room before the bosses write anything": {
        LOCALITY_PLANS: 2,
        "hearing-the-frontline": 1,
    },
    "not spending more on checking whether something works than on the thing itself": {
        "planning-a-proportionate-evaluation": 2,
        "from-evidence-to-practice": 1,
    },
    # --- Empty: practitioners' topics the site does not cover ---------------------------------------
    "how do other councils write a school meals procurement tender?": {},
    "best payroll software for a small charity": {},
}

KINDS = {
    **dict.fromkeys(list(JUDGEMENTS)[:16], "forum"),
    **dict.fromkeys(list(JUDGEMENTS)[16:26], "question"),
    **dict.fromkeys(list(JUDGEMENTS)[26:38], "paraphrase"),
    **dict.fromkeys(list(JUDGEMENTS)[38:], "empty"),
}
