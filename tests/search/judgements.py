"""Judged queries for the demo content: what a Scottish public-service practitioner types, and the pages
that answer it (issue 4, item 11). Read by `manage.py search_relevance` and tests/search/test_relevance.py.
This is the tuning set: look at it while improving search. judgements_holdout.py is only reported.

Pages are named by slug (demo/content/); forum threads by `thread:` and their title slugified
(search.relevance.thread_key), and only threads of open communities, which anyone may read, count.
A hit on any post of a thread counts as that thread, once. Grades: 2 = answers the query directly,
1 = answers part of it or is useful background; every page or thread not listed is 0 (the index pages
and home page included). The grades come from reading the pages and threads, never from what a search
engine returned: an item is relevant whether or not it happens to contain the words typed.

KINDS labels every query: "topic", "abbreviation", "place", "evidence", "howto" and "long" (the first
45, by section below), then "paraphrase" (everyday words for what the pages name otherwise),
"wordform" (another inflection or derivation of the pages' word), "typo" (one or two words misspelt),
"question" (a natural question with its filler words), "forum" (answered best by a public forum
thread) and "empty" (something the site does not cover: no grades, and the right answer is no
results; search.relevance.score gives 1.0 for no results and 0.0 for any).
"""

JUDGEMENTS = {
    # --- Plain topics ---------------------------------------------------------------------------
    "participatory budgeting": {
        "springburn-mainstream-participatory-budgeting": 2,
        "participatory-budgeting-in-scotland": 2,
        "participatory-budgeting-in-brazil": 2,
        "running-a-participatory-budgeting-round": 2,
        "sharing-power-with-communities": 1,
        "designing-a-participatory-process": 1,
    },
    "housing first": {
        "housing-first": 2,
        "aberdeen-housing-first": 2,
        "from-evidence-to-practice": 1,
    },
    "homelessness": {
        "aberdeen-housing-first": 2,
        "housing-first": 2,
        "from-evidence-to-practice": 1,
    },
    "co-production": {
        "kirkcaldy-evening-wellbeing-drop-in": 2,
        "sharing-power-with-communities": 2,
        "borders-self-directed-support-conversations": 1,
        "springburn-mainstream-participatory-budgeting": 1,
        "achbeag-community-action-plan": 1,
        "designing-a-participatory-process": 1,
        "working-through-conflict-between-partners": 1,
        "self-directed-support-outcomes": 1,
        "open-dialogue-in-western-lapland": 1,
    },
    "mental health": {
        "kirkcaldy-evening-wellbeing-drop-in": 2,
        "open-dialogue-in-western-lapland": 2,
    },
    "prevention": {
        "west-lothian-prevention-evaluation-partnership": 2,
        "planning-a-proportionate-evaluation": 2,
        "aberdeen-housing-first": 1,
        "housing-first": 1,
        "reablement-at-home": 1,
        "local-area-coordination": 1,
        "kirkcaldy-evening-wellbeing-drop-in": 1,
        "uist-coming-home-from-hospital": 1,
        "from-evidence-to-practice": 1,
    },
    "evaluation": {
        "planning-a-proportionate-evaluation": 2,
        "west-lothian-prevention-evaluation-partnership": 2,
        "from-evidence-to-practice": 1,
        "participatory-budgeting-in-scotland": 1,
        "finding-and-weighing-evidence": 1,
    },
    "frontline voice": {
        "hearing-the-frontline": 2,
        "running-a-safe-structured-dialogue": 2,
        "north-dundee-community-safety-inquiry": 2,
        "collaborative-action-research-in-scottish-partnerships": 2,
        "setting-up-a-collaborative-action-research-group": 1,
        "buurtzorg-neighbourhood-nursing": 1,
        "kirkcaldy-evening-wellbeing-drop-in": 1,
        "making-sense-of-local-data-together": 1,
    },
    "rural": {
        "achbeag-community-action-plan": 2,
        "strathtay-day-services-citizens-panel": 2,
        "uist-coming-home-from-hospital": 2,
        "borders-self-directed-support-conversations": 1,
    },
    "workforce development": {
        "moray-community-planning-peer-network": 2,
        "borders-self-directed-support-conversations": 1,
        "west-lothian-prevention-evaluation-partnership": 1,
        "buurtzorg-neighbourhood-nursing": 1,
        "collaborative-action-research-in-scottish-partnerships": 1,
        "hearing-the-frontline": 1,
        "finding-and-weighing-evidence": 1,
    },
    "young people": {
        "springburn-mainstream-participatory-budgeting": 2,
        "west-lothian-prevention-evaluation-partnership": 1,
        "achbeag-community-action-plan": 1,
    },
    # --- Abbreviations (the glossary expands them on every backend) -----------------------------
    "PB": {
        "springburn-mainstream-participatory-budgeting": 2,
        "participatory-budgeting-in-scotland": 2,
        "participatory-budgeting-in-brazil": 2,
        "running-a-participatory-budgeting-round": 2,
        "sharing-power-with-communities": 1,
        "designing-a-participatory-process": 1,
    },
    "SDS": {
        "borders-self-directed-support-conversations": 2,
        "self-directed-support-outcomes": 2,
        "local-area-coordination": 1,
    },
    "CAR group": {
        "setting-up-a-collaborative-action-research-group": 2,
        "hearing-the-frontline": 1,
        "collaborative-action-research-in-scottish-partnerships": 1,
        "north-dundee-community-safety-inquiry": 1,
    },
    "CPP": {
        "moray-community-planning-peer-network": 2,
        "collaborative-action-research-in-scottish-partnerships": 2,
        "west-lothian-prevention-evaluation-partnership": 1,
        "making-sense-of-local-data-together": 1,
        "designing-a-participatory-process": 1,
    },
    "HSCP": {
        "uist-coming-home-from-hospital": 2,
        "reablement-at-home": 1,
        "strathtay-day-services-citizens-panel": 1,
        "borders-self-directed-support-conversations": 1,
        "buurtzorg-neighbourhood-nursing": 1,
        "kirkcaldy-evening-wellbeing-drop-in": 1,
    },
    "third sector": {
        "west-lothian-prevention-evaluation-partnership": 2,
        "kirkcaldy-evening-wellbeing-drop-in": 1,
        "borders-self-directed-support-conversations": 1,
        "moray-community-planning-peer-network": 1,
        "aberdeen-housing-first": 1,
    },
    # --- Places: council areas and countries ----------------------------------------------------
    "Dundee": {"north-dundee-community-safety-inquiry": 2},
    "Glasgow": {"springburn-mainstream-participatory-budgeting": 2},
    "Fife": {"kirkcaldy-evening-wellbeing-drop-in": 2},
    "Aberdeen": {"aberdeen-housing-first": 2},
    "Highland housing": {"achbeag-community-action-plan": 2},
    "Scottish Borders": {"borders-self-directed-support-conversations": 2},
    "Ireland": {"citizens-assemblies-in-ireland": 2},
    "Finland": {"open-dialogue-in-western-lapland": 2},
    # --- "Evidence on ..." ----------------------------------------------------------------------
    "evidence on reablement": {
        "reablement-at-home": 2,
        "uist-coming-home-from-hospital": 1,
        "finding-and-weighing-evidence": 1,
    },
    "evidence on community policing": {
        "community-oriented-policing": 2,
        "north-dundee-community-safety-inquiry": 1,
    },
    "evidence on self-directed support": {
        "self-directed-support-outcomes": 2,
        "borders-self-directed-support-conversations": 1,
        "local-area-coordination": 1,
    },
    "randomised trial": {
        "housing-first": 2,
        "reablement-at-home": 1,
        "finding-and-weighing-evidence": 1,
    },
    # --- Skills and how-to ----------------------------------------------------------------------
    "facilitation guide": {
        "running-a-safe-structured-dialogue": 2,
        "setting-up-a-collaborative-action-research-group": 1,
        "working-through-conflict-between-partners": 1,
        "hearing-the-frontline": 1,
    },
    "mediation": {"working-through-conflict-between-partners": 2},
    "partnership conflict": {"working-through-conflict-between-partners": 2},
    "logic model": {
        "planning-a-proportionate-evaluation": 2,
        "west-lothian-prevention-evaluation-partnership": 2,
    },
    "using evidence": {
        "finding-and-weighing-evidence": 2,
        "from-evidence-to-practice": 2,
        "making-sense-of-local-data-together": 1,
        "collaborative-action-research-in-scottish-partnerships": 1,
        "moray-community-planning-peer-network": 1,
    },
    "locality profile": {
        "making-sense-of-local-data-together": 2,
        "moray-community-planning-peer-network": 1,
    },
    "ground rules": {
        "running-a-safe-structured-dialogue": 2,
        "working-through-conflict-between-partners": 1,
        "north-dundee-community-safety-inquiry": 1,
    },
    # --- Longer queries -------------------------------------------------------------------------
    "citizens panel": {
        "strathtay-day-services-citizens-panel": 2,
        "citizens-assemblies-in-ireland": 2,
        "designing-a-participatory-process": 1,
    },
    "hospital discharge island": {
        "uist-coming-home-from-hospital": 2,
        "reablement-at-home": 1,
    },
    "mental health crisis": {
        "open-dialogue-in-western-lapland": 2,
        "kirkcaldy-evening-wellbeing-drop-in": 2,
    },
    "community led action plan": {
        "achbeag-community-action-plan": 2,
        "sharing-power-with-communities": 1,
        "designing-a-participatory-process": 1,
    },
    "peer learning network": {
        "moray-community-planning-peer-network": 2,
        "hearing-the-frontline": 1,
    },
    "older people care at home": {
        "reablement-at-home": 2,
        "uist-coming-home-from-hospital": 2,
        "achbeag-community-action-plan": 1,
        "strathtay-day-services-citizens-panel": 1,
    },
    "trust in the police": {
        "community-oriented-policing": 2,
        "north-dundee-community-safety-inquiry": 2,
    },
    "residents deciding mainstream budgets": {
        "springburn-mainstream-participatory-budgeting": 2,
        "participatory-budgeting-in-scotland": 2,
        "participatory-budgeting-in-brazil": 1,
        "running-a-participatory-budgeting-round": 1,
        "sharing-power-with-communities": 1,
    },
    "how to involve frontline staff in decisions": {
        "setting-up-a-collaborative-action-research-group": 2,
        "hearing-the-frontline": 2,
        "running-a-safe-structured-dialogue": 2,
        "north-dundee-community-safety-inquiry": 1,
        "collaborative-action-research-in-scottish-partnerships": 1,
    },
    # --- Paraphrases: everyday words for what the pages call something else ---------------------
    "people with lived experience designing services alongside staff": {
        "kirkcaldy-evening-wellbeing-drop-in": 2,
        "designing-a-participatory-process": 1,
        "borders-self-directed-support-conversations": 1,
        "springburn-mainstream-participatory-budgeting": 1,
        "sharing-power-with-communities": 1,
        "self-directed-support-outcomes": 1,
    },
    "randomly picked members of the public weighing up a hard decision": {
        "citizens-assemblies-in-ireland": 2,
        "strathtay-day-services-citizens-panel": 2,
        "designing-a-participatory-process": 1,
    },
    "a named local person who helps people find support in their neighbourhood": {
        "local-area-coordination": 2,
    },
    "nurses organising their own work without managers": {
        "buurtzorg-neighbourhood-nursing": 2,
    },
    # --- Word forms: the pages say integration, commissioning, facilitation, volunteers ----------
    "integrating health and social care": {
        "uist-coming-home-from-hospital": 2,
        "reablement-at-home": 1,
        "buurtzorg-neighbourhood-nursing": 1,
        "kirkcaldy-evening-wellbeing-drop-in": 1,
        "strathtay-day-services-citizens-panel": 1,
    },
    "commissioners": {
        "self-directed-support-outcomes": 2,
        "buurtzorg-neighbourhood-nursing": 1,
        "borders-self-directed-support-conversations": 1,
    },
    "facilitating group discussions": {
        "running-a-safe-structured-dialogue": 2,
        "strathtay-day-services-citizens-panel": 1,
        "citizens-assemblies-in-ireland": 1,
        "setting-up-a-collaborative-action-research-group": 1,
        "hearing-the-frontline": 1,
        "thread:locality-plans-how-do-you-involve-frontline-staff-from-the-start": 1,
    },
    "volunteering in a rural community": {
        "achbeag-community-action-plan": 2,
        "uist-coming-home-from-hospital": 1,
    },
    # --- Typos ----------------------------------------------------------------------------------
    "partisipatory budgetting": {
        "springburn-mainstream-participatory-budgeting": 2,
        "participatory-budgeting-in-scotland": 2,
        "participatory-budgeting-in-brazil": 2,
        "running-a-participatory-budgeting-round": 2,
        "sharing-power-with-communities": 1,
        "designing-a-participatory-process": 1,
    },
    "homlessness": {
        "aberdeen-housing-first": 2,
        "housing-first": 2,
        "from-evidence-to-practice": 1,
    },
    "self directed suport": {
        "borders-self-directed-support-conversations": 2,
        "self-directed-support-outcomes": 2,
        "local-area-coordination": 1,
    },
    # --- Questions, as people type them ---------------------------------------------------------
    "how do I get frontline staff to speak up in meetings with senior managers?": {
        "running-a-safe-structured-dialogue": 2,
        "setting-up-a-collaborative-action-research-group": 1,
        "hearing-the-frontline": 1,
        "north-dundee-community-safety-inquiry": 1,
        "collaborative-action-research-in-scottish-partnerships": 1,
        "thread:locality-plans-how-do-you-involve-frontline-staff-from-the-start": 1,
    },
    "is there any research on whether community policing actually reduces crime?": {
        "community-oriented-policing": 2,
        "north-dundee-community-safety-inquiry": 1,
    },
    "how can we tell if our prevention project is making a difference?": {
        "planning-a-proportionate-evaluation": 2,
        "west-lothian-prevention-evaluation-partnership": 2,
        "from-evidence-to-practice": 1,
    },
    "where can I find examples of a community writing its own plan?": {
        "achbeag-community-action-plan": 2,
        "sharing-power-with-communities": 1,
    },
    # --- Answered best in the forums (open communities only) ------------------------------------
    "freeing up frontline staff time to attend planning workshops": {
        "thread:locality-plans-how-do-you-involve-frontline-staff-from-the-start": 2,
        "north-dundee-community-safety-inquiry": 1,
        "setting-up-a-collaborative-action-research-group": 1,
        "running-a-safe-structured-dialogue": 1,
        "collaborative-action-research-in-scottish-partnerships": 1,
        "thread:protecting-time-for-a-car-group-when-everyone-is-stretched": 1,
    },
    "keeping an inquiry group going when members keep missing sessions": {
        "thread:protecting-time-for-a-car-group-when-everyone-is-stretched": 2,
        "setting-up-a-collaborative-action-research-group": 1,
        "collaborative-action-research-in-scottish-partnerships": 1,
        "north-dundee-community-safety-inquiry": 1,
    },
    # --- Not on this site: the right answer is no results ---------------------------------------
    "council tax reduction": {},
    "parking permits": {},
    "registering a birth": {},
}

