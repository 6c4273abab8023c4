"""A fourth tuning set of issue 11's kinds, weighted to the two that generalise worst: word forms of
every sort a practitioner types (irregular plurals and verbs, derivations, US spellings, -ize and -or,
gerunds and past tenses, adjective for noun) and everyday paraphrases as a council officer, nurse,
police officer or volunteer would put them, with a few questions, forum-only answers, typos and
queries the site does not cover. Written on 2026-12-05 by reading the demo content (demo/content/,
demo/forums.py) and the seed, and judged from what the pages and public threads say, before any
search was run on it or any search code was read; different from every query of judgements.py,
judgements_dev.py and judgements_dev2.py. Its first measurement is the honest figure for how far the
tuned search generalises; it is tuned on after that, so it is not held out.

Same format and grades as judgements.py: pages by slug, public forum threads by `thread:` and their
title slugified; 2 answers the query, 1 answers part of it or is useful background; "empty" queries
expect no results.
"""

JUDGEMENTS = {
    # --- Word forms: another inflection, derivation or spelling of the pages' words ---------------
    "homes for a family with a child": {
        "achbeag-community-action-plan": 2,
    },
    "disabled person choosing their support": {
        "borders-self-directed-support-conversations": 2,
        "self-directed-support-outcomes": 2,
    },
    "community buying land for homes": {
        "achbeag-community-action-plan": 2,
    },
    "voluntary drivers for appointments": {
        "achbeag-community-action-plan": 2,
    },
    "residents feeling safer": {
        "north-dundee-community-safety-inquiry": 2,
        "community-oriented-policing": 1,
    },
    "rehousing people who were homeless": {
        "aberdeen-housing-first": 2,
        "housing-first": 2,
    },
    "community organizations co-designing participatory budgeting": {
        "participatory-budgeting-in-scotland": 2,
        "springburn-mainstream-participatory-budgeting": 2,
        "running-a-participatory-budgeting-round": 1,
        "designing-a-participatory-process": 1,
    },
    "community policing programs": {
        "community-oriented-policing": 2,
        "north-dundee-community-safety-inquiry": 1,
    },
    "anti-social behavior": {
        "north-dundee-community-safety-inquiry": 2,
    },
    "prioritizing affordable homes": {
        "achbeag-community-action-plan": 2,
    },
    "helping neighbors reconnect": {
        "local-area-coordination": 2,
    },
    "randomized trials of housing": {
        "housing-first": 2,
        "aberdeen-housing-first": 1,
    },
    "autonomous nursing teams": {
        "buurtzorg-neighbourhood-nursing": 2,
    },
    "deprivation statistics": {
        "making-sense-of-local-data-together": 2,
        "springburn-mainstream-participatory-budgeting": 1,
    },
    "independent evaluators": {
        "west-lothian-prevention-evaluation-partnership": 2,
        "planning-a-proportionate-evaluation": 2,
    },
    "rural transportation": {
        "achbeag-community-action-plan": 2,
        "strathtay-day-services-citizens-panel": 1,
    },
    "frontline workers spoke freely": {
        "running-a-safe-structured-dialogue": 2,
        "north-dundee-community-safety-inquiry": 1,
        "thread:locality-plans-how-do-you-involve-frontline-staff-from-the-start": 1,
    },
    "people chose direct payments": {
        "borders-self-directed-support-conversations": 2,
        "self-directed-support-outcomes": 1,
    },
    "building good lives in the community": {
        "local-area-coordination": 2,
    },
    "discharged patients returning home": {
        "uist-coming-home-from-hospital": 2,
        "reablement-at-home": 1,
    },
    # --- Paraphrase: everyday words for what the pages name otherwise ---------------------------
    "council officer explaining their budget to residents": {
        "springburn-mainstream-participatory-budgeting": 2,
        "running-a-participatory-budgeting-round": 1,
        "participatory-budgeting-in-brazil": 1,
    },
    "nurse who had to give up being the one who decides": {
        "kirkcaldy-evening-wellbeing-drop-in": 2,
        "working-through-conflict-between-partners": 1,
    },
    "police officer on the beat asked for ideas": {
        "north-dundee-community-safety-inquiry": 2,
        "community-oriented-policing": 1,
        "hearing-the-frontline": 1,
    },
    "volunteers knocking on every door in the village": {
        "achbeag-community-action-plan": 2,
        "designing-a-participatory-process": 1,
    },
    "lonely older people on an island getting visits after hospital": {
        "uist-coming-home-from-hospital": 2,
        "reablement-at-home": 1,
    },
    "people who have been through it supporting others": {
        "kirkcaldy-evening-wellbeing-drop-in": 2,
        "borders-self-directed-support-conversations": 2,
    },
    "locals drawn by lottery to advise on closing a centre": {
        "strathtay-day-services-citizens-panel": 2,
        "citizens-assemblies-in-ireland": 1,
    },
    "someone new in the job learning the ropes from colleagues": {
        "moray-community-planning-peer-network": 2,
        "setting-up-a-collaborative-action-research-group": 1,
    },
    "social worker ticking boxes on a form instead of asking what matters": {
        "borders-self-directed-support-conversations": 2,
        "self-directed-support-outcomes": 1,
    },
    "getting rough sleepers into a flat of their own": {
        "aberdeen-housing-first": 2,
        "housing-first": 2,
    },
    "teenagers voting on youth work and street lighting": {
        "springburn-mainstream-participatory-budgeting": 2,
    },
    "measuring more than crime figures": {
        "north-dundee-community-safety-inquiry": 2,
        "community-oriented-policing": 2,
    },
    "firefighters and police tackling trouble on the same streets": {
        "north-dundee-community-safety-inquiry": 2,
    },
    "GP surgery staff and patients designing a service together": {
        "kirkcaldy-evening-wellbeing-drop-in": 2,
        "designing-a-participatory-process": 1,
    },
    # --- Questions as practitioners type them ---------------------------------------------------
    "what happens to ideas that cannot be funded?": {
        "springburn-mainstream-participatory-budgeting": 2,
        "running-a-participatory-budgeting-round": 1,
        "designing-a-participatory-process": 1,
    },
    "how long does a data sharing agreement take?": {
        "west-lothian-prevention-evaluation-partnership": 2,
        "planning-a-proportionate-evaluation": 2,
    },
    "how many people should be in an inquiry group?": {
        "setting-up-a-collaborative-action-research-group": 2,
        "north-dundee-community-safety-inquiry": 1,
    },
    "what are the four options in self-directed support?": {
        "self-directed-support-outcomes": 2,
        "borders-self-directed-support-conversations": 2,
    },
    # --- Answered best in the forums (open communities only) ------------------------------------
    "leaving a workshop early because visits still need doing": {
        "thread:locality-plans-how-do-you-involve-frontline-staff-from-the-start": 2,
    },
    "one question, one small action, then meet to reflect": {
        "thread:protecting-time-for-a-car-group-when-everyone-is-stretched": 2,
        "setting-up-a-collaborative-action-research-group": 1,
    },
    "reading the Local Area Coordination evidence with three questions": {
        "thread:bringing-international-evidence-into-a-local-inquiry": 2,
        "local-area-coordination": 1,
    },
    "community planning officer in Fife working on two locality plans": {
        "thread:welcome-how-this-community-works": 2,
    },
    # --- Typos ----------------------------------------------------------------------------------
    "evalution of prevention work": {
        "west-lothian-prevention-evaluation-partnership": 2,
        "planning-a-proportionate-evaluation": 2,
        "from-evidence-to-practice": 1,
    },
    "comunity led action plan": {
        "achbeag-community-action-plan": 2,
        "sharing-power-with-communities": 1,
        "designing-a-participatory-process": 1,
    },
    "buurtzog nursing": {
        "buurtzorg-neighbourhood-nursing": 2,
    },
    # --- Not on this site -----------------------------------------------------------------------
    "renewing a passport": {},
    "recycling centre opening hours": {},
}

KINDS = {
    **dict.fromkeys(list(JUDGEMENTS)[:20], "wordform"),
    **dict.fromkeys(list(JUDGEMENTS)[20:34], "paraphrase"),
    **dict.fromkeys(list(JUDGEMENTS)[34:38], "question"),
    **dict.fromkeys(list(JUDGEMENTS)[38:42], "forum"),
    **dict.fromkeys(list(JUDGEMENTS)[42:45], "typo"),
    **dict.fromkeys(list(JUDGEMENTS)[45:], "empty"),
}
