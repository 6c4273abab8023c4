"""A seventh tuning set, of paraphrases only: a practitioner's everyday, non-specialist words for what one
page or public thread is about (its outcome, its problem, its method or whom it is for), one or two per
page, spread over every kind of page (case studies, evidence summaries, guides, pathways) and every theme,
with two open forum threads. Written on 2026-12-05 by reading the demo content (demo/content/,
demo/forums.py) and judged from what the pages and public threads say, before any search was run on it
and before the glossary was read for it; different from every query of the other sets. Its first
measurement is the honest figure for how far the tuned search generalises to paraphrases. After that it is
treated as held out for the glossary work that follows: only its overall and paraphrase figures are read,
never its per-query results, and no glossary phrase is written because one of its queries uses it.

Same format and grades as judgements.py: pages by slug, public forum threads by `thread:` and their
title slugified; 2 answers the query, 1 answers part of it or is useful background.
"""

JUDGEMENTS = {
    # --- Case studies ----------------------------------------------------------------------------
    "cops, housing staff and locals working out together why the same streets keep calling for help": {
        "north-dundee-community-safety-inquiry": 2,
        "community-oriented-policing": 1,
        "collaborative-action-research-in-scottish-partnerships": 1,
    },
    "residents choosing how the council's everyday spending on streets and youth work is used": {
        "springburn-mainstream-participatory-budgeting": 2,
        "running-a-participatory-budgeting-round": 1,
        "participatory-budgeting-in-scotland": 1,
    },
    "a village writing its own wish list after knocking on every door": {
        "achbeag-community-action-plan": 2,
        "designing-a-participatory-process": 1,
    },
    "disabled people using their care money to hire their own helpers": {
        "borders-self-directed-support-conversations": 2,
        "self-directed-support-outcomes": 1,
    },
    "somewhere to go at night when your head's not right instead of A&E": {
        "kirkcaldy-evening-wellbeing-drop-in": 2,
    },
    "getting granny home from the ward quicker on the islands": {
        "uist-coming-home-from-hospital": 2,
        "reablement-at-home": 1,
    },
    "giving rough sleepers a flat with no strings attached": {
        "housing-first": 2,
        "aberdeen-housing-first": 2,
    },
    "ordinary folk picked by lottery to decide whether to shut the day centres": {
        "strathtay-day-services-citizens-panel": 2,
        "citizens-assemblies-in-ireland": 1,
    },
    "staff from different agencies teaching each other skills and meeting to talk through problems": {
        "moray-community-planning-peer-network": 2,
    },
    "proving whether our prevention projects actually make a difference, with help from academics": {
        "west-lothian-prevention-evaluation-partnership": 2,
        "planning-a-proportionate-evaluation": 2,
    },
    # --- Evidence summaries ----------------------------------------------------------------------
    "cities in South America where the poorest areas got more money once residents had a vote": {
        "participatory-budgeting-in-brazil": 2,
    },
    "how well community grant voting has gone across Scotland's councils": {
        "participatory-budgeting-in-scotland": 2,
        "springburn-mainstream-participatory-budgeting": 1,
    },
    "a few weeks of help after a fall so older people can manage on their own again": {
        "reablement-at-home": 2,
        "uist-coming-home-from-hospital": 1,
    },
    "seeing someone having a breakdown within a day, with their family there": {
        "open-dialogue-in-western-lapland": 2,
    },
    "big studies showing a flat first beats hostels for long-term homeless people": {
        "housing-first": 2,
        "aberdeen-housing-first": 1,
    },
    "does having local officers people know by name make folk trust the police more": {
        "community-oriented-policing": 2,
        "north-dundee-community-safety-inquiry": 1,
    },
    "one named worker in the neighbourhood who links people up with local groups rather than services": {
        "local-area-coordination": 2,
    },
    "nurses running their own small teams without managers": {
        "buurtzorg-neighbourhood-nursing": 2,
    },
    "researchers and council staff studying local problems side by side for years": {
        "collaborative-action-research-in-scottish-partnerships": 2,
        "setting-up-a-collaborative-action-research-group": 1,
        "north-dundee-community-safety-inquiry": 1,
    },
    "does choosing your own care package make people's lives better": {
        "self-directed-support-outcomes": 2,
        "borders-self-directed-support-conversations": 1,
    },
    "a random cross-section of the public advising government on divisive national issues": {
        "citizens-assemblies-in-ireland": 2,
        "strathtay-day-services-citizens-panel": 1,
    },
    # --- Guides and pathways ---------------------------------------------------------------------
    "working out who to involve and how much say they really get before you start consulting": {
        "designing-a-participatory-process": 2,
    },
    "making sure the quiet junior person gets heard in a meeting with the bosses": {
        "running-a-safe-structured-dialogue": 2,
        "thread:locality-plans-how-do-you-involve-frontline-staff-from-the-start": 1,
    },
    "what to do when two organisations keep falling out over money and who's in charge": {
        "working-through-conflict-between-partners": 2,
    },
    "checking whether a small project works without spending a fortune on research": {
        "planning-a-proportionate-evaluation": 2,
        "west-lothian-prevention-evaluation-partnership": 1,
    },
    "going through neighbourhood statistics with residents to see what they really mean": {
        "making-sense-of-local-data-together": 2,
        "thread:analytical-skills-in-community-planning-teams-what-training-worked": 1,
    },
    "how to tell whether a piece of research is any good and fits our area": {
        "finding-and-weighing-evidence": 2,
        "thread:bringing-international-evidence-into-a-local-inquiry": 1,
    },
    "handing real decision-making to local people": {
        "sharing-power-with-communities": 2,
        "designing-a-participatory-process": 1,
        "achbeag-community-action-plan": 1,
        "springburn-mainstream-participatory-budgeting": 1,
    },
    "getting what staff on the ground know in front of the people who make decisions": {
        "hearing-the-frontline": 2,
        "setting-up-a-collaborative-action-research-group": 1,
        "collaborative-action-research-in-scottish-partnerships": 1,
        "running-a-safe-structured-dialogue": 1,
    },
    # --- Open forum threads ----------------------------------------------------------------------
    "getting community planning officers confident with numbers": {
        "thread:analytical-skills-in-community-planning-teams-what-training-worked": 2,
        "making-sense-of-local-data-together": 1,
        "moray-community-planning-peer-network": 1,
    },
}

KINDS = dict.fromkeys(JUDGEMENTS, "paraphrase")
