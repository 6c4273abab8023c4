"""Learning pathways: routes through guides, case studies and evidence, with questions for reflection."""

from .schema import DemoPathway, DemoPathwayStep, paragraphs

PATHWAYS = [
    DemoPathway(
        slug="hearing-the-frontline",
        title="Hearing the frontline: collaborative action research in practice",
        summary=(
            "Four steps from the evidence on collaborative action research to running a group of your own, "
            "for anyone who wants frontline knowledge to shape decisions."
        ),
        themes=("collaborative-action-research", "frontline-voice", "facilitation", "workforce-development"),
        sectors=("public-sector", "third-sector", "academic"),
        introduction=paragraphs(
            "Frontline workers often see first what works and what does not, yet their knowledge is the easiest "
            "to overlook. This pathway looks at what collaborative action research offers, how one partnership "
            "used it, and the skills you need to set up and facilitate a group yourself.",
            "Allow about three hours in total. The steps work well with a colleague or as a peer learning group.",
        ),
        steps=(
            DemoPathwayStep(
                "collaborative-action-research-in-scottish-partnerships",
                "Start with what a five-year Scottish programme learned about the strengths and the practical "
                "difficulties of collaborative action research.",
                "Whose knowledge counts most in decisions in your organisation, and whose is overlooked?",
            ),
            DemoPathwayStep(
                "north-dundee-community-safety-inquiry",
                "See the approach at work in a community safety partnership, with constables, housing officers "
                "and residents as equal members.",
                "What would your managers need to agree to before frontline colleagues could join a group like this?",
            ),
            DemoPathwayStep(
                "setting-up-a-collaborative-action-research-group",
                "Work through the practical steps: sponsors, membership, facilitation, cycles of inquiry and "
                "connecting findings to decisions.",
                "Which shared problem in your area would benefit most from this approach, and who would you invite?",
            ),
            DemoPathwayStep(
                "running-a-safe-structured-dialogue",
                "The group's success depends on conversations in which every voice is heard; this guide covers "
                "the facilitation skills involved.",
                "Think of a meeting where someone's knowledge was lost because they did not speak. What "
                "structure would have helped them?",
            ),
        ),
    ),
    DemoPathway(
        slug="from-evidence-to-practice",
        title="From evidence to practice: using and producing evidence",
        summary=(
            "Learn to find and weigh evidence, see how strong evidence shaped a Scottish service, and plan an "
            "evaluation of your own work."
        ),
        themes=("evidence-use", "evaluation", "prevention"),
        sectors=("public-sector", "third-sector", "academic"),
        introduction=paragraphs(
            "Using evidence well means more than reading research. It means asking good questions, judging how "
            "strong and relevant the answers are, combining them with local knowledge and, in turn, finding out "
            "what difference your own work makes.",
            "This pathway moves from using other people's evidence to producing your own. Allow about four hours.",
        ),
        steps=(
            DemoPathwayStep(
                "finding-and-weighing-evidence",
                "Build the core skills: framing a question, finding summaries, judging strength and asking "
                "whether findings apply here.",
                "What practice question in your work would you most like evidence on?",
            ),
            DemoPathwayStep(
                "housing-first",
                "Read a summary of strong evidence from randomised trials, and notice how the summary explains "
                "its strength, impact and limitations.",
                "What would need to be in place in your area for these findings to hold?",
            ),
            DemoPathwayStep(
                "aberdeen-housing-first",
                "See how a Scottish consortium applied that evidence, paying close attention to fidelity.",
                "Where have you seen an approach adopted in name but not in the features that made it work?",
            ),
            DemoPathwayStep(
                "planning-a-proportionate-evaluation",
                "Turn to your own work: plan an evaluation that fits its size and answers the questions that matter.",
                "What is one outcome for people that your work should change, and how could you measure it?",
            ),
            DemoPathwayStep(
                "west-lothian-prevention-evaluation-partnership",
                "Finish with a partnership that built evaluation skills with a university, and changed a "
                "project because of what it found.",
                "Who could you partner with to strengthen evaluation in your area?",
            ),
        ),
    ),
    DemoPathway(
        slug="sharing-power-with-communities",
        title="Sharing power with communities",
        summary=(
            "From participatory budgeting in Brazil to a community-led plan in a Highland glen: what it takes "
            "to hand real decisions to communities, and how to design a process that does."
        ),
        themes=("co-production", "participatory-budgeting", "community-led-action-planning", "community-planning"),
        sectors=("public-sector", "community-sector", "third-sector"),
        introduction=paragraphs(
            "Participation changes things when communities have real influence and public bodies change how "
            "they work in response. This pathway looks at the longest-running example of residents deciding "
            "public spending, two Scottish examples of communities taking the lead, and how to design a process "
            "of your own.",
            "Allow about three hours. Consider working through it with community members as well as colleagues.",
        ),
        steps=(
            DemoPathwayStep(
                "participatory-budgeting-in-brazil",
                "Begin with the evidence from Porto Alegre and other Brazilian cities on what participatory "
                "budgeting can change.",
                "Which of the conditions behind Brazil's results exist in your area, and which do not?",
            ),
            DemoPathwayStep(
                "springburn-mainstream-participatory-budgeting",
                "See a Scottish ward partnership move from small grants to residents deciding mainstream spending.",
                "Which budget you hold or influence could residents help decide?",
            ),
            DemoPathwayStep(
                "achbeag-community-action-plan",
                "Follow a community that set its own priorities, and the changes public bodies made to respond.",
                "What would your organisation need to change to respond to a plan a community wrote itself?",
            ),
            DemoPathwayStep(
                "designing-a-participatory-process",
                "Bring it together by designing a process with a clear purpose, the right people and honest influence.",
                "For a decision coming up in your work, what level of influence could participants honestly "
                "be offered?",
            ),
        ),
    ),
]