KINDS = {
    **dict.fromkeys(
        [
            "participatory budgeting",
            "housing first",
            "homelessness",
            "co-production",
            "mental health",
            "prevention",
            "evaluation",
            "frontline voice",
            "rural",
            "workforce development",
            "young people",
        ],
        "topic",
    ),
    **dict.fromkeys(["PB", "SDS", "CAR group", "CPP", "HSCP", "third sector"], "abbreviation"),
    **dict.fromkeys(
        ["Dundee", "Glasgow", "Fife", "Aberdeen", "Highland housing", "Scottish Borders", "Ireland", "Finland"],
        "place",
    ),
    **dict.fromkeys(
        [
            "evidence on reablement",
            "evidence on community policing",
            "evidence on self-directed support",
            "randomised trial",
        ],
        "evidence",
    ),
    **dict.fromkeys(
        [
            "facilitation guide",
            "mediation",
            "partnership conflict",
            "logic model",
            "using evidence",
            "locality profile",
            "ground rules",
        ],
        "howto",
    ),
    **dict.fromkeys(
        [
            "citizens panel",
            "hospital discharge island",
            "mental health crisis",
            "community led action plan",
            "peer learning network",
            "older people care at home",
            "trust in the police",
            "residents deciding mainstream budgets",
            "how to involve frontline staff in decisions",
        ],
        "long",
    ),
    **dict.fromkeys(
        [
            "people with lived experience designing services alongside staff",
            "randomly picked members of the public weighing up a hard decision",
            "a named local person who helps people find support in their neighbourhood",
            "nurses organising their own work without managers",
        ],
        "paraphrase",
    ),
    **dict.fromkeys(
        [
            "integrating health and social care",
            "commissioners",
            "facilitating group discussions",
            "volunteering in a rural community",
        ],
        "wordform",
    ),
    **dict.fromkeys(["partisipatory budgetting", "homlessness", "self directed suport"], "typo"),
    **dict.fromkeys(
        [
            "how do I get frontline staff to speak up in meetings with senior managers?",
            "is there any research on whether community policing actually reduces crime?",
            "how can we tell if our prevention project is making a difference?",
            "where can I find examples of a community writing its own plan?",
        ],
        "question",
    ),
    **dict.fromkeys(
        [
            "freeing up frontline staff time to attend planning workshops",
            "keeping an inquiry group going when members keep missing sessions",
        ],
        "forum",
    ),
    **dict.fromkeys(["council tax reduction", "parking permits", "registering a birth"], "empty"),
}
