"""A sixth tuning set of issue 11's kinds, weighted to paraphrases: a practitioner's everyday words for
what a page or thread is about, short ("bobbies on the beat") and whole sentences, describing an
outcome, a problem or a method, spread over every theme and every kind of page (case studies,
evidence summaries, guides and pathways) rather than over the glossary's entries; with questions as
a practitioner would type them, a few word forms, three forum-only answers and three queries the
site does not cover. Written on 2026-12-05 by reading the demo content (demo/content/,
demo/forums.py) and judged from what the pages and public threads say, before any search was run on
it or any search code was read, to measure the two search backends side by side; different from
every query of judgements.py and judgements_dev.py .. judgements_dev4.py. Its first measurement is
the honest figure for how far the tuned search generalises to paraphrases; it is tuned on after
that, so it is a tuning set, not held out.

Same format and grades as judgements.py: pages by slug, public forum threads by `thread:` and their
title slugified; 2 answers the query, 1 answers part of it or is useful background; "empty" queries
expect no results.
"""

JUDGEMENTS = {
    # --- Paraphrase: everyday words for what the pages name otherwise ---------------------------
    "bobbies on the beat": {
        "community-oriented-policing": 2,
        "north-dundee-community-safety-inquiry": 1,
    },
    "a book club for research": {
        "moray-community-planning-peer-network": 2,
        "finding-and-weighing-evidence": 1,
    },
    "people bouncing between the streets, jail and hospital": {
        "aberdeen-housing-first": 2,
        "housing-first": 1,
    },
    "housing staff phoning the support worker before going to court over rent arrears": {
        "aberdeen-housing-first": 2,
    },
    "being assessed three times by three different services": {
        "uist-coming-home-from-hospital": 2,
    },
    "a short weekly video call to plan each patient's return home": {
        "uist-coming-home-from-hospital": 2,
    },
    "hard to find anyone to hire as a carer in remote areas": {
        "borders-self-directed-support-conversations": 2,
        "self-directed-support-outcomes": 1,
    },
    "social workers scared of getting the blame if someone's care money goes wrong": {
        "borders-self-directed-support-conversations": 2,
    },
    "former service users now employed in the service": {
        "kirkcaldy-evening-wellbeing-drop-in": 2,
    },
    "talking about a person only when they are in the room": {
        "open-dialogue-in-western-lapland": 2,
    },
    "poor neighbourhoods getting drains and running water after residents voted": {
        "participatory-budgeting-in-brazil": 2,
    },
    "ordinary people picked at random to advise on changing the constitution": {
        "citizens-assemblies-in-ireland": 2,
    },
    "help for anyone who asks without forms or eligibility rules": {
        "local-area-coordination": 2,
    },
    "fewer managers and less paperwork in home nursing": {
        "buurtzorg-neighbourhood-nursing": 2,
    },
    "research moves too slowly for decisions": {
        "collaborative-action-research-in-scottish-partnerships": 2,
        "setting-up-a-collaborative-action-research-group": 1,
        "thread:protecting-time-for-a-car-group-when-everyone-is-stretched": 1,
    },
    "older people worried about managing their own care money": {
        "self-directed-support-outcomes": 2,
        "borders-self-directed-support-conversations": 1,
    },
    "being honest with people about how much say they will really have": {
        "designing-a-participatory-process": 2,
        "sharing-power-with-communities": 1,
    },
    "two organisations arguing over who pays": {
        "working-through-conflict-between-partners": 2,
    },
    "staff who think evaluation is just a way to justify cuts": {
        "west-lothian-prevention-evaluation-partnership": 2,
        "planning-a-proportionate-evaluation": 1,
    },
    "telling a good study from a poor one": {
        "finding-and-weighing-evidence": 2,
    },
    "colleagues helping you think through a live problem at work": {
        "moray-community-planning-peer-network": 2,
    },
    "the same community groups winning the small grants every year": {
        "springburn-mainstream-participatory-budgeting": 2,
        "participatory-budgeting-in-scotland": 1,
        "running-a-participatory-budgeting-round": 1,
    },
    "chats at the kitchen table with people who won't come to a public meeting": {
        "achbeag-community-action-plan": 2,
        "designing-a-participatory-process": 1,
    },
    "short course on getting frontline knowledge heard by decision makers": {
        "hearing-the-frontline": 2,
        "setting-up-a-collaborative-action-research-group": 1,
        "running-a-safe-structured-dialogue": 1,
    },
    "pausing a closure after a public outcry": {
        "strathtay-day-services-citizens-panel": 2,
    },
    "friendly neighbourhood policing makes people trust officers more but crime hardly drops": {
        "community-oriented-policing": 2,
        "north-dundee-community-safety-inquiry": 1,
    },
    "relearning everyday tasks with a therapist for a few weeks after a fall": {
        "reablement-at-home": 2,
        "uist-coming-home-from-hospital": 1,
    },
    # --- Questions as practitioners type them ---------------------------------------------------
    "how do I get young people to vote in participatory budgeting?": {
        "springburn-mainstream-participatory-budgeting": 2,
        "running-a-participatory-budgeting-round": 2,
    },
    "who should facilitate an inquiry group?": {
        "setting-up-a-collaborative-action-research-group": 2,
        "collaborative-action-research-in-scottish-partnerships": 1,
        "north-dundee-community-safety-inquiry": 1,
    },
    "does Buurtzorg save money?": {
        "buurtzorg-neighbourhood-nursing": 2,
    },
    "what are the principles of Open Dialogue?": {
        "open-dialogue-in-western-lapland": 2,
    },
    "how many cases should a Housing First support worker have?": {
        "aberdeen-housing-first": 2,
        "housing-first": 1,
    },
    "why are so few people offered a direct payment?": {
        "borders-self-directed-support-conversations": 2,
        "self-directed-support-outcomes": 2,
    },
    "how do I choose between a survey, a citizens panel and participatory budgeting?": {
        "designing-a-participatory-process": 2,
    },
    "what do I do when someone dominates the discussion?": {
        "running-a-safe-structured-dialogue": 2,
    },
    "how do you make sense of deprivation figures for a small area?": {
        "making-sense-of-local-data-together": 2,
    },
    "can local area coordination work in Scotland?": {
        "local-area-coordination": 2,
    },
    # --- Word forms: another inflection, derivation or spelling of the pages' words ---------------
    "trainings co-delivered by disabled people": {
        "borders-self-directed-support-conversations": 2,
    },
    "random selection of residents": {
        "strathtay-day-services-citizens-panel": 2,
        "citizens-assemblies-in-ireland": 2,
    },
    "flexibly commissioned support": {
        "self-directed-support-outcomes": 2,
        "borders-self-directed-support-conversations": 1,
        "buurtzorg-neighbourhood-nursing": 1,
    },
    "inducting newcomers": {
        "moray-community-planning-peer-network": 2,
        "setting-up-a-collaborative-action-research-group": 1,
        "north-dundee-community-safety-inquiry": 1,
    },
    "unconditionally housed": {
        "housing-first": 2,
        "aberdeen-housing-first": 2,
    },
    # --- Answered best in the forums (open communities only) ------------------------------------
    "keeping service users' names out of what you post": {
        "thread:welcome-how-this-community-works": 2,
    },
    "put every meeting date in the diary for six months": {
        "thread:protecting-time-for-a-car-group-when-everyone-is-stretched": 2,
    },
    "locality plan drafted by managers then put out for consultation": {
        "thread:locality-plans-how-do-you-involve-frontline-staff-from-the-start": 2,
    },
    # --- Not on this site -----------------------------------------------------------------------
    "pothole repairs": {},
    "blue badge renewal": {},
    "swimming pool timetable": {},
}

KINDS = {
    **dict.fromkeys(list(JUDGEMENTS)[:27], "paraphrase"),
    **dict.fromkeys(list(JUDGEMENTS)[27:37], "question"),
    **dict.fromkeys(list(JUDGEMENTS)[37:42], "wordform"),
    **dict.fromkeys(list(JUDGEMENTS)[42:45], "forum"),
    **dict.fromkeys(list(JUDGEMENTS)[45:], "empty"),
}
