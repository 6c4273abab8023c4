"""Judged queries for the demo content: what a Scottish public-service practitioner types, and the pages
that answer it (issue 4, item 11). Read by `manage.py search_relevance` and tests/search/test_relevance.py.

Pages are named by slug (learning/demo_content/). Grades: 2 = answers the query directly, 1 = answers
part of it or is useful background; every page not listed is 0 (the index pages and home page included).
The grades come from reading the pages, never from what a search engine returned: a page is relevant
whether or not it happens to contain the words typed.
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
}
