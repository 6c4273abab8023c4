"""A second tuning set for issue 11's weak kinds: everyday paraphrases, questions as practitioners type
them, word forms and forum-only answers. Written on 2026-12-05 before the glossary vocabulary and query
changes it was used to check, by reading the demo content (demo/content/, demo/forums.py) and the seed,
never from what a search returned. Tuned on alongside judgements.py, so it is not held out.

Same format and grades as judgements.py: pages by slug, public forum threads by `thread:` and their
title slugified; 2 answers the query, 1 answers part of it or is useful background; "empty" queries
expect no results.
"""

JUDGEMENTS = {
    # --- Paraphrase: everyday words for what the pages name otherwise ---------------------------
    "letting people choose how their care is arranged": {
        "self-directed-support-outcomes": 2,
        "borders-self-directed-support-conversations": 2,
        "local-area-coordination": 1,
    },
    "giving people a home straight away without conditions": {
        "housing-first": 2,
        "aberdeen-housing-first": 2,
    },
    "joined-up working between agencies": {
        "uist-coming-home-from-hospital": 2,
        "working-through-conflict-between-partners": 1,
        "north-dundee-community-safety-inquiry": 1,
        "aberdeen-housing-first": 1,
        "moray-community-planning-peer-network": 1,
    },
    "local people voting on how council money is spent": {
        "springburn-mainstream-participatory-budgeting": 2,
        "participatory-budgeting-in-scotland": 2,
        "participatory-budgeting-in-brazil": 2,
        "running-a-participatory-budgeting-round": 2,
        "sharing-power-with-communities": 1,
    },
    "checking whether our project actually worked": {
        "planning-a-proportionate-evaluation": 2,
        "west-lothian-prevention-evaluation-partnership": 2,
        "from-evidence-to-practice": 1,
    },
    "helping older people get back on their feet after a stay in hospital": {
        "reablement-at-home": 2,
        "uist-coming-home-from-hospital": 2,
    },
    "staff learning from colleagues in other organisations": {
        "moray-community-planning-peer-network": 2,
        "collaborative-action-research-in-scottish-partnerships": 1,
    },
    "when partner organisations fall out with each other": {
        "working-through-conflict-between-partners": 2,
    },
    "listening to the staff who do the actual work": {
        "running-a-safe-structured-dialogue": 2,
        "hearing-the-frontline": 2,
        "north-dundee-community-safety-inquiry": 2,
        "collaborative-action-research-in-scottish-partnerships": 1,
        "setting-up-a-collaborative-action-research-group": 1,
        "thread:locality-plans-how-do-you-involve-frontline-staff-from-the-start": 1,
    },
    "meeting someone in a crisis together with their family": {
        "open-dialogue-in-western-lapland": 2,
    },
    "making sure poorer areas get a fair share": {
        "participatory-budgeting-in-brazil": 2,
        "springburn-mainstream-participatory-budgeting": 1,
        "running-a-participatory-budgeting-round": 1,
    },
    "police getting to know the neighbourhood": {
        "community-oriented-policing": 2,
        "north-dundee-community-safety-inquiry": 2,
    },
    # --- Questions as practitioners type them ---------------------------------------------------
    "how do we stop people ending up homeless again?": {
        "housing-first": 2,
        "aberdeen-housing-first": 2,
    },
    "what works for getting people home from hospital sooner?": {
        "uist-coming-home-from-hospital": 2,
        "reablement-at-home": 1,
    },
    "is there evidence that giving people their own budget improves outcomes?": {
        "self-directed-support-outcomes": 2,
        "borders-self-directed-support-conversations": 1,
    },
    "how do we hand real decisions over to local people?": {
        "sharing-power-with-communities": 2,
        "designing-a-participatory-process": 2,
        "springburn-mainstream-participatory-budgeting": 1,
        "achbeag-community-action-plan": 1,
        "running-a-participatory-budgeting-round": 1,
    },
    "should we use a citizens panel before closing a service?": {
        "strathtay-day-services-citizens-panel": 2,
        "citizens-assemblies-in-ireland": 1,
        "designing-a-participatory-process": 1,
    },
    "how do I judge whether a study from another country applies here?": {
        "finding-and-weighing-evidence": 2,
        "thread:bringing-international-evidence-into-a-local-inquiry": 2,
        "from-evidence-to-practice": 1,
    },
    "what is the best way to run a meeting so everyone gets to speak?": {
        "running-a-safe-structured-dialogue": 2,
        "thread:locality-plans-how-do-you-involve-frontline-staff-from-the-start": 1,
        "hearing-the-frontline": 1,
    },
    # --- Word forms -----------------------------------------------------------------------------
    "evaluating": {
        "planning-a-proportionate-evaluation": 2,
        "west-lothian-prevention-evaluation-partnership": 2,
        "from-evidence-to-practice": 1,
        "participatory-budgeting-in-scotland": 1,
    },
    "deliberative": {
        "citizens-assemblies-in-ireland": 2,
        "strathtay-day-services-citizens-panel": 2,
        "designing-a-participatory-process": 1,
    },
    "homeless people": {
        "housing-first": 2,
        "aberdeen-housing-first": 2,
    },
    "mediating between partners": {
        "working-through-conflict-between-partners": 2,
    },
    "neighborhood nursing": {
        "buurtzorg-neighbourhood-nursing": 2,
    },
    "co-produced services": {
        "kirkcaldy-evening-wellbeing-drop-in": 2,
        "sharing-power-with-communities": 1,
        "borders-self-directed-support-conversations": 1,
        "designing-a-participatory-process": 1,
    },
    # --- Answered best in the forums (open communities only) ------------------------------------
    "training on using data that actually stuck": {
        "thread:analytical-skills-in-community-planning-teams-what-training-worked": 2,
        "making-sense-of-local-data-together": 1,
    },
    "using studies from other countries without copying them": {
        "thread:bringing-international-evidence-into-a-local-inquiry": 2,
        "finding-and-weighing-evidence": 1,
    },
    "showing the partnership board the group is worth the time": {
        "thread:protecting-time-for-a-car-group-when-everyone-is-stretched": 2,
        "setting-up-a-collaborative-action-research-group": 1,
    },
    "getting community councils to read local data": {
        "thread:analytical-skills-in-community-planning-teams-what-training-worked": 2,
        "making-sense-of-local-data-together": 2,
    },
    # --- Not on this site -----------------------------------------------------------------------
    "bin collection days": {},
    "school holiday dates": {},
}

KINDS = {
    **dict.fromkeys(list(JUDGEMENTS)[:12], "paraphrase"),
    **dict.fromkeys(list(JUDGEMENTS)[12:19], "question"),
    **dict.fromkeys(list(JUDGEMENTS)[19:25], "wordform"),
    **dict.fromkeys(list(JUDGEMENTS)[25:29], "forum"),
    **dict.fromkeys(list(JUDGEMENTS)[29:], "empty"),
}
