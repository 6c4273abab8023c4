"""A fifth tuning set of issue 11's kinds, weighted to word forms of every sort (irregular plurals
and verbs, derivations, gerunds and past tenses, UK and US spellings, -ise and -ize, adjective for
noun and noun for adjective), with everyday paraphrases and questions as a practitioner would type
them, two forum-only answers and two queries the site does not cover. Written on 2026-12-05 by
reading the demo content (demo/content/, demo/forums.py) and the seed, and judged from what the
pages and public threads say, before any search was run on it or any search code was read, to
measure the two search backends side by side; different from every query of judgements.py,
judgements_dev.py, judgements_dev2.py and judgements_dev3.py. Its first measurement is the honest
figure for how far the tuned search generalises; it is tuned on after that, so it is a tuning set,
not held out.

Same format and grades as judgements.py: pages by slug, public forum threads by `thread:` and their
title slugified; 2 answers the query, 1 answers part of it or is useful background; "empty" queries
expect no results.
"""

JUDGEMENTS = {
    # --- Word forms: another inflection, derivation or spelling of the pages' words ---------------
    "where public money went in poorer districts": {
        "participatory-budgeting-in-brazil": 2,
    },
    "youth disorder falling in two streets": {
        "north-dundee-community-safety-inquiry": 2,
    },
    "analyst taught data skills to colleagues": {
        "moray-community-planning-peer-network": 2,
        "thread:analytical-skills-in-community-planning-teams-what-training-worked": 1,
    },
    "family meetings during crises": {
        "open-dialogue-in-western-lapland": 2,
    },
    "living independently again after illness": {
        "reablement-at-home": 2,
        "uist-coming-home-from-hospital": 1,
    },
    "satisfied clients of neighbourhood nurses": {
        "buurtzorg-neighbourhood-nursing": 2,
    },
    "fairness of police treatment": {
        "community-oriented-policing": 2,
        "north-dundee-community-safety-inquiry": 1,
    },
    "continuous support from the same nurses": {
        "buurtzorg-neighbourhood-nursing": 2,
        "open-dialogue-in-western-lapland": 1,
    },
    "redistribution through participatory budgets": {
        "participatory-budgeting-in-brazil": 2,
        "participatory-budgeting-in-scotland": 1,
        "springburn-mainstream-participatory-budgeting": 1,
    },
    "anonymous data linkage for evaluation": {
        "west-lothian-prevention-evaluation-partnership": 2,
        "planning-a-proportionate-evaluation": 1,
    },
    "sustaining tenancies": {
        "aberdeen-housing-first": 2,
        "housing-first": 2,
    },
    "surveying every household": {
        "achbeag-community-action-plan": 2,
    },
    "piloted individual budgets": {
        "self-directed-support-outcomes": 2,
    },
    "weighted votes for deprived areas": {
        "springburn-mainstream-participatory-budgeting": 2,
        "running-a-participatory-budgeting-round": 2,
        "participatory-budgeting-in-brazil": 1,
    },
    "discharges delayed by ferries": {
        "uist-coming-home-from-hospital": 2,
    },
    "self-organizing nurse teams": {
        "buurtzorg-neighbourhood-nursing": 2,
    },
    "analyzing neighborhood statistics": {
        "making-sense-of-local-data-together": 2,
        "moray-community-planning-peer-network": 1,
    },
    "evening drop-in at a community center": {
        "kirkcaldy-evening-wellbeing-drop-in": 2,
    },
    "five-year action research program": {
        "collaborative-action-research-in-scottish-partnerships": 2,
        "hearing-the-frontline": 1,
        "setting-up-a-collaborative-action-research-group": 1,
    },
    "recognizing disagreement between partner organizations": {
        "working-through-conflict-between-partners": 2,
    },
    "biased studies of Open Dialogue": {
        "open-dialogue-in-western-lapland": 2,
    },
    "scepticism about consultation": {
        "kirkcaldy-evening-wellbeing-drop-in": 2,
        "achbeag-community-action-plan": 1,
    },
    # --- Paraphrase: everyday words for what the pages name otherwise ---------------------------
    "cops walking the streets with tenants": {
        "north-dundee-community-safety-inquiry": 2,
        "community-oriented-policing": 1,
    },
    "better lights on paths teenagers avoid at night": {
        "springburn-mainstream-participatory-budgeting": 2,
    },
    "village lost its bus and young families cannot find houses": {
        "achbeag-community-action-plan": 2,
    },
    "older people stuck in hospital waiting for carers": {
        "uist-coming-home-from-hospital": 2,
        "reablement-at-home": 1,
    },
    "paying service users for their time on a design group": {
        "kirkcaldy-evening-wellbeing-drop-in": 2,
        "strathtay-day-services-citizens-panel": 1,
        "designing-a-participatory-process": 1,
    },
    "manager who won't share a budget because of audit": {
        "working-through-conflict-between-partners": 2,
    },
    "nobody told me about all my choices for care": {
        "self-directed-support-outcomes": 2,
        "borders-self-directed-support-conversations": 2,
    },
    "reports that just count how many people came through the door": {
        "west-lothian-prevention-evaluation-partnership": 2,
        "planning-a-proportionate-evaluation": 1,
    },
    "not trusting a study run by the people who invented the approach": {
        "open-dialogue-in-western-lapland": 2,
        "buurtzorg-neighbourhood-nursing": 1,
        "local-area-coordination": 1,
    },
    "keeping one day centre and taking activities out to village halls": {
        "strathtay-day-services-citizens-panel": 2,
    },
    # --- Questions as practitioners type them ---------------------------------------------------
    "why do people end up in A&E at night with their mental health?": {
        "kirkcaldy-evening-wellbeing-drop-in": 2,
    },
    "how do you stop community groups competing against each other for grants?": {
        "springburn-mainstream-participatory-budgeting": 2,
        "running-a-participatory-budgeting-round": 2,
        "participatory-budgeting-in-scotland": 2,
    },
    "what should go in a locality profile?": {
        "making-sense-of-local-data-together": 2,
        "moray-community-planning-peer-network": 1,
    },
    "does reablement save money?": {
        "reablement-at-home": 2,
    },
    "what is trusted assessment?": {
        "uist-coming-home-from-hospital": 2,
    },
    "how do you keep a design group going after the service opens?": {
        "kirkcaldy-evening-wellbeing-drop-in": 2,
    },
    # --- Answered best in the forums (open communities only) ------------------------------------
    "plans land on my desk after they are written": {
        "thread:welcome-how-this-community-works": 2,
    },
    "holding workshops where staff work instead of at head office": {
        "thread:locality-plans-how-do-you-involve-frontline-staff-from-the-start": 2,
    },
    # --- Not on this site -----------------------------------------------------------------------
    "allotment waiting list": {},
    "dog fouling fines": {},
}

KINDS = {
    **dict.fromkeys(list(JUDGEMENTS)[:22], "wordform"),
    **dict.fromkeys(list(JUDGEMENTS)[22:32], "paraphrase"),
    **dict.fromkeys(list(JUDGEMENTS)[32:38], "question"),
    **dict.fromkeys(list(JUDGEMENTS)[38:40], "forum"),
    **dict.fromkeys(list(JUDGEMENTS)[40:], "empty"),
}
