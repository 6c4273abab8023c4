"""A second held-out set of judged queries for the demo content, written blind on 5 December 2026.

Blind means: written by reading only the demo content (demo/ and its content modules) and the domain
background, without looking at how search works, at what any engine returns for these queries, or at the
other two judged sets beyond their format (seven first drafts that an automated check found repeated a
query of theirs were replaced before anything was scored). It must never be used for tuning: do not change
search to make these queries score better and do not copy them into judgements.py or
judgements_holdout.py. It is only reported (`manage.py search_relevance --by-kind --judgements
tests/search/judgements_holdout2.py`), to show how search serves queries nobody tuned it for.

The queries are worded as a practitioner in a Scottish council, health board, police force or third sector
body would type them. Kinds: "paraphrase" (everyday words, none of the page's key terms), "wordform"
(another form of the page's words), "typo", "question", "forum" (answered mainly by threads of open
communities), "abbreviation", "place" (a council area, with what is wanted there) and "empty" (a plausible
public-service request that nothing on the site covers, so the right answer is nothing).

Format as judgements.py: pages by slug, threads of open communities by `thread:` and their title
slugified, grade 2 answers the query directly, 1 partly; judged by reading the pages and threads.
"""

# Slugs used more than once, named once.
SPRINGBURN_PB = "springburn-mainstream-participatory-budgeting"
PB_SCOTLAND = "participatory-budgeting-in-scotland"
PB_BRAZIL = "participatory-budgeting-in-brazil"
PB_GUIDE = "running-a-participatory-budgeting-round"
HOUSING_FIRST = "housing-first"
ABERDEEN = "aberdeen-housing-first"
REABLEMENT = "reablement-at-home"
UIST = "uist-coming-home-from-hospital"
IRELAND = "citizens-assemblies-in-ireland"
STRATHTAY = "strathtay-day-services-citizens-panel"
DUNDEE = "north-dundee-community-safety-inquiry"
POLICING = "community-oriented-policing"
SDS_BORDERS = "borders-self-directed-support-conversations"
SDS_EVIDENCE = "self-directed-support-outcomes"
CAR_EVIDENCE = "collaborative-action-research-in-scottish-partnerships"
CAR_GUIDE = "setting-up-a-collaborative-action-research-group"
EVALUATION_GUIDE = "planning-a-proportionate-evaluation"
WEST_LOTHIAN = "west-lothian-prevention-evaluation-partnership"
LOCAL_DATA = "making-sense-of-local-data-together"
WEIGHING_EVIDENCE = "finding-and-weighing-evidence"
DIALOGUE_GUIDE = "running-a-safe-structured-dialogue"
CONFLICT_GUIDE = "working-through-conflict-between-partners"
PROCESS_GUIDE = "designing-a-participatory-process"
MORAY = "moray-community-planning-peer-network"
BUURTZORG = "buurtzorg-neighbourhood-nursing"
ACHBEAG = "achbeag-community-action-plan"
HEARING_FRONTLINE = "hearing-the-frontline"
EVIDENCE_TO_PRACTICE = "from-evidence-to-practice"
SHARING_POWER = "sharing-power-with-communities"
INQUIRY_WRITE_UP = "frontline-knowledge-heard-first-a-partnership-board-changes-how-it-listens"

WELCOME_THREAD = "thread:welcome-how-this-community-works"
LOCALITY_THREAD = "thread:locality-plans-how-do-you-involve-frontline-staff-from-the-start"
ANALYTICAL_THREAD = "thread:analytical-skills-in-community-planning-teams-what-training-worked"
CAR_TIME_THREAD = "thread:protecting-time-for-a-car-group-when-everyone-is-stretched"
INTERNATIONAL_THREAD = "thread:bringing-international-evidence-into-a-local-inquiry"

PARAPHRASE = {
    "locals choosing what the council spends money on": {
        SPRINGBURN_PB: 2,
        PB_SCOTLAND: 2,
        PB_GUIDE: 2,
        PB_BRAZIL: 1,
        SHARING_POWER: 1,
    },
    "permanent home with no conditions for people sleeping rough": {
        HOUSING_FIRST: 2,
        ABERDEEN: 2,
        EVIDENCE_TO_PRACTICE: 1,
    },
    "helping older people learn to cook and wash again after a fall": {REABLEMENT: 2, UIST: 1},
    "randomly picked members of the public deciding a tricky issue": {
        IRELAND: 2,
        STRATHTAY: 2,
        PROCESS_GUIDE: 1,
    },
    "district nurses with no boss organising their own work": {BUURTZORG: 2},
    "cops and neighbours sorting out trouble on the estate together": {
        DUNDEE: 2,
        POLICING: 2,
        HEARING_FRONTLINE: 1,
    },
    "two agencies that work together have fallen out": {CONFLICT_GUIDE: 2},
    "proving an early intervention project made a difference": {
        EVALUATION_GUIDE: 2,
        WEST_LOTHIAN: 2,
        EVIDENCE_TO_PRACTICE: 1,
    },
    "a village writing its own wish list for the future": {ACHBEAG: 2, SHARING_POWER: 1, PROCESS_GUIDE: 1},
    "letting disabled people pick and pay for their own carers": {SDS_BORDERS: 2, SDS_EVIDENCE: 2},
}

