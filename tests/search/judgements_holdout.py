"""Held-out judged queries for the demo content: written before search was tuned, and never used for
tuning; only reported (`manage.py search_relevance --judgements tests/search/judgements_holdout.py`).

Do not change search to make these queries score better, and do not copy them into judgements.py:
they are here to show whether what was tuned on judgements.py also helps queries nobody looked at.
Their wording and topics differ from the tuning set's paraphrase, wordform, typo, question, forum and
empty queries.

The format is judgements.py's: pages by slug, forum threads of open communities by `thread:` and
their title slugified, grades 2 (answers it directly) or 1 (partly, or useful background), judged by
reading the pages and threads, never from what a search engine returned. KINDS labels every query;
an "empty" query asks about something the site does not cover, has no grades, and scores 1.0 when
an engine returns nothing and 0.0 when it returns anything.
"""

JUDGEMENTS = {
    # --- Paraphrases ----------------------------------------------------------------------------
    "getting people back on their feet at home after a spell in hospital": {
        "reablement-at-home": 2,
        "uist-coming-home-from-hospital": 1,
    },
    "meeting someone in a mental health crisis together with their family": {
        "open-dialogue-in-western-lapland": 2,
        "kirkcaldy-evening-wellbeing-drop-in": 1,
    },
    "deciding how much say people really get before starting a consultation": {
        "designing-a-participatory-process": 2,
        "sharing-power-with-communities": 1,
    },
    "would a study's findings from somewhere else hold in our area": {
        "finding-and-weighing-evidence": 2,
        "thread:bringing-international-evidence-into-a-local-inquiry": 2,
        "from-evidence-to-practice": 1,
    },
    # --- Word forms: the pages say appraisal, network, disagree ---------------------------------
    "appraising research": {
        "finding-and-weighing-evidence": 2,
        "from-evidence-to-practice": 1,
        "thread:bringing-international-evidence-into-a-local-inquiry": 1,
    },
    "networking with other locality officers": {
        "moray-community-planning-peer-network": 2,
    },
    "partners disagreeing": {
        "working-through-conflict-between-partners": 2,
        "running-a-safe-structured-dialogue": 1,
    },
    # --- Typos ----------------------------------------------------------------------------------
    "reablment": {
        "reablement-at-home": 2,
        "uist-coming-home-from-hospital": 1,
    },
    "open dialouge": {
        "open-dialogue-in-western-lapland": 2,
    },
    "locality proflie": {
        "making-sense-of-local-data-together": 2,
        "moray-community-planning-peer-network": 1,
        "thread:analytical-skills-in-community-planning-teams-what-training-worked": 1,
    },
    "mental helth drop in": {
        "kirkcaldy-evening-wellbeing-drop-in": 2,
    },
    # --- Questions ------------------------------------------------------------------------------
    "how do we make sure a consultation reaches people who never come to meetings?": {
        "designing-a-participatory-process": 2,
        "achbeag-community-action-plan": 1,
        "springburn-mainstream-participatory-budgeting": 1,
        "running-a-participatory-budgeting-round": 1,
        "participatory-budgeting-in-scotland": 1,
        "citizens-assemblies-in-ireland": 1,
    },
    "what is a good way to present local data so residents can make sense of it?": {
        "making-sense-of-local-data-together": 2,
        "thread:analytical-skills-in-community-planning-teams-what-training-worked": 1,
    },
    "who can I ask for advice in my first months as a locality planning officer?": {
        "moray-community-planning-peer-network": 2,
    },
    "who should be involved when planning someone's return home from hospital?": {
        "uist-coming-home-from-hospital": 2,
        "reablement-at-home": 1,
    },
    # --- Answered best in the forums (open communities only) ------------------------------------
    "learning on the job instead of a one-off training course": {
        "thread:analytical-skills-in-community-planning-teams-what-training-worked": 2,
        "moray-community-planning-peer-network": 1,
        "west-lothian-prevention-evaluation-partnership": 1,
    },
    "colleagues who dismiss research from other countries": {
        "thread:bringing-international-evidence-into-a-local-inquiry": 2,
        "finding-and-weighing-evidence": 1,
    },
    "introducing myself to other members": {
        "thread:welcome-how-this-community-works": 2,
    },
    # --- Not on this site: the right answer is no results ---------------------------------------
    "blue badge application": {},
    "school holiday dates": {},
    "library opening hours": {},
    "planning permission for a house extension": {},
    # --- Abbreviations, some of them missing from the glossary ----------------------------------
    "CLD": {
        "north-dundee-community-safety-inquiry": 1,
        "kirkcaldy-evening-wellbeing-drop-in": 1,
    },
    "SIMD": {
        "making-sense-of-local-data-together": 1,
        "springburn-mainstream-participatory-budgeting": 1,
    },
    "ADP": {
        "aberdeen-housing-first": 1,
    },
    "RCT": {
        "housing-first": 2,
        "reablement-at-home": 1,
        "finding-and-weighing-evidence": 1,
    },
    # --- Places ---------------------------------------------------------------------------------
    "Moray": {"moray-community-planning-peer-network": 2},
    "Perth and Kinross": {"strathtay-day-services-citizens-panel": 2},
    "Western Isles": {"uist-coming-home-from-hospital": 2},
    "Denmark": {"reablement-at-home": 2},
}

KINDS = {
    **dict.fromkeys(
        [
            "getting people back on their feet at home after a spell in hospital",
            "meeting someone in a mental health crisis together with their family",
            "deciding how much say people really get before starting a consultation",
            "would a study's findings from somewhere else hold in our area",
        ],
        "paraphrase",
    ),
    **dict.fromkeys(
        ["appraising research", "networking with other locality officers", "partners disagreeing"], "wordform"
    ),
    **dict.fromkeys(["reablment", "open dialouge", "locality proflie", "mental helth drop in"], "typo"),
    **dict.fromkeys(
        [
            "how do we make sure a consultation reaches people who never come to meetings?",
            "what is a good way to present local data so residents can make sense of it?",
            "who can I ask for advice in my first months as a locality planning officer?",
            "who should be involved when planning someone's return home from hospital?",
        ],
        "question",
    ),
    **dict.fromkeys(
        [
            "learning on the job instead of a one-off training course",
            "colleagues who dismiss research from other countries",
            "introducing myself to other members",
        ],
        "forum",
    ),
    **dict.fromkeys(
        [
            "blue badge application",
            "school holiday dates",
            "library opening hours",
            "planning permission for a house extension",
        ],
        "empty",
    ),
    **dict.fromkeys(["CLD", "SIMD", "ADP", "RCT"], "abbreviation"),
    **dict.fromkeys(["Moray", "Perth and Kinross", "Western Isles", "Denmark"], "place"),
}
