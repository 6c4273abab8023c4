"""Practice guides: step-by-step help with the skills partnership and participation work needs.

Between them the guides cover every skill in the controlled list, from process design to leadership.
"""

from .schema import DemoGuide, bullets, key_points, quote, step, text

GUIDES = [
    DemoGuide(
        slug="designing-a-participatory-process",
        title="Designing a participatory process that fits its purpose",
        summary=(
            "Before choosing a method, be clear what the process is for, who needs to be involved and what "
            "power participants will have. This guide takes you from purpose to a written process plan."
        ),
        themes=("co-production", "community-planning", "dialogue-and-deliberation"),
        sectors=("public-sector", "third-sector", "community-sector"),
        purpose=(
            "To help you design a participation or engagement process whose methods match its purpose, whose "
            "participants reflect the people affected, and whose influence on decisions is honest and clear."
        ),
        audience=(
            "Community planning officers, locality and engagement staff, and community organisations planning "
            "a consultation, a participatory budgeting round, a citizens' panel or a co-design project."
        ),
        time_needed="Two or three half-day planning sessions with partners",
        skills=("process-design", "leadership"),
        steps=[
            step(
                "Agree what the process is for",
                "Write down, in a sentence, the decision or change the process will inform, who will make it, "
                "and by when. If nobody can say what will be done with the results, stop and resolve that first.",
                "Be honest about how much influence participants will have. Informing, consulting, deciding "
                "together and handing over the decision are all legitimate, but presenting one as another "
                "destroys trust.",
            ),
            step(
                "Map who is affected and who is usually missing",
                "List the people and groups affected by the decision, including staff who will carry it out. "
                "Then note who usually takes part in your area and who rarely does: young people, disabled "
                "people, people working shifts, minority ethnic communities, people in poverty.",
                "Plan specific ways to reach the missing groups, such as going to where they already meet, "
                "paying for time and covering care and travel costs.",
            ),
            step(
                "Choose methods that fit the purpose",
                "Match the method to the question. Surveys count views; conversations explore them; deliberative "
                "methods help people weigh trade-offs; participatory budgeting hands over a decision; co-design "
                "builds something together.",
                bullets(
                    "Complex trade-offs: a citizens' panel or deliberative workshops.",
                    "Local priorities: community-led action planning or door-to-door conversations.",
                    "Allocating money: participatory budgeting with clear rules.",
                    "Redesigning a service: co-design with people who use and deliver it.",
                ),
            ),
            step(
                "Plan how participants will hear back",
                "Decide before you start how, when and by whom participants will be told what happened to their "
                "contributions, including what could not be done and why. Put the date in the plan.",
            ),
            step(
                "Write the process plan and get it agreed",
                "Set out the purpose, participants, methods, timetable, budget, staff roles and feedback route "
                "on a page or two. Ask the decision-makers to sign it off, so that they are committed to "
                "responding before the results are known.",
            ),
        ],
        tips=[
            key_points(
                "Involve a few people from the groups you want to reach in designing the process itself.",
                "Budget for outreach, facilitation and follow-up: they are usually underestimated.",
                "A smaller process done well beats a large one that nobody hears back from.",
                heading="Tips",
            ),
            quote(
                "The most useful question we asked at the start was: what would make this a waste of "
                "everyone's time? The answers told us what the plan had to guarantee.",
                "Community engagement officer",
            ),
        ],
        related_case_studies=(
            "springburn-mainstream-participatory-budgeting",
            "strathtay-day-services-citizens-panel",
            "achbeag-community-action-plan",
        ),
    ),
    DemoGuide(
        slug="running-a-safe-structured-dialogue",
        title="Running a safe, structured dialogue where every voice is heard",
        summary=(
            "How to prepare and facilitate a conversation between people of different roles, ranks and "
            "backgrounds so that the frontline worker and the resident are heard as clearly as the director."
        ),
        themes=("facilitation", "frontline-voice", "dialogue-and-deliberation"),
        sectors=("public-sector", "third-sector", "community-sector"),
        purpose=(
            "To help you plan and run a facilitated dialogue in which people speak openly, listen to each "
            "other and reach a shared understanding, even when power and views are unequal."
        ),
        audience=(
            "Anyone who facilitates partnership meetings, learning sets, community conversations or "
            "collaborative action research groups, whether new to facilitation or experienced."
        ),
        time_needed="An hour to prepare; sessions of ninety minutes to half a day",
        skills=("facilitation", "communication"),
        steps=[
            step(
                "Prepare the people, not only the room",
                "Speak beforehand to those least likely to be heard, such as frontline staff or residents "
                "attending with senior managers. Explain the purpose, what will happen and how their "
                "contributions will be used. Ask what would help them speak freely.",
                "Check the practicalities: a neutral venue, a time frontline staff can attend, cover for their "
                "duties, accessible rooms and materials.",
            ),
            step(
                "Agree ground rules together",
                "Open by agreeing a few ground rules with the group, for example: one person speaks at a time, "
                "everyone's knowledge counts equally, what is said stays in the room unless agreed otherwise, "
                "and people speak for themselves rather than their organisation.",
                "Write the rules up where everyone can see them, and refer back to them when needed.",
            ),
            step(
                "Use structures that share the air time",
                "Open discussion favours the confident and the senior. Use rounds in which everyone speaks in "
                "turn, pairs and small groups before plenary discussion, and silent writing before talking. "
                "Invite frontline members to speak first on questions about practice.",
            ),
            step(
                "Hold the difficult moments",
                "When disagreement surfaces, name it calmly and treat it as useful information. Ask each side "
                "to say what they see and why it matters to them, and look for what lies underneath positions. "
                "If someone dominates, thank them and move to the next voice using the structure you agreed.",
            ),
            step(
                "Close with what was heard and what happens next",
                "Summarise the main points in the group's own words and check you have them right. Agree what "
                "will be recorded, who will do what next, and how members will hear about it.",
            ),
            step(
                "Reflect and follow up",
                "Within a week, send a short note of what was agreed. Ask one or two participants, including a "
                "frontline member, how the session felt and what you could do differently.",
            ),
        ],
        tips=[
            text(
                "Use the live rooms on this platform for online dialogue: as facilitator you can run rounds, hand "
                "the floor to one speaker at a time and allow anonymous contributions when people need that "
                "protection to speak.",
            ),
            key_points(
                "Seat people so that ranks and organisations mix.",
                "Avoid acronyms, or explain them the first time.",
                "Plan a break: people often say the most important thing over tea.",
                heading="Tips",
            ),
        ],
        related_case_studies=(
            "north-dundee-community-safety-inquiry",
            "strathtay-day-services-citizens-panel",
            "kirkcaldy-evening-wellbeing-drop-in",
        ),
    ),
    DemoGuide(
        slug="working-through-conflict-between-partners",
        title="Working through conflict between partners",
        summary=(
            "Partnerships bring competing agendas, budgets and professional identities together. This guide "
            "sets out how to mediate when partners disagree, so that conflict leads to better decisions rather "
            "than stalemate."
        ),
        themes=("partnership-working", "facilitation", "co-production"),
        sectors=("public-sector", "third-sector", "community-sector"),
        purpose=(
            "To help you recognise, name and work through disagreement between partner organisations, or "
            "between professionals and communities, and reach agreements people can keep."
        ),
        audience=(
            "Partnership managers, chairs of partnership groups, locality leads and community organisers who "
            "find themselves between parties who disagree."
        ),
        time_needed="One or two conversations with each party, then a joint session of two to three hours",
        skills=("mediation", "partnership-working"),
        steps=[
            step(
                "Understand what the conflict is about",
                "Conflicts in partnerships are usually about one of a few things: money and resources, who "
                "decides, risk and accountability, or professional identity and status. Name which ones are in "
                "play before trying to resolve them.",
            ),
            step(
                "Talk to each party separately first",
                "Meet each party on their own. Ask what matters to them, what they fear, and what they would "
                "need in order to move. Listen for interests behind positions: a manager refusing to share a "
                "budget may be worried about audit, not about the idea.",
            ),
            step(
                "Bring the parties together with clear rules",
                "Agree the purpose of the joint session and ground rules in advance. Start with what the "
                "parties share, such as the outcomes they both want for the same people, before turning to "
                "differences.",
            ),
            step(
                "Generate options before choosing",
                "Ask the parties to suggest several ways forward before judging any of them. Test each against "
                "the interests each party named. Look for trades: one partner takes on more risk in exchange "
                "for a greater say.",
            ),
            step(
                "Write down the agreement and review it",
                "Record what was agreed, who will do what and when, and how the agreement will be reviewed. "
                "Share it with everyone who was present and set a date to check how it is working.",
            ),
        ],
        tips=[
            text(
                "Co-production and partnership working can unsettle professional identities: a nurse who is used "
                "to deciding, or a manager who is used to controlling a budget, may feel diminished. Treat this as "
                "a real concern to be worked through, not as resistance to be overcome.",
            ),
            key_points(
                "Stay neutral: if you have a stake, say so or ask someone else to mediate.",
                "Separate the people from the problem.",
                "Escalate only after a genuine attempt locally, and agree together that you will.",
                heading="Tips",
            ),
        ],
        related_case_studies=(
            "kirkcaldy-evening-wellbeing-drop-in",
            "uist-coming-home-from-hospital",
            "strathtay-day-services-citizens-panel",
        ),
    ),
    DemoGuide(
        slug="running-a-participatory-budgeting-round",
        title="Running a participatory budgeting round",
        summary=(
            "A practical guide to organising participatory budgeting, from agreeing the budget and rules to "
            "the vote and delivering the results, with the coordination and communication each stage needs."
        ),
        themes=("participatory-budgeting", "community-planning", "tackling-inequalities"),
        sectors=("public-sector", "community-sector", "third-sector"),
        purpose=(
            "To help you plan and coordinate a participatory budgeting round that reaches beyond the usual "
            "participants and delivers what residents choose."
        ),
        audience=(
            "Council and partnership officers, community organisations and residents' steering groups running "
            "participatory budgeting for the first or second time."
        ),
        time_needed="Four to six months from agreeing the budget to announcing the results",
        skills=("coordination", "communication", "process-design"),
        steps=[
            step(
                "Secure the budget and the commitment to deliver",
                "Agree the amount, its source and any limits on how it can be spent. If it is a mainstream "
                "service budget, get the service's manager to commit in writing to delivering what residents "
                "choose.",
            ),
            step(
                "Form a steering group with residents",
                "Recruit a steering group in which residents, including young people and groups who seldom "
                "take part, are at least half the members. The group sets the rules: who can propose and vote, "
                "how ideas are checked, and whether areas of greatest need get extra weight.",
            ),
            step(
                "Gather and develop ideas",
                "Collect ideas through schools, community venues, faith groups, food banks and online. Pair "
                "each idea with an officer who can check cost and feasibility with the person who proposed it, "
                "rather than rejecting ideas by letter.",
            ),
            step(
                "Communicate the choices clearly",
                "Present every idea in plain language with its cost and where it would happen. Use posters, "
                "social media, local radio and community newsletters, and translate where needed.",
            ),
            step(
                "Run the vote",
                "Offer voting online and on paper at familiar local venues over at least a week. Check "
                "eligibility simply and keep a record of who voted, by age and area, so you can see whom you "
                "reached.",
            ),
            step(
                "Deliver, report back and review",
                "Announce the results, then publish progress on each winning idea until it is delivered. Hold "
                "a review with the steering group to decide what to change next time.",
            ),
        ],
        tips=[
            key_points(
                "Keep a single project plan with every partner's tasks and dates; review it weekly in the busy "
                "weeks before the vote.",
                "Avoid pitching events that set community groups against each other.",
                "Plan early for moving from grants to mainstream budgets.",
                heading="Tips",
            ),
        ],
        related_case_studies=("springburn-mainstream-participatory-budgeting",),
    ),
    DemoGuide(
        slug="planning-a-proportionate-evaluation",
        title="Planning a proportionate evaluation of partnership and prevention work",
        summary=(
            "Prevention and partnership work is rarely evaluated systematically. This guide helps you plan an "
            "evaluation that fits the size of the work, answers the questions that matter and uses data you "
            "can actually collect."
        ),
        themes=("evaluation", "prevention", "partnership-working"),
        sectors=("public-sector", "third-sector", "academic"),
        purpose=(
            "To help you plan an honest, proportionate evaluation of a partnership or prevention initiative, "
            "including when and how to work with a university or other external evaluator."
        ),
        audience=(
            "Project managers, partnership and performance officers and third sector staff responsible for "
            "showing what difference their work makes."
        ),
        time_needed="A day to plan, then an hour a month to keep the evaluation on track",
        skills=("evaluation", "data-analysis"),
        steps=[
            step(
                "Agree the questions the evaluation must answer",
                "Ask partners and the people the work serves what they most need to know. Good questions are "
                "specific: did fewer families fall into rent arrears, and which families benefited most?",
            ),
            step(
                "Draw the logic of the work",
                "Set out, with the staff who deliver it, how the work is expected to lead to change: what you "
                "do, what that produces, and what difference that should make in the short and longer term. "
                "This shows what to measure and where the assumptions are.",
            ),
            step(
                "Choose a few measures and a way to compare",
                "Pick a small number of measures, including at least one outcome for people, and collect them "
                "the same way throughout. Ask what would have happened without the work: a comparison group, "
                "a comparison area or data from before the work started.",
            ),
            step(
                "Plan how you will hear from people",
                "Numbers rarely explain why. Plan interviews or focus groups with people using the service and "
                "with frontline staff, ideally carried out by peer researchers or someone independent.",
            ),
            step(
                "Decide who does what, including external partners",
                "Decide what staff can do themselves and where an external evaluator adds rigour or "
                "independence. A local university may help with design and analysis in return for access to "
                "real data and teaching examples.",
            ),
            step(
                "Report honestly and use the findings",
                "Report what you found, including what did not work and the limits of the evidence. Agree with "
                "decision-makers in advance when findings will be considered and how they might change the "
                "work.",
            ),
        ],
        tips=[
            key_points(
                "Proportionate means the evaluation costs a small fraction of the work it evaluates.",
                "Start collecting baseline data before the work begins.",
                "Data sharing agreements take months: start them early.",
                heading="Tips",
            ),
            quote(
                "We stopped asking 'how do we prove this works?' and started asking 'what do we need to know to "
                "make it better?'. The evaluation became useful overnight.",
                "Prevention project manager",
            ),
        ],
        related_case_studies=("west-lothian-prevention-evaluation-partnership", "aberdeen-housing-first"),
    ),
    DemoGuide(
        slug="making-sense-of-local-data-together",
        title="Making sense of local data with partners and communities",
        summary=(
            "Local data only becomes useful when people who know the place interpret it together. This guide "
            "shows how to build a simple locality profile and run a data conversation with partners, frontline "
            "staff and residents."
        ),
        themes=("evidence-use", "community-planning", "frontline-voice"),
        sectors=("public-sector", "third-sector", "community-sector"),
        purpose=(
            "To help you gather, analyse and present local data so that partners, frontline staff and "
            "communities can interpret it together and use it to set priorities."
        ),
        audience=(
            "Community planning and locality staff, analysts and community organisations preparing locality "
            "plans or reviewing local priorities."
        ),
        time_needed="Two to three days of preparation, then a two-hour data conversation",
        skills=("data-analysis", "using-evidence", "communication"),
        steps=[
            step(
                "Decide what you need to know",
                "Start from the questions the partnership is trying to answer, not from the data that happens "
                "to be available. Limit the profile to what will inform those questions.",
            ),
            step(
                "Gather a small set of reliable indicators",
                "Use published small-area statistics, such as the Scottish Index of Multiple Deprivation and "
                "public health profiles, alongside partners' own service data. Note where each figure comes "
                "from, how recent it is and what it does not show.",
            ),
            step(
                "Analyse with care",
                "Compare with the council area and Scotland, and look at change over time. With small numbers, "
                "use rates and ranges rather than single figures, and do not read too much into one year's "
                "change.",
            ),
            step(
                "Present it so that people can use it",
                "Use a few clear charts with plain-language headings that say what each one shows. Avoid "
                "dashboards of dozens of indicators: choose the handful that matter most.",
            ),
            step(
                "Interpret it together",
                "Run a data conversation in which frontline staff and residents say what the figures mean to "
                "them and what the data misses. Their knowledge often explains a pattern, or shows that it is "
                "an artefact of how data were recorded.",
            ),
        ],
        tips=[
            key_points(
                "Ask your council's analysts for help: many welcome a real question to work on.",
                "Treat people's accounts as evidence alongside the numbers.",
                "Keep the profile up to date; an old one erodes trust.",
                heading="Tips",
            ),
        ],
        related_case_studies=("north-dundee-community-safety-inquiry", "moray-community-planning-peer-network"),
    ),
    DemoGuide(
        slug="finding-and-weighing-evidence",
        title="Finding and weighing evidence from Scotland and abroad",
        summary=(
            "How to find research relevant to a practice question, judge how strong it is and whether it "
            "applies in your setting, and combine it with local data and practitioners' experience."
        ),
        themes=("evidence-use", "evaluation", "workforce-development"),
        sectors=("public-sector", "third-sector", "academic"),
        purpose=(
            "To help you use evidence from many sources, from systematic reviews to practice experience, to "
            "inform decisions about services and partnership work."
        ),
        audience=(
            "Practitioners and managers in any sector who want to use research in their work, whatever their "
            "previous experience of reading it."
        ),
        time_needed="Half a day for a first search and appraisal; more for a complex question",
        skills=("using-evidence", "evaluation"),
        steps=[
            step(
                "Frame a practical question",
                "Turn a concern into a question evidence can answer: for whom, what approach, compared with "
                "what, and to achieve what outcome. For example: for older people leaving hospital, does "
                "reablement reduce long-term care needs compared with usual home care?",
            ),
            step(
                "Search sources that summarise evidence",
                "Start with summaries: the evidence summaries on this platform, systematic reviews, and the "
                "evidence reviews published by Scottish and UK What Works centres and national agencies. Ask "
                "a librarian at your organisation or a partner university for help.",
            ),
            step(
                "Judge how strong the evidence is",
                "Consider the kind of study, how many there are and whether they agree. A systematic review of "
                "consistent trials is stronger than a single evaluation without a comparison, but a weak "
                "review of weak studies is still weak evidence. The strength scale on each evidence summary "
                "shows the criteria.",
            ),
            step(
                "Ask whether it applies here",
                "Compare the places, people and services in the studies with your own. Evidence from Brazil or "
                "Canada can be highly relevant, but ask what would need to be in place for it to work in your "
                "area.",
            ),
            step(
                "Combine it with local knowledge",
                "Put the research beside local data and the experience of practitioners and people who use "
                "services. Where they disagree, find out why: that is often where the learning is.",
            ),
            step(
                "Record and share what you found",
                "Write a short note of the question, what you found, how strong it is and what you concluded. "
                "Share it with colleagues so that the next person does not start from scratch.",
            ),
        ],
        tips=[
            key_points(
                "No single kind of evidence is enough on its own.",
                "Look for what did not work as well as what did.",
                "Read with colleagues: a reading circle builds confidence faster than reading alone.",
                heading="Tips",
            ),
        ],
        related_case_studies=(
            "west-lothian-prevention-evaluation-partnership",
            "moray-community-planning-peer-network",
            "north-dundee-community-safety-inquiry",
        ),
    ),
    DemoGuide(
        slug="setting-up-a-collaborative-action-research-group",
        title="Setting up a collaborative action research group",
        summary=(
            "Collaborative action research brings practitioners of every level and researchers together to "
            "investigate and improve a shared problem. This guide covers setting one up, sustaining it and "
            "making sure its findings are used."
        ),
        themes=("collaborative-action-research", "frontline-voice", "partnership-working", "evidence-use"),
        sectors=("public-sector", "third-sector", "community-sector", "academic"),
        purpose=(
            "To help you establish and lead a collaborative action research group that values every member's "
            "knowledge equally and links its learning to decisions."
        ),
        audience=(
            "Partnership managers, strategic leads and researchers who want to involve frontline practitioners "
            "and communities in improving services."
        ),
        time_needed="Six to eighteen months, with meetings every two to four weeks",
        skills=("leadership", "partnership-working", "facilitation", "process-design", "coordination"),
        steps=[
            step(
                "Agree the shared problem and the sponsors",
                "Choose a problem that several organisations care about and cannot solve alone. Secure a senior "
                "sponsor in each organisation who will protect members' time and receive the group's findings.",
            ),
            step(
                "Recruit a mixed group",
                "Bring together ten to sixteen people from different organisations and levels, with frontline "
                "staff and community members as full members, not occasional visitors. Agree cover for "
                "frontline members' duties in writing.",
            ),
            step(
                "Find facilitators outside the hierarchy",
                "Ask researchers from a university or an independent facilitator to run the group, so that no "
                "organisation or rank controls the conversation. Agree their role: facilitating, bringing "
                "evidence, recording, not deciding.",
            ),
            step(
                "Work in cycles of inquiry and action",
                "In each cycle the group chooses a question, gathers evidence from research, data and members' "
                "experience, agrees a change to try, and reviews what happened. Keep a shared record of each "
                "cycle.",
            ),
            step(
                "Coordinate across organisations",
                "Keep a simple plan of meetings, actions and who is responsible, and check it at the start of "
                "each meeting. Induct new members when others move on, as turnover is almost certain.",
            ),
            step(
                "Connect findings to decisions",
                "Schedule regular points at which the group reports to its sponsors and decision-making boards, "
                "with frontline members presenting. Timetable these to fit the budget and planning cycle, so "
                "that findings arrive when decisions are made.",
            ),
        ],
        tips=[
            text(
                "Leadership in collaborative action research is mostly about creating conditions: protecting "
                "time, backing members who raise uncomfortable findings and making sure the group's work is "
                "heard where decisions are made.",
            ),
            key_points(
                "Expect the pace of research and of decision-making to differ, and plan for both.",
                "Celebrate small changes; they keep members engaged.",
                "Publish what you learn so that other partnerships can use it.",
                heading="Tips",
            ),
        ],
        related_case_studies=("north-dundee-community-safety-inquiry", "moray-community-planning-peer-network"),
    ),
]
