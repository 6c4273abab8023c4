"""Themes: the subjects practitioners follow across case studies, evidence, guides and pathways."""

from .schema import DemoTheme

THEMES = [
    DemoTheme(
        "Workforce development",
        "Building the skills, confidence and capacity of staff and volunteers across the public, third and "
        "community sectors, so that reform is carried by the people who deliver services.",
    ),
    DemoTheme(
        "Co-production",
        "Designing and delivering services with the people who use them and the staff who run them, sharing "
        "power and responsibility rather than consulting on decisions already made.",
    ),
    DemoTheme(
        "Partnership working",
        "Agencies and sectors planning, deciding and acting together: the trust, shared goals and practical "
        "arrangements that make joint work more than a meeting.",
    ),
    DemoTheme(
        "Collaborative action research",
        "Practitioners and researchers working as one group through cycles of inquiry, action and reflection "
        "on a problem they share, valuing every member's knowledge.",
    ),
    DemoTheme(
        "Community planning",
        "How community planning partnerships and their local outcomes improvement plans and locality plans "
        "bring public bodies and communities together to improve local outcomes.",
    ),
    DemoTheme(
        "Evidence use",
        "Finding, weighing and applying evidence of many kinds, from research and local data to the "
        "experience of practitioners and communities.",
    ),
    DemoTheme(
        "Evaluation",
        "Finding out honestly what difference a piece of work made, for whom and why, at a scale that fits "
        "the work and the resources available.",
    ),
    DemoTheme(
        "Prevention",
        "Acting early to stop problems arising or getting worse, and shifting resources from crisis "
        "response towards what keeps people well, safe and housed.",
    ),
    DemoTheme(
        "Self-directed support",
        "Giving people who need social care choice and control over their support, as the Social Care "
        "(Self-directed Support) (Scotland) Act 2013 intends.",
    ),
    DemoTheme(
        "Community-led action planning",
        "Residents setting their community's priorities and leading the plan to act on them, with public "
        "bodies changing how they work in order to respond.",
    ),
    DemoTheme(
        "Participatory budgeting",
        "Local people deciding directly how part of a public budget is spent, from small grants rounds to "
        "shares of councils' mainstream budgets.",
    ),
    DemoTheme(
        "Facilitation",
        "Designing and holding the spaces where people talk, listen and decide together, so that every voice "
        "is heard and disagreement is productive.",
    ),
    DemoTheme(
        "Frontline voice",
        "Making sure the knowledge of frontline workers, who see first what works and what does not, is "
        "sought, heard and acted on alongside managers' and researchers'.",
    ),
    DemoTheme(
        "Dialogue and deliberation",
        "Structured conversation in which people weigh evidence and each other's views before reaching a "
        "judgement, from community conversations to citizens' panels.",
    ),
    DemoTheme(
        "Health and social care integration",
        "Health boards, councils and their partners joining up care around people, through health and social "
        "care partnerships and the teams and localities within them.",
    ),
    DemoTheme(
        "Community safety",
        "Police, councils, fire and rescue, housing and residents working together so that people are safe "
        "and feel safe where they live.",
    ),
    DemoTheme(
        "Tackling inequalities",
        "Closing the gaps in health, income and opportunity between places and groups, and making sure "
        "participation reaches those least often heard.",
    ),
    DemoTheme(
        "Rural and island communities",
        "What public service reform looks like where distances are long, services are thin and communities "
        "are strong, from Highland glens to the Western Isles.",
    ),
    DemoTheme(
        "Peer learning",
        "Practitioners learning from each other across roles, organisations and places, in networks and "
        "communities of practice that outlast a single project.",
    ),
    DemoTheme(
        "Housing and homelessness",
        "Preventing homelessness and helping people keep a home, with housing, health, justice and third "
        "sector services working as one.",
    ),
]
