"""Evidence summaries: what research from Scotland and abroad says, how strong it is, what it means here.

Sources are described by kind, place and period rather than by a reference that could be mistyped:
readers are pointed to the body of work, and `source_url` stays empty.
"""

from .schema import DemoEvidence, bullets, key_points, paragraphs, text

EVIDENCE = [
    DemoEvidence(
        slug="participatory-budgeting-in-brazil",
        title="Participatory budgeting in Porto Alegre and other Brazilian cities",
        summary=(
            "Brazil's experience, beginning in Porto Alegre in 1989, is the longest record of residents deciding "
            "public investment. Comparisons across cities link long-running participatory budgeting with more "
            "spending on basic services in poorer districts."
        ),
        themes=("participatory-budgeting", "tackling-inequalities", "dialogue-and-deliberation"),
        sectors=("public-sector", "community-sector"),
        question="Does participatory budgeting change where public money goes, and who benefits?",
        countries=("brazil",),
        source_citation=(
            "Comparative studies of Brazilian municipalities with and without participatory budgeting, published "
            "in political science and development economics journals from the 2000s onwards, read alongside "
            "ethnographic studies of Porto Alegre's neighbourhood and thematic assemblies."
        ),
        study_type="quasi_experimental",
        strength=3,
        impact="moderate",
        cost="moderate",
        key_findings=[
            text(
                "In Porto Alegre, residents met each year in neighbourhood and thematic assemblies, elected "
                "delegates and agreed priorities for the city's investment budget. Over the following decade, "
                "paved roads, sewerage and water connections reached districts that had long gone without them.",
                "Studies that compare many Brazilian municipalities find that those which ran participatory "
                "budgeting for several years spent a larger share on health and sanitation, and some link this "
                "with falls in infant mortality. Effects were larger where the process had lasted longer and had "
                "real money attached.",
            ),
            key_points(
                "Lower-income residents took part in large numbers when the decisions were about visible, local "
                "investment.",
                "The rules of the process, such as weighting allocations towards districts in greatest need, "
                "mattered as much as the assemblies themselves.",
                "The process weakened in later years when political support and the share of the budget "
                "allocated fell.",
            ),
        ],
        implications=[
            text(
                "Scottish councils have agreed to allocate at least one per cent of their budgets through "
                "participatory budgeting. Brazil's experience suggests that the redistributive effect comes from "
                "deciding mainstream investment, with rules that favour areas of greatest need, rather than from "
                "small grants rounds alone.",
                "It also shows that participatory budgeting needs sustained political commitment and staff who "
                "can run assemblies, explain budgets and follow decisions through to delivery.",
            ),
        ],
        limitations=paragraphs(
            "Municipalities chose whether to adopt participatory budgeting, so differences between them may "
            "reflect politics and local capacity as well as the process itself. Brazilian cities in the 1990s had "
            "large gaps in basic infrastructure that Scottish places do not, so the size of effects will not "
            "transfer directly."
        ),
    ),
    DemoEvidence(
        slug="participatory-budgeting-in-scotland",
        title="What participatory budgeting in Scotland has achieved so far",
        summary=(
            "A national evaluation of participatory budgeting across Scottish councils found more people involved "
            "in local decisions and stronger community groups, but little change yet to how mainstream budgets "
            "are spent."
        ),
        themes=("participatory-budgeting", "community-planning", "evaluation"),
        sectors=("public-sector", "community-sector", "academic"),
        question="What difference has participatory budgeting made in Scotland, and what stops it going further?",
        countries=("scotland",),
        source_citation=(
            "A national evaluation of participatory budgeting activity in Scotland between 2016 and 2018, "
            "commissioned by the Scottish Government and carried out by university researchers, drawing on "
            "council surveys, participant questionnaires and local case studies."
        ),
        study_type="mixed_methods",
        strength=2,
        impact="small",
        cost="low",
        key_findings=[
            text(
                "Most early activity took the form of small grants rounds in which community groups pitched "
                "projects and residents voted. These events drew in people who had not been involved in local "
                "decisions before, and participants reported feeling more connected to their area and more "
                "positive about the council.",
            ),
            key_points(
                "Grants rounds were quick to set up but could set groups in competition with each other.",
                "Few councils had yet moved to residents deciding part of mainstream service budgets.",
                "Where it worked well, community organisations co-designed the process with council staff.",
                "Staff time and skills for outreach, facilitation and follow-up were the most common constraint.",
            ),
        ],
        implications=[
            text(
                "Partnerships planning their next round can use the evaluation's lessons: design the process "
                "with community organisations, reach groups who seldom take part, and plan early how a share of "
                "mainstream spending will be decided.",
                bullets(
                    "Budget for the staff time that outreach and follow-up take.",
                    "Agree in advance how decisions will be carried out and reported back.",
                    "Collect the same few measures every year so that progress can be seen.",
                ),
            ),
        ],
        limitations=paragraphs(
            "The evaluation relied mainly on the accounts of organisers and participants collected soon after "
            "events; it could not measure longer-term effects on services or outcomes, and there was no comparison "
            "with places that did not use participatory budgeting."
        ),
    ),
    DemoEvidence(
        slug="reablement-at-home",
        title="Reablement: short-term support to regain independence at home",
        summary=(
            "Time-limited, goal-focused support at home after illness or a fall, pioneered by Danish "
            "municipalities, helps some people need less ongoing care, but trials give mixed results."
        ),
        themes=("health-and-social-care-integration", "prevention"),
        sectors=("public-sector", "academic"),
        question="Does a short period of reablement at home reduce people's need for long-term home care?",
        countries=("denmark", "norway", "australia", "new-zealand"),
        source_citation=(
            "Systematic reviews of randomised and controlled studies of home-based reablement, covering trials in "
            "Norway, Australia and New Zealand, and reports on the Danish municipal programmes that popularised "
            "the approach from the late 2000s."
        ),
        study_type="systematic_review",
        strength=2,
        impact="small",
        cost="moderate",
        key_findings=[
            text(
                "Reablement gives people a few weeks of intensive support from a team that includes "
                "occupational therapists, physiotherapists and home care workers, working towards goals the "
                "person sets, such as cooking again or getting to the shops.",
                "Some trials found fewer home care hours needed afterwards; others found no difference. "
                "Improvements in daily living and quality of life were small and not found in every study. "
                "People who received it valued being treated as capable of doing things for themselves.",
            ),
            key_points(
                "The person's own goals, not a standard package, drive the work.",
                "Home care workers need training and time to support rather than do things for people.",
                "Results depend on who is offered it: benefits are clearer for people recovering from a "
                "specific event.",
            ),
        ],
        implications=[
            text(
                "Health and social care partnerships in Scotland already run reablement services. The evidence "
                "supports offering it, but not counting on large savings. Partnerships should be clear about "
                "whom it is for, train home care staff in enabling practice, and measure outcomes that matter to "
                "people as well as hours of care.",
            ),
        ],
        limitations=paragraphs(
            "The trials are few and small, use different definitions of reablement and measure different outcomes. "
            "Usual care in comparison groups varied between countries, which makes results hard to pool."
        ),
    ),
    DemoEvidence(
        slug="open-dialogue-in-western-lapland",
        title="Open Dialogue: meeting a person in crisis with their network",
        summary=(
            "Finland's Open Dialogue approach responds to mental health crises within a day, meeting the person "
            "with family and professionals together. Reported results are striking, but the studies are weak."
        ),
        themes=("dialogue-and-deliberation", "co-production", "facilitation"),
        sectors=("public-sector", "academic"),
        question=(
            "Does responding to a mental health crisis through open network meetings improve recovery compared "
            "with usual care?"
        ),
        countries=("finland",),
        source_citation=(
            "Follow-up studies of people treated in Western Lapland from the 1990s onwards by the clinicians who "
            "developed the approach, and later systematic reviews of those studies and of adaptations in other "
            "countries."
        ),
        study_type="systematic_review",
        strength=1,
        impact="unknown",
        cost="high",
        key_findings=[
            text(
                "In Western Lapland, a team meets the person in crisis within 24 hours, usually at home, with the "
                "family and anyone else the person chooses. The same staff stay with the person throughout. "
                "Decisions about treatment are made openly in the meeting, and staff reflect aloud on what they "
                "hear in front of the family.",
                "Follow-up studies from the region reported that many people returned to work or study and that "
                "fewer used medication long term than in comparison groups from other periods. Systematic "
                "reviews found these studies too small and too open to bias to confirm the effect.",
            ),
            key_points(
                "The principles are clear: immediate help, the social network involved, continuity of staff, "
                "tolerance of uncertainty and dialogue.",
                "Training the whole team is a substantial investment.",
                "Stronger trials have been set up elsewhere to test the approach properly.",
            ),
        ],
        implications=[
            text(
                "Open Dialogue shows how much structured, open conversation can change the relationship between "
                "services and the people they serve. Scottish teams can learn from its practices, such as "
                "speaking about people only in their presence and keeping the same staff, while being honest that "
                "its outcomes are not yet proven.",
            ),
        ],
        limitations=paragraphs(
            "There are no completed randomised trials. Most outcome studies come from one region, were led by the "
            "approach's developers, and compare with historical groups treated under different conditions."
        ),
    ),
    DemoEvidence(
        slug="housing-first",
        title="Housing First for people with long experience of homelessness",
        summary=(
            "Large randomised trials in Canada and the United States show that offering a settled home straight "
            "away, with flexible support, keeps far more people housed than requiring them to become "
            "'housing ready' first."
        ),
        themes=("housing-and-homelessness", "prevention", "partnership-working"),
        sectors=("public-sector", "third-sector"),
        question=(
            "Does giving people with long histories of homelessness and complex needs a home first, with "
            "support, keep them housed?"
        ),
        countries=("canada", "united-states"),
        source_citation=(
            "A five-city randomised trial in Canada (2009 to 2013) with around two thousand participants, earlier "
            "randomised and comparison studies in the United States from the 1990s, and systematic reviews of "
            "them."
        ),
        study_type="randomised_trial",
        strength=4,
        impact="large",
        cost="high",
        key_findings=[
            text(
                "People offered Housing First spent much more of their time stably housed than those offered the "
                "usual route through hostels and treatment programmes. The difference appeared within months "
                "and lasted throughout follow-up.",
                "Effects on mental health, substance use and quality of life were smaller and less consistent. "
                "Part of the cost was offset by less use of emergency services, shelters and the justice "
                "system, most clearly for people with the highest needs.",
            ),
            key_points(
                "Housing is not conditional on treatment or sobriety.",
                "Support is intensive, open-ended and follows the person if a tenancy fails.",
                "Fidelity to these principles predicts better results.",
            ),
        ],
        implications=[
            text(
                "Scotland's Housing First Pathfinder in five city areas and the move to rapid rehousing build on "
                "this evidence. The lesson for partnerships is that results depend on fidelity: enough "
                "homes in ordinary communities, small caseloads and support that does not end when the "
                "person stops engaging.",
            ),
        ],
        limitations=paragraphs(
            "The trials took place in North American cities with different housing and welfare systems. "
            "Follow-up ran for two years, so longer-term effects rely on observational studies."
        ),
    ),
    DemoEvidence(
        slug="community-oriented-policing",
        title="Community-oriented policing and public trust",
        summary=(
            "Reviews of community-oriented policing, mostly from the United States, find that it improves "
            "residents' satisfaction with and trust in the police, with little effect on crime on its own."
        ),
        themes=("community-safety", "partnership-working", "frontline-voice"),
        sectors=("public-sector", "community-sector"),
        question="Does community-oriented policing reduce crime and improve how residents see the police?",
        countries=("united-states", "england"),
        source_citation=(
            "A systematic review and meta-analysis of community-oriented policing evaluations, mostly from the "
            "United States, with reviews of neighbourhood policing in England and Wales prepared for police "
            "forces."
        ),
        study_type="systematic_review",
        strength=4,
        impact="small",
        cost="moderate",
        key_findings=[
            text(
                "Community-oriented policing combines regular contact with residents, joint problem solving with "
                "partners and a local, visible presence. Across many evaluations, it led to clear improvements in "
                "residents' satisfaction with the police and in their sense that the police treat people fairly.",
                "Effects on recorded crime and fear of crime were small and inconsistent, except where "
                "community work was combined with focused problem solving on particular places or problems.",
            ),
            key_points(
                "Trust and legitimacy are outcomes in their own right, and help residents share information.",
                "Officers need stable local postings for relationships to form.",
                "Problem solving with housing, youth work and other partners adds to the effect on crime.",
            ),
        ],
        implications=[
            text(
                "Community safety partnerships in Scotland can expect community-oriented approaches to build "
                "trust, especially where frontline officers stay in an area long enough to know it. Pairing them "
                "with joint problem solving, in which frontline staff from every agency help define the problem, "
                "is the more promising route to less harm.",
            ),
        ],
        limitations=paragraphs(
            "Most studies are American, and programmes labelled community policing varied widely. Many "
            "evaluations were short and measured perceptions rather than harm."
        ),
    ),
    DemoEvidence(
        slug="local-area-coordination",
        title="Local Area Coordination: one person to help people build a good life locally",
        summary=(
            "Local Area Coordination, developed in Western Australia and adopted in parts of England and Wales, "
            "gives people a named coordinator who helps them draw on their own strengths and community before "
            "services. Local evaluations are encouraging but mostly uncontrolled."
        ),
        themes=("prevention", "self-directed-support", "community-planning"),
        sectors=("public-sector", "community-sector"),
        question=(
            "Does a local coordinator who works alongside people and communities reduce reliance on formal services?"
        ),
        countries=("australia", "england", "wales"),
        source_citation=(
            "Practice evaluations commissioned by councils in England and Wales in the 2010s, some with social "
            "return on investment analyses, and the Western Australian programme's own reviews since it began in "
            "the late 1980s."
        ),
        study_type="practice_evaluation",
        strength=2,
        impact="small",
        cost="moderate",
        key_findings=[
            text(
                "Each coordinator is based in a neighbourhood, knows its groups and resources, and works with "
                "anyone who asks, without assessment or eligibility criteria. The aim is a good life in the "
                "community, with services as a back-up rather than a first resort.",
                "Evaluations report people reconnecting with family and neighbours, staying out of crisis and "
                "needing fewer formal services, and estimate savings from avoided care and emergency use.",
            ),
            key_points(
                "Coordinators need a small, stable patch and freedom from caseload targets.",
                "Value comes partly from connecting people with each other, not only with services.",
                "Savings estimates rely on assumptions about what would otherwise have happened.",
            ),
        ],
        implications=[
            text(
                "Scotland introduced local area coordination for people with learning disabilities in the early "
                "2000s, and the approach fits the intent of self-directed support and of locality planning. "
                "Partnerships considering it should protect coordinators from being drawn into assessment work "
                "and plan an evaluation with a comparison from the start.",
            ),
        ],
        limitations=paragraphs(
            "Evaluations were commissioned by the councils running the programmes, without comparison groups, and "
            "rely heavily on case stories and estimated costs avoided."
        ),
    ),
    DemoEvidence(
        slug="buurtzorg-neighbourhood-nursing",
        title="Buurtzorg: self-managing neighbourhood nursing teams",
        summary=(
            "The Dutch Buurtzorg model organises community nursing in small, self-managing teams with little "
            "management overhead. Clients and staff report high satisfaction; claims about costs are contested."
        ),
        themes=("health-and-social-care-integration", "workforce-development", "frontline-voice"),
        sectors=("public-sector", "third-sector"),
        question=(
            "Can small teams of community nurses who organise their own work deliver better home care without "
            "higher costs?"
        ),
        countries=("netherlands",),
        source_citation=(
            "Qualitative studies of Buurtzorg teams and their clients in the Netherlands, consultancy "
            "evaluations comparing its costs with other Dutch home care providers, and reports on pilots inspired "
            "by the model in the United Kingdom."
        ),
        study_type="qualitative",
        strength=2,
        impact="small",
        cost="moderate",
        key_findings=[
            text(
                "Teams of up to twelve nurses serve one neighbourhood, take on their own referrals, plan their "
                "own rotas and decide how best to support each person, with coaches rather than managers and a "
                "small back office.",
                "Clients reported high satisfaction and continuity of care; nurses reported more autonomy and "
                "less sickness absence. Some studies found fewer hours of care per client, but others noted "
                "that differences in clients' needs could explain part of this.",
            ),
            key_points(
                "Autonomy is matched by clear shared methods and good information systems.",
                "Teams work to build each client's own network of informal support.",
                "The model is easier to start than to fit inside existing commissioning rules.",
            ),
        ],
        implications=[
            text(
                "Several Scottish partnerships have tested neighbourhood care inspired by Buurtzorg. The evidence "
                "supports giving frontline teams more control over how they organise care, but partnerships "
                "should test cost claims locally and be ready to change commissioning and information systems, "
                "not just team structures.",
            ),
        ],
        limitations=paragraphs(
            "There is no controlled comparison. Cost studies were commissioned by interested parties and did "
            "not fully adjust for differences in clients' needs."
        ),
    ),
    DemoEvidence(
        slug="collaborative-action-research-in-scottish-partnerships",
        title="Collaborative action research with Scottish community planning partnerships",
        summary=(
            "A five-year programme in which researchers and practitioners from several community planning "
            "partnerships investigated local problems together. It built relationships and evidence skills, "
            "but ran up against time, turnover and the pace of decision-making."
        ),
        themes=("collaborative-action-research", "frontline-voice", "workforce-development", "evidence-use"),
        sectors=("public-sector", "third-sector", "academic"),
        question=(
            "What can collaborative action research contribute to public service reform, and what gets in its way?"
        ),
        countries=("scotland",),
        source_citation=(
            "Reports and reflective papers from a Scottish research and practice programme run between 2014 and "
            "2019 with community planning partnerships, funded by a UK research council and the Scottish "
            "Government, written by its researcher-facilitators and practitioner partners."
        ),
        study_type="action_research",
        strength=1,
        impact="unknown",
        cost="moderate",
        key_findings=[
            text(
                "Groups in each CPP brought together practitioners of different professions and levels, from "
                "frontline officers to strategic managers, with external researcher-facilitators. They met over "
                "months, examined local and international evidence, and tried and reviewed changes in their own work.",
                "Participants valued the protected space to talk across organisational boundaries, and "
                "frontline members said their knowledge was taken seriously, often for the first time. The "
                "groups produced evidence rooted in local conditions and stronger working relationships.",
            ),
            key_points(
                "Facilitation by people outside the hierarchy helped equalise voices.",
                "Research timescales sat awkwardly with the pace of policy decisions.",
                "Budget cuts, restructuring and staff turnover disrupted groups part way through.",
            ),
        ],
        implications=[
            text(
                "Partnerships can use collaborative action research to learn from the frontline and from "
                "evidence at the same time, but should plan for it: protect members' time, agree how findings "
                "will reach decision-makers and the LOIP, and link with a university or other external facilitators.",
            ),
        ],
        limitations=paragraphs(
            "The accounts come from the people who ran the programme and took part in it. Changes to services "
            "and outcomes were not measured independently, and the groups worked in a small number of areas."
        ),
    ),
    DemoEvidence(
        slug="self-directed-support-outcomes",
        title="Choice and control in social care: self-directed support and personal budgets",
        summary=(
            "Studies of self-directed support in Scotland and personal budgets in England find that people who "
            "have real choice over their support report better outcomes, but that many are not offered it."
        ),
        themes=("self-directed-support", "co-production", "health-and-social-care-integration"),
        sectors=("public-sector", "third-sector"),
        question="Does giving people choice and control over their social care budget improve their lives?",
        countries=("scotland", "england"),
        source_citation=(
            "Scottish national audit and inspection reviews of self-directed support since the 2013 Act came into "
            "force, and the independent evaluation of the English individual budgets pilots, which compared "
            "people with and without a budget."
        ),
        study_type="mixed_methods",
        strength=3,
        impact="small",
        cost="unknown",
        key_findings=[
            text(
                "In the English pilots, people with individual budgets were more likely to feel in control of "
                "their daily lives than those with conventional services, especially younger disabled adults "
                "and people using mental health services. Older people reported less benefit and more worry "
                "about managing the arrangements.",
                "Scottish reviews found that where people had good conversations about what mattered to them "
                "and a genuine choice among the four options, they valued the flexibility. But many people were "
                "not told about all the options, and practice varied widely between areas.",
            ),
            key_points(
                "The conversation about outcomes matters more than the payment mechanism.",
                "Commissioning and market gaps limit real choice, especially in rural areas.",
                "Independent advocacy and support organisations help people use the options.",
            ),
        ],
        implications=[
            text(
                "The evidence points to commissioning as the lever. Contracts that pay for time slots leave "
                "little room for choice; partnerships that let providers offer flexible support, and that "
                "shape the arrangements with disabled people and their organisations from the start, are "
                "more likely to see the outcomes the Act intended.",
                "Practitioners can start with the conversation itself: explain all four options, plainly, to "
                "everyone, and record what matters to the person before any discussion of budgets.",
            ),
        ],
        limitations=paragraphs(
            "The English comparison study is now dated and ran in pilot sites. The Scottish reviews rely on "
            "case file audits and interviews rather than measured outcomes, and cannot separate the effects of "
            "self-directed support from wider pressures on social care."
        ),
    ),
    DemoEvidence(
        slug="citizens-assemblies-in-ireland",
        title="Citizens' assemblies in Ireland: randomly selected citizens deliberating hard questions",
        summary=(
            "Ireland's constitutional convention and citizens' assembly asked randomly selected citizens to "
            "deliberate on contested questions. Members weighed evidence carefully and their recommendations "
            "shaped national decisions."
        ),
        themes=("dialogue-and-deliberation", "facilitation", "evidence-use"),
        sectors=("public-sector", "academic"),
        question=(
            "Can ordinary citizens, selected at random and well supported, deliberate well on divisive public "
            "questions, and do their conclusions influence decisions?"
        ),
        countries=("ireland",),
        source_citation=(
            "Studies by academic observers of Ireland's Convention on the Constitution (2012 to 2014) and "
            "Citizens' Assembly (2016 to 2018), using member surveys, observation of sessions and interviews."
        ),
        study_type="qualitative",
        strength=2,
        impact="moderate",
        cost="high",
        key_findings=[
            text(
                "Members were selected to reflect the population by age, gender, region and social class. Over "
                "several weekends they heard from experts and advocates, discussed in small facilitated tables "
                "and voted on recommendations.",
                "Observers found that members' knowledge grew, that they changed their views in response to "
                "evidence and to each other, and that discussion stayed respectful on deeply divisive topics. "
                "Several recommendations were put to the public in referendums.",
            ),
            key_points(
                "Trained table facilitators and balanced expert input were central to the quality of debate.",
                "A clear route from recommendations to decision gave the process its authority.",
                "Random selection brought in people who would never attend a public meeting.",
            ),
        ],
        implications=[
            text(
                "Scotland has run national citizens' assemblies, and councils and partnerships increasingly use "
                "smaller citizens' panels. The Irish experience suggests investing in facilitation and balanced "
                "evidence, and agreeing before the process starts how decision-makers will respond.",
            ),
        ],
        limitations=paragraphs(
            "Studies describe a small number of national processes in one country. Influence on decisions is hard "
            "to separate from wider political change, and local, shorter panels may not show the same effects."
        ),
    ),
]
