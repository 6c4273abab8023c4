"""A third tuning set of issue 11's kinds, weighted to the weak ones: everyday paraphrases as a council
officer, nurse, police officer or volunteer would type them, questions, word forms (irregular ones too)
and forum-only answers, with a few typos, abbreviations, places and queries the site does not cover.
Written on 2026-12-05 by reading the demo content (demo/content/, demo/forums.py) and the seed, and
judged from what the pages and public threads say, before any search was run on it; different from
every query of judgements.py and judgements_dev.py. Tuned on after its first measurement, so it is not
held out.

Same format and grades as judgements.py: pages by slug, public forum threads by `thread:` and their
title slugified; 2 answers the query, 1 answers part of it or is useful background; "empty" queries
expect no results.
"""

JUDGEMENTS = {
    # --- Paraphrase: everyday words for what the pages name otherwise ---------------------------
    "a tenancy of your own without having to get clean or sober first": {
        "aberdeen-housing-first": 2,
        "housing-first": 2,
    },
    "letting the public pick which local projects get the cash": {
        "springburn-mainstream-participatory-budgeting": 2,
        "participatory-budgeting-in-scotland": 2,
        "running-a-participatory-budgeting-round": 2,
        "participatory-budgeting-in-brazil": 1,
        "sharing-power-with-communities": 1,
    },
    "support after a fall so older people can manage on their own again": {
        "reablement-at-home": 2,
        "uist-coming-home-from-hospital": 1,
    },
    "staff swapping skills and teaching each other": {
        "moray-community-planning-peer-network": 2,
    },
    "police and housing officers turning up at the same households": {
        "north-dundee-community-safety-inquiry": 2,
    },
    "a remote village drawing up its own plan for housing and transport": {
        "achbeag-community-action-plan": 2,
        "sharing-power-with-communities": 1,
    },
    "turning figures about a neighbourhood into something partners can act on": {
        "making-sense-of-local-data-together": 2,
        "thread:analytical-skills-in-community-planning-teams-what-training-worked": 1,
        "moray-community-planning-peer-network": 1,
    },
    "money paid straight to disabled people to buy their own support": {
        "borders-self-directed-support-conversations": 2,
        "self-directed-support-outcomes": 2,
    },
    "stopping evictions before they happen": {
        "aberdeen-housing-first": 2,
        "housing-first": 1,
    },
    "frontline staff and academics investigating a shared problem over months": {
        "north-dundee-community-safety-inquiry": 2,
        "setting-up-a-collaborative-action-research-group": 2,
        "collaborative-action-research-in-scottish-partnerships": 2,
        "hearing-the-frontline": 1,
        "thread:protecting-time-for-a-car-group-when-everyone-is-stretched": 1,
    },
    "health and council staff working as one team around a person": {
        "uist-coming-home-from-hospital": 2,
        "kirkcaldy-evening-wellbeing-drop-in": 1,
        "buurtzorg-neighbourhood-nursing": 1,
    },
    "a place to go after hours when your mental health is bad": {
        "kirkcaldy-evening-wellbeing-drop-in": 2,
        "open-dialogue-in-western-lapland": 1,
    },
    # --- Questions as practitioners type them ---------------------------------------------------
    "does Housing First work in Scotland?": {
        "aberdeen-housing-first": 2,
        "housing-first": 2,
    },
    "how do you get people who never come to meetings to take part in a vote?": {
        "springburn-mainstream-participatory-budgeting": 2,
        "running-a-participatory-budgeting-round": 1,
        "citizens-assemblies-in-ireland": 1,
        "designing-a-participatory-process": 1,
    },
    "can people who use mental health services help run them?": {
        "kirkcaldy-evening-wellbeing-drop-in": 2,
    },
    "what do we need to agree before sharing data with a university?": {
        "west-lothian-prevention-evaluation-partnership": 2,
        "planning-a-proportionate-evaluation": 2,
        "making-sense-of-local-data-together": 1,
    },
    "who should be in a collaborative action research group?": {
        "setting-up-a-collaborative-action-research-group": 2,
        "north-dundee-community-safety-inquiry": 1,
        "collaborative-action-research-in-scottish-partnerships": 1,
        "hearing-the-frontline": 1,
    },
    "how can a small project evaluate itself without spending much?": {
        "planning-a-proportionate-evaluation": 2,
        "west-lothian-prevention-evaluation-partnership": 1,
        "from-evidence-to-practice": 1,
    },
    "is there good evidence for Open Dialogue?": {
        "open-dialogue-in-western-lapland": 2,
    },
    "why does it matter if community officers keep being moved on?": {
        "north-dundee-community-safety-inquiry": 2,
        "community-oriented-policing": 2,
    },
    # --- Word forms, irregular ones too ---------------------------------------------------------
    "evicted tenants": {
        "aberdeen-housing-first": 2,
        "housing-first": 1,
    },
    "befriended older islander": {
        "uist-coming-home-from-hospital": 2,
    },
    "deliberated": {
        "citizens-assemblies-in-ireland": 2,
        "strathtay-day-services-citizens-panel": 2,
        "designing-a-participatory-process": 1,
    },
    "coordinators": {
        "local-area-coordination": 2,
    },
    "mediators": {
        "working-through-conflict-between-partners": 2,
    },
    "analysed data": {
        "making-sense-of-local-data-together": 2,
        "thread:analytical-skills-in-community-planning-teams-what-training-worked": 2,
        "moray-community-planning-peer-network": 1,
        "west-lothian-prevention-evaluation-partnership": 1,
    },
    "staff taught to evaluate their own projects": {
        "west-lothian-prevention-evaluation-partnership": 2,
        "planning-a-proportionate-evaluation": 1,
    },
    "reabling older people": {
        "reablement-at-home": 2,
        "uist-coming-home-from-hospital": 1,
    },
    # --- Typos ----------------------------------------------------------------------------------
    "reablment at home": {
        "reablement-at-home": 2,
        "uist-coming-home-from-hospital": 1,
    },
    "citizen asembly": {
        "citizens-assemblies-in-ireland": 2,
        "strathtay-day-services-citizens-panel": 1,
    },
    # --- Abbreviations --------------------------------------------------------------------------
    "ASB": {
        "north-dundee-community-safety-inquiry": 2,
    },
    "DPO": {
        "borders-self-directed-support-conversations": 2,
    },
    # --- Places ---------------------------------------------------------------------------------
    "island care in Barra": {
        "uist-coming-home-from-hospital": 2,
    },
    "Perthshire day centres": {
        "strathtay-day-services-citizens-panel": 2,
    },
    # --- Answered best in the forums (open communities only) ------------------------------------
    "managers backfilling visits so staff can come to a workshop": {
        "thread:locality-plans-how-do-you-involve-frontline-staff-from-the-start": 2,
        "north-dundee-community-safety-inquiry": 1,
    },
    "pairing officers with an analyst to learn on the job": {
        "thread:analytical-skills-in-community-planning-teams-what-training-worked": 2,
        "moray-community-planning-peer-network": 1,
    },
    "a short note to the board after each session": {
        "thread:protecting-time-for-a-car-group-when-everyone-is-stretched": 2,
    },
    "what made it work there and what is different here": {
        "thread:bringing-international-evidence-into-a-local-inquiry": 2,
        "finding-and-weighing-evidence": 1,
    },
    "community council spotted things officers missed": {
        "thread:analytical-skills-in-community-planning-teams-what-training-worked": 2,
        "making-sense-of-local-data-together": 1,
    },
    "introduce yourself and say where you work": {
        "thread:welcome-how-this-community-works": 2,
    },
    # --- Not on this site -----------------------------------------------------------------------
    "booking a driving test": {},
    "wedding venues in Perth": {},
}

KINDS = {
    **dict.fromkeys(list(JUDGEMENTS)[:12], "paraphrase"),
    **dict.fromkeys(list(JUDGEMENTS)[12:20], "question"),
    **dict.fromkeys(list(JUDGEMENTS)[20:28], "wordform"),
    **dict.fromkeys(list(JUDGEMENTS)[28:30], "typo"),
    **dict.fromkeys(list(JUDGEMENTS)[30:32], "abbreviation"),
    **dict.fromkeys(list(JUDGEMENTS)[32:34], "place"),
    **dict.fromkeys(list(JUDGEMENTS)[34:40], "forum"),
    **dict.fromkeys(list(JUDGEMENTS)[40:], "empty"),
}