WORDFORM = {
    "reabling older people at home": {REABLEMENT: 2, UIST: 1},
    "mediating between partner agencies": {CONFLICT_GUIDE: 2},
    "homeless people housed with support": {HOUSING_FIRST: 2, ABERDEEN: 2, EVIDENCE_TO_PRACTICE: 1},
    "evaluate preventative work": {EVALUATION_GUIDE: 2, WEST_LOTHIAN: 2, EVIDENCE_TO_PRACTICE: 1},
    "collaborating with researchers on local problems": {
        CAR_EVIDENCE: 2,
        CAR_GUIDE: 2,
        DUNDEE: 1,
        HEARING_FRONTLINE: 1,
        WEST_LOTHIAN: 1,
    },
}

TYPO = {
    "particpatory budgetting": {
        SPRINGBURN_PB: 2,
        PB_SCOTLAND: 2,
        PB_BRAZIL: 2,
        PB_GUIDE: 2,
        SHARING_POWER: 1,
    },
    "colaborative action reserch": {CAR_EVIDENCE: 2, CAR_GUIDE: 2, HEARING_FRONTLINE: 1, DUNDEE: 1},
    "burtzorg": {BUURTZORG: 2},
    "citzens assembly": {IRELAND: 2, STRATHTAY: 1},
    "comunity policing": {POLICING: 2, DUNDEE: 1},
}

QUESTION = {
    "how do I get frontline staff to speak up in meetings with senior managers": {
        DIALOGUE_GUIDE: 2,
        LOCALITY_THREAD: 1,
        HEARING_FRONTLINE: 1,
        INQUIRY_WRITE_UP: 1,
    },
    "is there any evidence that housing first actually works": {
        HOUSING_FIRST: 2,
        ABERDEEN: 1,
        EVIDENCE_TO_PRACTICE: 1,
    },
    "how can we tell if a study from another country will work here": {
        WEIGHING_EVIDENCE: 2,
        INTERNATIONAL_THREAD: 2,
        EVIDENCE_TO_PRACTICE: 1,
    },
    "how do you stop participatory budgeting turning into a competition between groups": {
        PB_GUIDE: 2,
        SPRINGBURN_PB: 2,
        PB_SCOTLAND: 1,
    },
    "what should go in a locality profile": {LOCAL_DATA: 2, MORAY: 1, ANALYTICAL_THREAD: 1},
    "does getting a direct payment make people's lives better": {SDS_EVIDENCE: 2, SDS_BORDERS: 1},
}

FORUM = {
    "workshop clashes with home visits so staff leave early": {LOCALITY_THREAD: 2},
    "pairing officers with a health board analyst": {ANALYTICAL_THREAD: 2, MORAY: 1},
    "community council spotted things officers missed in the ward profile": {ANALYTICAL_THREAD: 2, LOCAL_DATA: 1},
    "inquiry group members keep missing sessions": {CAR_TIME_THREAD: 2, CAR_GUIDE: 1, CAR_EVIDENCE: 1},
    "short note to the board after each session": {CAR_TIME_THREAD: 2},
    "that would never work here": {INTERNATIONAL_THREAD: 2, WEIGHING_EVIDENCE: 1},
    "introduce yourself new members": {WELCOME_THREAD: 2},
}

ABBREVIATION = {
    "SDS options": {SDS_BORDERS: 2, SDS_EVIDENCE: 2},
    "HSCP day services": {STRATHTAY: 2},
    "PB mainstream budgets": {SPRINGBURN_PB: 2, PB_SCOTLAND: 2, PB_GUIDE: 1, PB_BRAZIL: 1},
}

PLACE = {
    "Moray locality staff network": {MORAY: 2},
    "Borders direct payments": {SDS_BORDERS: 2},
    "Dundee policing": {DUNDEE: 2, INQUIRY_WRITE_UP: 1},
}

# Nothing on the site covers these.
EMPTY = {
    "dog fouling fine": {},
    "flu vaccination clinic": {},
    "report a pothole": {},
    "register a birth": {},
}

GROUPS = {
    "paraphrase": PARAPHRASE,
    "wordform": WORDFORM,
    "typo": TYPO,
    "question": QUESTION,
    "forum": FORUM,
    "abbreviation": ABBREVIATION,
    "place": PLACE,
    "empty": EMPTY,
}

JUDGEMENTS = {query: grades for group in GROUPS.values() for query, grades in group.items()}
KINDS = {query: kind for kind, group in GROUPS.items() for query in group}
