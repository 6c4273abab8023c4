"""The glossary the platform starts with: Scottish public-service abbreviations and their synonyms.

Editors extend it in /admin/ (Snippets > Glossary). Search treats each entry's names as
interchangeable, and pages explain the abbreviations where they appear.
"""

GLOSSARY = [
    (
        "CAR",
        "collaborative action research",
        "",
        "Practitioners and researchers investigating a shared problem together, in cycles of planning, acting, "
        "observing and reflecting.",
    ),
    (
        "SDS",
        "self-directed support",
        "",
        "Social care in which the person chooses how their support is arranged and who provides it, under the "
        "Social Care (Self-directed Support) (Scotland) Act 2013.",
    ),
    (
        "PB",
        "participatory budgeting",
        "community choices",
        "Residents deciding directly how part of a public budget is spent.",
    ),
    (
        "CPP",
        "community planning partnership",
        "",
        "The partnership of a council, NHS board, police, fire, enterprise bodies and the third sector that plans "
        "services together for a council area.",
    ),
    (
        "HSCP",
        "health and social care partnership",
        "",
        "The joint body through which a council and NHS board deliver integrated health and social care.",
    ),
    (
        "IJB",
        "integration joint board",
        "",
        "The board that plans and directs integrated health and social care in a council area.",
    ),
    (
        "LOIP",
        "local outcomes improvement plan",
        "",
        "A community planning partnership's plan of the outcomes it will improve, required by the Community "
        "Empowerment (Scotland) Act 2015.",
    ),
    (
        "CLD",
        "community learning and development",
        "",
        "Learning and development work with communities, from youth work to adult learning and capacity building.",
    ),
    (
        "third sector",
        "voluntary sector",
        "charities\nnot-for-profit sector",
        "Voluntary organisations, charities and social enterprises.",
    ),
    (
        "CLAP",
        "community-led action planning",
        "",
        "A community agreeing its own priorities and plan, and the actions it and public bodies will take.",
    ),
    ("NHS", "National Health Service", "", "Scotland's publicly funded health service, run by 14 regional boards."),
]

# Everyday phrases for the entries above, one string per entry (one phrase per line, as editors type
# them in the admin). Written from the content and the field's own usage: what a practitioner who
# does not know the term of art would type. Search finds the term's pages for them, ranked lower.
RELATED = {
    "CAR": "action research\npractitioner inquiry\ninquiry group\nresearching our own practice\nlearning together",
    "SDS": "personal budget\ndirect payments\nchoice and control\nchoosing your own support\nindividual budget",
    "PB": "a say over money\nsay in spending\ndecide how money is spent\nresidents voting on spending\n"
    "community grants\ncitizens budget",
    "CPP": "community planning",
    "HSCP": "integrated care\nhealth and social care integration\njoined up care",
    "IJB": "integration authority",
    "LOIP": "locality plan\nlocal outcomes",
    "CLD": "youth work\nadult learning\ncapacity building\ncommunity development",
    "third sector": "charity\nvoluntary organisation\nsocial enterprise\nvolunteers",
    "CLAP": "community plan\nlocal priorities\ncommunity action plan",
    "NHS": "health board\nhealth service",
}

# Concepts that are not abbreviations but that people name in many ways, and abbreviations whose
# subjects the content covers: (term, expansion, synonyms, description, related).
MORE_TERMS = [
    (
        "TSI",
        "third sector interface",
        "",
        "The body in each council area that supports voluntary organisations, volunteering and social enterprise, "
        "and speaks for the third sector in community planning.",
        "",
    ),
    (
        "RCT",
        "randomised controlled trial",
        "randomized controlled trial",
        "A study that assigns people at random to a service or to a comparison group, to see what difference it makes.",
        "control group\nexperiment",
    ),
    (
        "ASB",
        "anti-social behaviour",
        "antisocial behaviour",
        "Behaviour that causes harassment, alarm or distress to people nearby, from noise to vandalism.",
        "nuisance\nvandalism",
    ),
    (
        "GP",
        "general practitioner",
        "family doctor",
        "A doctor in a local practice, usually the first point of contact with the NHS.",
        "doctor\ngp surgery\nprimary care",
    ),
    (
        "SIMD",
        "Scottish Index of Multiple Deprivation",
        "",
        "The Scottish Government's ranking of small areas by income, employment, health, education, access, crime "
        "and housing.",
        "deprivation\ndeprived areas\npoverty",
    ),
    (
        "ADP",
        "alcohol and drug partnership",
        "",
        "The partnership in each council area that plans services to prevent and reduce harm from alcohol and drugs.",
        "substance use\naddiction\ndrugs and alcohol",
    ),
    (
        "LA",
        "local authority",
        "council",
        "One of Scotland's 32 councils.",
        "",
    ),
    (
        "PSR",
        "public service reform",
        "",
        "Changing how public services are designed and delivered: prevention, partnership, participation and "
        "performance, as the Christie Commission set out in 2011.",
        "reforming public services\nChristie Commission",
    ),
    # Concepts: the term and its expansion name the same thing; related phrases are what people also say.
    (
        "workforce development",
        "developing the workforce",
        "",
        "Building the skills, confidence and capacity of staff and volunteers.",
        "staff development\nlearning and development\nstaff training\nbuilding skills\nupskilling staff\n"
        "professional development\ncapacity building",
    ),
    (
        "frontline voice",
        "voice of frontline staff",
        "",
        "The knowledge and views of the people who deliver services day to day.",
        "staff on the ground\nworkers who deliver services\nlistening to staff\nstaff speaking up\nhearing from staff",
    ),
    (
        "peer learning",
        "learning from peers",
        "",
        "Practitioners learning from each other's experience.",
        "community of practice\npeer support\nlearning from each other\nsharing practice\nlearning network\n"
        "learning from colleagues",
    ),
    (
        "tackling inequalities",
        "reducing inequalities",
        "",
        "Narrowing the gaps in health, income and opportunity between groups and places.",
        "inequality\nhealth inequalities\ndisadvantaged communities\nclosing the gap\nfairness\nsocial justice",
    ),
    (
        "rural and island communities",
        "rural communities",
        "",
        "Communities far from towns and services, on the mainland and the islands.",
        "island communities\nremote communities\nislands\nremote areas\nsparsely populated\ncountryside",
    ),
    (
        "partnership working",
        "working in partnership",
        "",
        "Agencies and sectors planning, deciding and acting together.",
        "joint working\ncollaboration\nagencies working together\nworking across organisations\nmulti-agency working",
    ),
    (
        "dialogue and deliberation",
        "deliberative dialogue",
        "",
        "Structured conversation in which people weigh evidence and views before deciding.",
        "structured conversation\ntalking it through together\nweighing options together\npublic conversation",
    ),
    (
        "staff turnover",
        "workforce turnover",
        "",
        "How many staff leave, and what keeps people in their jobs.",
        "staff retention\nrecruitment and retention\nstaff leaving\npeople leaving their jobs\nkeeping staff\n"
        "workforce shortage\nburnout\nvacancies",
    ),
    (
        "co-production",
        "coproduction",
        "co production",
        "Designing and delivering services with the people who use them, sharing power and responsibility.",
        "working with people who use services\ndesigning services with users\nlived experience\n"
        "user involvement\nservice user involvement",
    ),
    (
        "homelessness",
        "people without a home",
        "",
        "People with no settled home, from rough sleeping to temporary accommodation.",
        "rough sleeping\nsleeping rough\nrough sleepers\ntemporary accommodation\nhousing first",
    ),
    (
        "conflict",
        "conflict between partners",
        "",
        "Disagreement between organisations or people working together, and how it is worked through.",
        "disagreement\ndispute\ntension between partners\nfalling out\nmediation",
    ),
    (
        "evaluation",
        "impact evaluation",
        "",
        "Finding out what difference a piece of work made, for whom and why.",
        "measuring impact\nwhat difference it made\nmeasuring outcomes\nassessing outcomes\nproving it works",
    ),
    (
        "prevention",
        "preventative approaches",
        "",
        "Acting early, before problems grow, so that fewer people need crisis services.",
        "early intervention\nupstream\npreventative spend\nstopping problems before they start",
    ),
    (
        "reablement",
        "short-term support at home",
        "",
        "A few weeks of support at home to help a person regain skills and independence.",
        "regaining independence\nrehabilitation at home\nhome care",
    ),
    (
        "hospital discharge",
        "coming home from hospital",
        "leaving hospital",
        "The move from hospital back home, and the services that make it safe.",
        "delayed discharge\nbed blocking",
    ),
    (
        "community policing",
        "community-oriented policing",
        "neighbourhood policing",
        "Policing that works with residents on local problems and builds trust.",
        "community safety\npolice and community trust\nlocal policing",
    ),
    (
        "mini-publics",
        "deliberative mini-publics",
        "",
        "Randomly selected citizens who learn, deliberate and recommend on a public question.",
        "citizens' assembly\ncitizens' panel\ncitizens' jury\ndeliberative democracy\nrandomly selected citizens",
    ),
    (
        "facilitation",
        "group facilitation",
        "facilitator",
        "Helping a group talk and decide well, so that every voice is heard.",
        "running a meeting\nchairing a meeting\nsafe space\nstructured dialogue\nevery voice heard",
    ),
    (
        "evidence use",
        "using evidence",
        "",
        "Finding, weighing and applying research, data and practitioners' and communities' experience.",
        "evidence-based practice\nwhat works\nresearch evidence\nusing data",
    ),
    (
        "local area coordination",
        "local area coordinator",
        "",
        "A person rooted in a neighbourhood who helps people build a good life locally.",
        "community connector\nlink worker\nsocial prescribing",
    ),
    (
        "mental health",
        "mental wellbeing",
        "",
        "People's emotional and psychological wellbeing, and the services and support around it.",
        "wellbeing\nemotional support\nmental distress\nmental health crisis",
    ),
    (
        "loneliness",
        "social isolation",
        "",
        "Being cut off from others, by circumstance or place.",
        "isolated\nlonely\ncut off",
    ),
]

# More everyday phrases for the entries above (issue 11): how practitioners describe each thing in
# plain words, written from the content and the field's own writing. Added to what editors have,
# never replacing it (migration 0011 appends the phrases an entry lacks).
MORE_RELATED = {
    "CAR": "research with practitioners\npractitioners doing research\nresearch group\nplan act observe reflect\n"
    "learning by doing\naction learning",
    "SDS": "personal assistant\nchoosing my own carers\ncontrol over my care\narranging my own care\ncare package\n"
    "choice in social care",
    "PB": "public vote on spending\nresidents decide the budget\ncommunity decides spending\nvoting on local projects\n"
    "giving communities a budget\nspending decisions\npeople choosing projects",
    "CPP": "community planning board\nlocal partnership board\npublic bodies planning together\n"
    "partners planning services together",
    "HSCP": "integration of health and social care\njoined up health and care\nhealth and care working together\n"
    "council and nhs care services",
    "IJB": "integration board",
    "LOIP": "local outcomes plan\narea plan\nlocality planning\nlocality plans",
    "CLD": "community education\nadult education\nyouth services\ncommunity learning",
    "third sector": "voluntary groups\ncommunity groups\ncharitable organisations\nnonprofits",
    "CLAP": "community led plan\nresidents writing their own plan\ncommunity priorities\nvillage plan\n"
    "neighbourhood plan",
    "NHS": "nhs board\nhealth services",
    "TSI": "support for charities\nsupport for voluntary organisations\nvolunteer centre",
    "RCT": "random allocation\ncomparison group",
    "ASB": "noise complaints\nyouth disorder",
    "GP": "doctors surgery\ngeneral practice",
    "SIMD": "poorest areas\npoorer neighbourhoods\nlow income areas\ndeprived communities\ndisadvantaged areas",
    "ADP": "drug use\nalcohol problems\ndrug deaths\nrecovery from addiction",
    "LA": "councils\nlocal government\nthe council",
    "PSR": "changing public services\nredesigning public services",
    "workforce development": "staff skills\nskills development\nlearning on the job\ncoaching and mentoring\n"
    "analytical skills\ndata skills\nstaff confidence",
    "frontline voice": "staff who do the work\npeople doing the job\n"
    "practitioners knowledge\nstaff views\ninvolving staff\nstaff input\nworkers experience",
    "peer learning": "learning from others\nsharing experience\npeer network\npractitioner network\npeer exchange\n"
    "action learning sets\nswapping ideas with colleagues",
    "tackling inequalities": "poverty\npoorer people\ndeprivation\ndisadvantage\nlow income\nhealth gap\n"
    "fairer outcomes",
    "rural and island communities": "highlands and islands\nsmall communities\nvillages\nlong distances\nrural areas\n"
    "rural services\nremote glen",
    "partnership working": "cross sector working\ncollaborative working\njoint planning\njoined up working\n"
    "working with other organisations\npartner organisations\nworking across agencies",
    "dialogue and deliberation": "public discussion\ncommunity conversation\ndeliberation\ntalking together\n"
    "discussing options\npublic debate\ngood conversations",
    "staff turnover": "staff quitting\nlosing staff\nretaining staff\nholding on to staff\nstretched staff\n"
    "staff workload\nstaff shortages\nburnt out\nmissing sessions\nstaff changes",
    "co-production": "co-design\ncodesign\ndesigning with communities\nuser voice\ninvolving service users\n"
    "people with lived experience\nshared decision making\nsharing power\nservices with the people who use them",
    "homelessness": "sleeping on the streets\nliving on the streets\nno fixed abode\nsofa surfing\nhomeless\n"
    "people without housing\nhostels\nsettled home",
    "conflict": "disagreements\narguments\nconflict resolution\nresolving disputes\nfriction\n"
    "strained relationships\npartners disagreeing",
    "evaluation": "measuring success\ndid it work\nassessing impact\nmonitoring\noutcome measures\n"
    "theory of change\nevaluating",
    "prevention": "preventing\nearly help\nearly action\nbefore crisis\navoiding crisis\n"
    "stopping things getting worse\nupstream work\npreventative",
    "reablement": "back on their feet\nregaining skills\nindependence at home\nstaying independent\n"
    "short term care at home\nrecovery at home\nliving independently",
    "hospital discharge": "getting home from hospital\ngoing home from hospital\ndischarge planning\n"
    "waiting to leave hospital\nafter hospital",
    "community policing": "police working with communities\nneighbourhood officers\nlocal police\npolicing\n"
    "public trust",
    "mini-publics": "randomly chosen residents\npeople picked at random\n"
    "selected by lottery\nsortition\ndeliberative panel",
    "facilitation": "facilitating\nleading a discussion\nhosting a workshop\nrunning a workshop\n"
    "running a session\ngroup discussion",
    "evidence use": "evidence into practice\nresearch into practice\napplying research\nresearch findings\n"
    "research studies\ndata and evidence",
    "local area coordination": "community navigator\nconnecting people to local support\nlocal coordinator\n"
    "neighbourhood support",
    "mental health": "mental ill health\nemotional wellbeing\npsychological distress\ncrisis support\nanxiety\n"
    "depression\nmental health services\npsychosis",
    "loneliness": "isolation\nlonely people\nsocial contact\nfeeling alone\nbefriending",
}

# Further things the content covers that people name in many ways: (term, expansion, synonyms,
# description, related), as in MORE_TERMS.
NEWER_TERMS = [
    (
        "evidence",
        "research evidence",
        "",
        "What research, data, and practitioners' and communities' experience show about a question.",
        "research\nstudies\nresearch findings",
    ),
    (
        "community safety",
        "safer communities",
        "",
        "People being and feeling safe where they live: crime, harm and antisocial behaviour, and how services "
        "and residents tackle them together.",
        "crime\nfeeling safe\nsafer neighbourhoods\ncommunity safety partnership\nreducing crime\nsafe streets",
    ),
    (
        "international evidence",
        "evidence from other countries",
        "evidence from abroad",
        "Studies and practice from outside Scotland, and how to judge whether they would work here.",
        "other countries\nabroad\noverseas\nlearning from other countries\nstudies from elsewhere\n"
        "would it work here\ntransferability",
    ),
    (
        "local data",
        "using local data",
        "",
        "Figures about a place, such as locality and ward profiles, and the skills to read and use them with "
        "partners and residents.",
        "data analysis\nward profile\nstatistics\nmaking sense of data\nlocal figures\ndata literacy",
    ),
    (
        "older people",
        "older adults",
        "elderly people",
        "People in later life, and the care and support that keeps them well at home and in their communities.",
        "elderly\npensioners\nlater life\nolder person\nfrail",
    ),
    (
        "care at home",
        "home care",
        "homecare",
        "Support and care for people in their own homes, from home carers to nursing.",
        "care workers\nhome carers\ncare in the community\nsupport at home\ndistrict nursing",
    ),
    (
        "commissioning",
        "commissioning services",
        "",
        "How public bodies decide which services to fund and who provides them.",
        "buying services\nprocurement\ncontracting\nservice contracts\nfunding decisions",
    ),
    (
        "volunteering",
        "volunteers",
        "",
        "People giving their time unpaid, and the organisations that support them.",
        "volunteer\ngiving time\nunpaid help",
    ),
    (
        "protected time",
        "protected time for staff",
        "",
        "Time set aside and covered, so that staff can take part in learning, planning or research alongside "
        "their everyday work.",
        "freeing up time\nreleasing staff\nbackfill\ntime off the rota\nno time\nstaff capacity\nfinding the time",
    ),
    (
        "community engagement",
        "engaging communities",
        "public engagement",
        "Involving residents and the public in decisions that affect them, from consultation to shared "
        "decision-making.",
        "consultation\nconsulting residents\ninvolving the public\npublic involvement\nparticipation\nhaving a say\n"
        "community involvement",
    ),
]

# The everyday vocabulary of the field, a third pass (issue 11): for every theme and every subject a
# page covers, the ways a council officer, nurse, police officer or volunteer who does not use the
# term of art says it, verbs and nouns alike. Written from the content, the themes' descriptions and
# the field's own writing. Appended to what an entry has, never replacing what editors wrote.
EVERYDAY_RELATED = {
    "CAR": "practitioner research\ninvestigating a problem together\nresearchers and practitioners together\n"
    "cycles of inquiry\nreflective practice\nparticipatory research\nco-inquiry\nstudying our own work",
    "SDS": "choosing your own care\npeople choosing their support\ncontrol over their support\n"
    "managing their own budget\nown budget\npersonalisation\nperson-centred support\ntailored support\n"
    "what matters to the person\noutcome-focused support\nsay over their care\noutcome-focused conversations\n"
    "good conversations before budgets",
    "PB": "community budgeting\nresidents voting\nlocal people deciding spending\n"
    "voting on how money is spent\ngrants decided by residents\ncommunity vote\nresidents deciding budgets\n"
    "people deciding how money is spent\ncouncil money\nmainstream budgets\nexplaining budgets\n"
    "plain language budgets\nshare of the council budget\npublic investment",
    "CPP": "planning with communities\narea partnership\nward partnership\nlocal partnership\n"
    "public bodies and communities together",
    "HSCP": "health and care joined up\nnhs and council working together\nintegrated teams\n"
    "care joined up around the person\none team around the person\nintegrated services",
    "LOIP": "local outcomes\nlocality planning partnership\npartnership plan",
    "CLD": "community work\ncommunity development worker\nyouth workers",
    "third sector": "voluntary sector organisations\ncharities and community groups\nsocial enterprises",
    "CLAP": "residents' plan\ncommunity's own plan\nplan written by residents\n"
    "local people setting priorities\ncommunity-led\nlocal action plan\nhousehold survey\ncommunity survey\n"
    "affordable homes for local families",
    "workforce development": "training staff\ndeveloping staff\nstaff learning\ngrowing skills\n"
    "career development\ninduction\nsupervision\nbuilding confidence\nskills for the job\ninvesting in staff\n"
    "leadership development",
    "frontline voice": "people on the ground\nhearing staff\nwhat staff know\nstaff knowledge\nstaff feedback\n"
    "bottom up\ngiving staff a voice\nstaff being heard\nideas from staff\nlistening to workers\n"
    "workers being heard",
    "peer learning": "sharing learning\nnetwork of practitioners\ncommunities of practice\nskills swap\n"
    "reading circle\nlearning sets\nlearning from other areas\nlearning from other organisations",
    "tackling inequalities": "poorer areas\nfair share\nseldom heard\nhard to reach\nequity\nclosing gaps\n"
    "poorer districts\ndisadvantaged groups\nleast heard\nwho benefits",
    "rural and island communities": "remote\nisland\nfar from services\nscattered communities\nwestern isles\nrural",
    "partnership working": "working between agencies\ninter-agency working\njoined up services\n"
    "working together across services\nshared goals\npooling resources\njoint teams\n"
    "partners working together\ncross-agency\nintegrated working\ncollaboration between services\n"
    "agencies cooperating\nmulti-agency",
    "dialogue and deliberation": "weighing evidence together\ndeliberating\ncareful discussion\n"
    "public deliberation\ninformed debate\nreaching a judgement\nweighing up options",
    "co-production": "working alongside service users\ndesigning services together\ndoing with not to\n"
    "service users as partners\nshared ownership\nequal partners\npeople who use services\n"
    "experts by experience\nuser-led\nrunning services together\ndesigned and run together\npeer workers",
    "homelessness": "losing a home\nlosing their home\nnowhere to live\neviction\nhomeless people\n"
    "housing and homelessness\nkeeping a home",
    "conflict": "fall out\nfalling out with partners\nstalemate\ncompeting agendas\nmediating\nmediator\n"
    "resolving disagreement\nworking through disagreement\nclash",
    "evaluation": "checking if it worked\nis it working\nmeasuring results\nshowing the difference\n"
    "demonstrating impact\noutcomes not outputs\nassessing effectiveness\nreviewing a project\n"
    "finding out what worked\nmeasuring what matters\nlogic model\nproportionate evaluation\nimpact",
    "prevention": "acting early\nintervening early\nstopping problems getting worse\nkeeping people well\n"
    "early support\npreventing harm\nshifting to prevention\nstopping it happening again\nprevent",
    "reablement": "getting back on their feet\nregain independence\nrehabilitation\nafter a fall\n"
    "after illness\nneeding less care\nrelearning daily tasks",
    "hospital discharge": "getting out of hospital\nhome from hospital\nstuck in hospital\nreturn home\n"
    "returning home\nback home from hospital\nvideo huddle\nplanning a return home\nward and community staff",
    "community policing": "relationships with police\npolice visibility\nbeat officers\nofficers on the beat\n"
    "police and residents\npolice getting to know residents\ncommunity officers\nconfidence in the police",
    "mini-publics": "citizens assembly\ncitizens panel\ncitizens jury\nrandomly selected residents\n"
    "residents chosen at random\nrandom selection\nordinary citizens deciding\nconstitutional convention",
    "facilitation": "chairing\nholding a conversation\nmaking sure everyone is heard\neveryone gets a say\n"
    "ground rules\nhosting a meeting\nleading a workshop\nsafe conversation\ndifficult conversations\n"
    "run a meeting\noutside facilitator\nneutral facilitator\nindependent facilitator",
    "evidence use": "what the research says\nusing research\nresearch use\nevidence informed\n"
    "reading research\nweighing up evidence\nhow strong is the evidence\njudging evidence\n"
    "quality of evidence\nevidence review",
    "local area coordination": "named person\nnavigator\nbuilding on strengths\nstrengths-based\n"
    "help to find support\nsomeone to help people find support\nbefore services\ngood life",
    "mental health": "drop-in\nout of hours support\nevening support\nsomewhere to turn\nsomeone to talk to\n"
    "people in distress\npeople with experience of mental distress\npeer-run",
    "loneliness": "befriending group\nbefriender\nnobody to talk to",
    "international evidence": "another country\nother countries' experience\nanother country's experience\n"
    "applies here\ncopying from abroad\nfrom elsewhere",
    "local data": "locality profile\narea profile\nneighbourhood statistics\ndata conversation\nreading data\n"
    "interpreting data\nusing figures",
    "older people": "elderly residents\nolder residents\nolder islanders\nold age",
    "care at home": "home care workers\ncarers at home\ncare package at home\nsupport in their own home",
    "commissioning": "commissioners\nbuying care\ncontracts with providers\nfunding services\nproviders",
    "volunteering": "volunteer-led\ncommunity volunteers\nvolunteer groups",
    "protected time": "time to attend\ncover for staff\nreleasing time\nprotected sessions\nworth the time",
    "community engagement": "getting residents involved\ninvolving residents\nasking residents\n"
    "community voice\nengaging residents\nresidents' views\nlocal voices\npublic meetings\n"
    "community conversations\nconsulting the public",
    "community safety": "anti-social behaviour\nsafe neighbourhoods\ncrime prevention\nresidents feeling safe\n"
    "safety problems\nfire and rescue",
}

# Subjects the pages cover that had no entry: (term, expansion, synonyms, description, related).
EVERYDAY_TERMS = [
    (
        "housing first",
        "housing-led approach",
        "",
        "Offering people with long experience of homelessness an ordinary, settled home straight away, with "
        "open-ended flexible support, instead of requiring them to become housing ready first.",
        "home first\nhousing without conditions\nno preconditions\nunconditional housing\nordinary tenancy\n"
        "tenancy straight away\nhome straight away\nhousing ready\nsettled home first\nkeeping people housed\n"
        "tenancy sustainment\nrevolving door\ncycle of homelessness\nmoving between hostels",
    ),
    (
        "open dialogue",
        "network meetings",
        "",
        "Responding to a mental health crisis within a day by meeting the person together with their family, "
        "friends and professionals, and continuing to meet as one network.",
        "family and professionals together\nmeeting with the family\ncrisis within a day\n"
        "responding to a crisis quickly\nmeeting the person with their network\nfamily meetings",
    ),
    (
        "self-managing teams",
        "self-organising teams",
        "Buurtzorg\nself-organizing teams",
        "Small teams of nurses or care staff who organise their own work with little management, such as the "
        "Dutch Buurtzorg model of neighbourhood nursing.",
        "teams without managers\nnurse-led teams\nautonomous teams\nneighbourhood care\ncommunity nursing\n"
        "district nurses\nless management\nstaff running their own teams",
    ),
    (
        "day services",
        "day centres",
        "day care",
        "Daytime places and activities for older and disabled people, and the choices councils face about them.",
        "day centre\nday opportunities\nclosing a day centre\nservice closure\nclosing services\nservice changes",
    ),
    (
        "community empowerment",
        "empowering communities",
        "",
        "Communities gaining real power over decisions, budgets, land and services, as the Community "
        "Empowerment (Scotland) Act 2015 intends.",
        "sharing power with communities\nhanding decisions to communities\ngiving communities control\n"
        "community control\npower to communities\ndevolving decisions\nreal decisions\nhand over power\n"
        "local people deciding\ncommunity ownership",
    ),
    (
        "power dynamics",
        "power imbalance",
        "",
        "Differences of rank, role and status that decide who speaks and who is heard when people meet, and how "
        "a process can even them out.",
        "hierarchy\nrank\ndifferent ranks\nsenior managers in the room\nspeaking in front of managers\n"
        "unequal power\nwho gets heard\npeople of different roles\nstatus",
    ),
    (
        "research partnership",
        "university partnership",
        "",
        "Practitioners and university researchers working together over time on evaluation, evidence or inquiry.",
        "working with a university\nacademic partners\nresearchers and practitioners\nembedded researchers\n"
        "university researchers",
    ),
    (
        "young people",
        "youth",
        "",
        "Children and young people, and the youth work and services around them.",
        "teenagers\nchildren and young people\nyouth services\nyoung people's services\nyouth work",
    ),
]

# Short everyday phrasings, verbs above all, for the entries above (issue 11): how people say what they
# do ("choose their own care", "agencies work together") rather than name it. Short phrases match more
# of what people type, since a phrase's words may stand a few words apart in a query. Appended like
# EVERYDAY_RELATED (migration 0013).
VERB_RELATED = {
    "CAR": "researching together\ninvestigate together\ninquire together\ntesting ideas in practice\n"
    "try something and reflect",
    "SDS": "choose their own care\nchoose their support\ndecide their own support\ncontrol of their care\n"
    "own carers\ndisabled people choosing",
    "PB": "residents decide\npeople vote\nvote on spending\ndecide spending\nspend the budget\ncommunities decide\n"
    "share of the budget",
    "CPP": "plan with partners\nplan services together",
    "HSCP": "health and social care working together\nnhs and council\nintegrated health and care",
    "CLAP": "plan for their area\nplan for the village\nresidents plan\ncommunity decides priorities",
    "workforce development": "train staff\ndevelop staff\nlearning and development for staff\nbuild capacity\n"
    "grow confidence",
    "frontline voice": "listen to staff\nhear staff\nstaff are heard\nstaff speak up\nstaff ideas\nask staff\n"
    "involve staff",
    "peer learning": "learn from each other\nlearn from peers\nshare practice\nswap ideas\nlearn from colleagues\n"
    "compare notes",
    "tackling inequalities": "poorest communities\npoorer communities\nleast well off\nhardest hit\n"
    "gap between rich and poor",
    "rural and island communities": "remote places\nisland life\nrural life\nlong journeys\ntravel distances",
    "partnership working": "work together\nworking together\nagencies work together\npartners work together\n"
    "join up services\ncollaborate",
    "dialogue and deliberation": "talk it through\nweigh up\ndeliberate\ndiscuss and decide",
    "co-production": "design with\ndesign together\ndesigned with users\nwork alongside\nwith service users\n"
    "involve service users\ninvolve people who use services\npeople who use the service",
    "homelessness": "lose their home\nno home\nwithout a home\nhomeless again\nstay housed\nkeep their tenancy",
    "conflict": "disagree\npartners disagree\ntension\nfallen out\nnot getting on",
    "evaluation": "measure impact\nmeasure outcomes\nshow impact\nprove impact\ntrack outcomes\n"
    "did it make a difference\nmaking a difference\nwhat changed",
    "prevention": "stop problems\nprevent problems\nact early\nbefore it gets worse\navoid crisis\n"
    "keep people out of crisis",
    "reablement": "get back on their feet\nback to independence\nrelearn skills\nmanage at home again",
    "hospital discharge": "leave hospital\ndischarged from hospital\nout of hospital\ndelays leaving hospital",
    "community policing": "police and communities\npolice in the community\nknow their local officers\n"
    "local officers\nvisible policing\ntrust the police",
    "mini-publics": "chosen at random\npicked at random\nrandom sample of residents\nordinary people deciding\n"
    "jury of residents",
    "facilitation": "run a discussion\nlead a discussion\nchair a meeting\nhost a conversation\neveryone speaks\n"
    "everyone heard\nhierarchy\ndifferent ranks\nsenior managers in the room\nspeaking in front of managers\n"
    "unequal power\nwho gets heard\npeople of different roles",
    "evidence use": "use research\nuse evidence\nfind research\nread research\nresearch says\nweigh evidence\n"
    "judge evidence",
    "local area coordination": "help people find support\nconnect people\nlink people to support",
    "mental health": "emotional support\nwellbeing support\npeople in crisis",
    "loneliness": "on their own\nno one to talk to",
    "international evidence": "overseas evidence\ndifferent country\nstudies from abroad",
    "local data": "use data\nread data\nmake sense of data\nlocal statistics\ndata about the area",
    "care at home": "care workers\nhome carers",
    "commissioning": "buy services\nfund services\nwho provides",
    "protected time": "free up time\ntime to take part\nrelease staff\ncover their shifts",
    "community engagement": "involve residents\ninvolve the community\nask residents\nconsult residents\n"
    "hear residents\nresidents have a say",
    "community safety": "feel safe\nsafer streets\nreduce crime",
    "staff turnover": "staff leave\npeople leave their jobs\nkeep staff\nhold on to staff\nlose staff",
    "housing first": "house people first\nin and out of prison\nhostels and prison\nkeep their tenancy\nstay housed",
    "open dialogue": "whole family\nfamily network\nmeet within a day",
    "self-managing teams": "organise their own work\nteams manage themselves\nwithout managers",
    "community empowerment": "hand decisions\nhand power\ngive communities power\nreal power\npower to local people",
}
# A fourth pass (issue 11), from what the pages and threads describe, in the plain words of someone
# who has not read them: the everyday nouns for the things each subject involves (the cash, the flat,
# the ward profile), what people do in it, and the people who do it. Appended like EVERYDAY_RELATED
# (migration 0014).
PLAIN_RELATED = {
    "CAR": "inquiry cycles\nacademics and practitioners\nacademics and staff\nuniversity and practitioners\n"
    "look into a problem together\nstudy our own practice\nresearch our own work\nsmall changes to try",
    "SDS": "direct payment\nindividual service fund\npersonal assistants\nemploying a personal assistant\n"
    "money for care\nbudget for their care\npaying for their own support\nbuying their own support\n"
    "disabled people's own budget\nmanaging the money\nfour options\narranging support themselves",
    "PB": "cash\npublic money\ncouncil cash\nfunding decided by residents\nchoosing projects\n"
    "projects voted on\nideas put to a vote\nvoting event\nsmall grants\nvote on ideas\n"
    "residents choose projects\ndeciding what gets funded\nturnout",
    "HSCP": "nurses and social workers\nhealth and social care staff\n"
    "one plan per person\nshared assessment\ntrusted assessment\none assessment",
    "CLAP": "village\nglen\nhousehold survey\nwhat the community needs\ntransport and housing\n"
    "community trust\ndevelopment trust",
    "workforce development": "upskilling\nteaching staff\nstaff training\ncoaching\nmentoring\n"
    "new starts\nnew staff\nlearning the job",
    "frontline voice": "staff on the ground\nfrontline workers\nfrontline officers\nwhat frontline staff see\n"
    "asking the people who do the job\nstaff who know best",
    "peer learning": "learning network\npractitioners network\nbuddy\nsomeone to ask\n"
    "learn from people in the same job\nshare what works",
    "tackling inequalities": "deprived areas\nmost deprived\nfairness\nunfair\nnever attend meetings\n"
    "reaching everyone\noutreach",
    "rural and island communities": "islanders\nferry\nhighland\ncountryside\nremote areas\nsmall villages",
    "partnership working": "multi-agency meetings\nshared case meeting\nsame households\n"
    "one plan instead of three\nservices talking to each other\nduplication",
    "dialogue and deliberation": "weigh the options\nreach a view\nrecommendations\ncareful conversation",
    "co-production": "people who use services running them\nusers and staff as equals\nequal vote\n"
    "design group\nlived experience members\npeer support workers\nservice users help run",
    "homelessness": "evictions\nrough sleeping\nsleeping rough\ntemporary accommodation\n"
    "rent arrears\nhostel\nrepeat homelessness",
    "conflict": "falling out\nturf wars\ndisputes between agencies",
    "evaluation": "evaluate\nlow cost evaluation\nproportionate\nbefore and after\nevaluator\nreport on outcomes",
    "prevention": "early intervention\nupstream\nstop it happening\nkeep people out of crisis",
    "reablement": "relearning skills\nmanaging again\ndo things for themselves\n"
    "short-term support at home\nafter illness or a fall\nneed less care",
    "hospital discharge": "delayed discharge\nbed blocking\nfit to leave\ncoming home",
    "community policing": "officers on the beat\nbeat cops\ncops\nconstables\nsame officers\n"
    "stable postings\nofficers who stay\nknow officers by name\nresidents' trust",
    "mini-publics": "lottery\nrandom selection of residents\nordinary residents chosen\n"
    "panel of residents\ncitizens' jury",
    "facilitation": "facilitator\nfacilitators\nrun the room\nkeep the discussion fair\nquieter voices",
    "evidence use": "studies\nresearch from elsewhere\nwhat the studies say\nevidence base\nreading circle",
    "local area coordination": "coordinators\nlocal coordinators\nlink worker\ncommunity connector\n"
    "good life\nbefore services are needed",
    "mental health": "mental illness\nmental distress\nin distress\nout of hours\nevenings\n"
    "emergency department\nnowhere to go\nwellbeing drop-in\npeer support",
    "loneliness": "isolated\nlonely\nbefrienders\nsomeone to visit",
    "international evidence": "abroad\noverseas\nother countries\nwould never work here",
    "local data": "figures\nstatistics\nward profile\nlocal figures\nanalyst\nanalysts\n"
    "data analysis\nspreadsheets\nincident figures\nproblem profile",
    "older people": "older islanders\npensioners\nelderly\nlater life",
    "care at home": "home care\nhome carers\ncarers visiting\ncare visits",
    "commissioning": "contracts\nproviders\nprocurement\ncommissioners",
    "volunteering": "volunteers\nvolunteer drivers\ndriving scheme",
    "protected time": "shift cover\ntime off the rota\nfreeing up time\ndiary dates\nhard to find the time",
    "community engagement": "public meetings\nstreet stalls\noutreach\nreaching people\nturnout",
    "community safety": "feeling unsafe\nunsafe\nyouth disorder\nnuisance\nwalkabouts\ncalls to the police\n"
    "repeat calls",
    "staff turnover": "people moving on\nhigh turnover\nposts empty\nrecruitment",
    "housing first": "a home of their own\nown front door\nown tenancy\nflat of their own\nno conditions\n"
    "sobriety\naddiction\ndrink and drugs\nsupport worker\nsmall caseloads\nlandlords\n"
    "evictions\ntenancy",
    "open dialogue": "crisis meetings\nwhole family together\nwithin a day",
    "self-managing teams": "nurses in charge\nsmall teams\nno managers\nflat structure",
    "day services": "day centres closing\nclosing a centre\nvillage halls\nactivities for older people",
    "community empowerment": "residents in charge\nhanding over decisions\ndecisions to residents",
    "power dynamics": "rank\nseniority\nbosses\nin front of the boss\nequal say",
    "research partnership": "academics\nuniversity\nresearchers",
    "young people": "teenagers\nyouth club\nunder twenty-five",
}

# Abbreviations the pages' subjects are known by that had no entry: (term, expansion, synonyms,
# description, related), as in MORE_TERMS (migration 0014).
PLAIN_TERMS = [
    (
        "DPO",
        "disabled people's organisation",
        "disabled people's organisations\ndisabled people's led organisation",
        "An organisation run and controlled by disabled people, such as an independent living network.",
        "independent living network\naccess panel\ndisabled people leading",
    ),
    (
        "ISF",
        "individual service fund",
        "individual service funds",
        "Money for a person's support held by a provider they choose and directed by them, one of the options "
        "of self-directed support.",
        "flexible support from a provider",
    ),
    (
        "CMHT",
        "community mental health team",
        "",
        "The NHS and council team of nurses, psychiatrists, social workers and others who support adults with "
        "mental health problems in their community.",
        "mental health nurses\nmental health staff",
    ),
    (
        "RSL",
        "registered social landlord",
        "social landlord\nhousing association",
        "A housing association or co-operative that lets homes at affordable rents.",
        "housing officers\nsocial housing",
    ),
]


# Names the content itself uses for an entry made in migration 0012, so that its everyday phrases lead to
# the pages: community empowerment is what the pages call sharing power with communities.
RENAMED = {"community empowerment": "sharing power with communities\nsharing power\nempowering communities"}


# --- Seeding, for the data migrations that add this vocabulary ------------------------------------
def append_related(GlossaryTerm, vocabulary):
    """Add each entry's phrases it lacks (`vocabulary`: term -> phrases, a line each) after the editors'
    own; a phrase already there, in any letter case, is left as the editors wrote it."""
    for entry in GlossaryTerm.objects.filter(term__in=vocabulary):
        have = {line.strip().lower() for line in entry.related.splitlines() if line.strip()}
        missing = [phrase for phrase in vocabulary[entry.term].splitlines() if phrase.lower() not in have]
        if missing:
            entry.related = "\n".join([*(line for line in entry.related.splitlines() if line.strip()), *missing])
            entry.save(update_fields=["related"])


def add_missing_terms(GlossaryTerm, terms):
    """Make each entry of `terms` (term, expansion, synonyms, description, related) that does not exist;
    an entry editors already made is left as it is."""
    for term, expansion, synonyms, description, related in terms:
        GlossaryTerm.objects.get_or_create(
            term=term,
            defaults={"expansion": expansion, "synonyms": synonyms, "description": description, "related": related},
        )


# A fifth pass (issue 11), for concepts whose everyday words the earlier passes missed, written from what
# the pages say and how practitioners talk about the same things, a set of ways per concept rather than
# one query's words: the slang for the police, what people call a reading group, the plain words for a
# partnership's rows over money, for induction, for how good a study is, for the open door of local area
# coordination, for a contested closure. Appended like EVERYDAY_RELATED (migration 0015).
FIFTH_RELATED = {
    "community policing": "bobbies\nbobbies on the beat\nlocal bobby\ncoppers\nthe polis\npolice officers\n"
    "police presence\nfriendly police\nbobby on the beat",
    "evidence use": "book club\njournal club\nreading group\nreading research together\nquality of evidence\n"
    "strength of evidence\nhow strong the evidence is\nstrong or weak evidence\nrobust evidence\n"
    "rigorous research\npoor quality research\ngood research\nbad research\nreliable research\n"
    "critical appraisal\nappraising research",
    "peer learning": "book club\njournal club\nreading group\nthink through a problem together\n"
    "help with a live problem\nbounce ideas off colleagues\nlearning circle",
    "housing first": "jail\nin and out of jail\nin and out of hospital\nback on the streets\nbouncing between services",
    "local area coordination": "no eligibility criteria\nno eligibility rules\nno assessment\nwithout an assessment\n"
    "anyone who asks\nopen to anyone\nno referral needed\nno forms to fill in\n"
    "build on people's strengths\nstrengths-based",
    "conflict": "arguing\nargument\nrows\nrow over money\narguing over money\nwho pays\nwho decides\n"
    "blame\npassing the buck\nbudget disputes\nprotecting their patch\nprofessional rivalry",
    "workforce development": "newcomers\nnew starters\nnew recruits\nnew colleagues\nonboarding\n"
    "settling in\nfirst weeks in the job\ninducting new staff",
    "day services": "closure\nclosures\nproposed closure\nclosing a centre\npublic anger\nangry public meetings\n"
    "protest\npetition\noutcry\nbacklash",
    "open dialogue": "talk about people in their presence\nspeak about the person in front of them\n"
    "nothing about me without me\nin front of the family\nsame staff throughout\nopen conversation with the family",
    "CAR": "pace of decision-making\nresearch timescales",
}

# Entries whose names the content never uses: a related phrase typed leads to an entry's names, so the
# names the pages give the thing are added, as RENAMED did, only while the entry's synonyms are still
# the seed's (an editor's own synonyms are left as they are). term -> (the seed's synonyms, the new ones).
CONTENT_NAMES = {
    "mini-publics": ("", "citizens' assembly\ncitizens' assemblies\ncitizens' panel\ncitizens' panels\ncitizens' jury"),
}

# Subjects the pages cover that had no entry, each named as the pages name it: whether an approach saves
# money, sharing data, fidelity to a model, paying participants, risk, continuity of care, reporting back,
# transport, affordable housing, money advice, complex needs, community justice and budget cuts.
FIFTH_TERMS = [
    (
        "value for money",
        "costs and savings",
        "cost\ncosts\nsavings\ncost-effectiveness",
        "Whether an approach is worth what it costs: the money it saves or the costs it avoids elsewhere, and "
        "what it buys for the people it serves.",
        "save money\nsaving money\nsaves money\ncheaper\nspend less\nspending less\ncosts avoided\navoided costs\n"
        "cost offset\npays for itself\nsocial return on investment\nreturn on investment\ncost-benefit\n"
        "cost benefit analysis\nfinancial case\nbusiness case\nexpensive",
    ),
    (
        "data sharing",
        "information sharing",
        "sharing data\ndata sharing agreement",
        "Agreements that let partners and researchers share and link records about people safely, anonymised where "
        "they can be, and the months they take to put in place.",
        "data sharing agreements\nsharing records\nsharing information\nlinking records\ndata linkage\n"
        "anonymised data\nanonymised records\ndata protection\nconfidentiality\ninformation governance\n"
        "permission to share data",
    ),
    (
        "fidelity",
        "fidelity to the model",
        "",
        "How closely a programme keeps to the features that made it work where it was first tested, such as "
        "Housing First's small caseloads and unconditional support.",
        "sticking to the model\ntrue to the model\nkeeping to the principles\ndone properly\nwatered down\n"
        "in name only\nadopted in name\ncutting corners\nmodel drift\nfidelity check\nfidelity review",
    ),
    (
        "paying participants",
        "payment for participation",
        "paid for their time\npaying for time\npaid for its time",
        "Paying people who use services, residents and panel members for their time, and meeting their travel "
        "and care costs, so that taking part costs them nothing and their knowledge counts as staff expertise does.",
        "paying for their time\npaying people for their time\npaid participation\nsitting fee\nmodest fee\n"
        "expenses\nvouchers\ntravel and care costs\nrecognising people's time",
    ),
    (
        "risk",
        "positive risk-taking",
        "sharing risk",
        "Agreeing with people and colleagues which risks are reasonable to take, and backing the staff who support "
        "them, rather than letting worries about risk and blame end a choice or an idea.",
        "risk averse\nfear of blame\nblame culture\ngetting the blame\nworried about risk\nworries about risk\n"
        "safety plan\nshared safety plan\nreasonable risks\ntaking risks\nduty of care",
    ),
    (
        "continuity of care",
        "continuity",
        "same staff",
        "People seeing the same workers over time, so that relationships and trust can grow and no one has to "
        "tell their story again.",
        "same worker\nsame nurse\nsame team\nseeing the same person\nconsistent staff\nfamiliar faces\n"
        "telling your story again\nrepeating your story\nrelationships over time",
    ),
    (
        "reporting back",
        "feedback to participants",
        "report back",
        "Telling the people who took part what happened to their ideas and recommendations, including what "
        "could not be done and why.",
        "you said we did\nclosing the loop\nhearing back\nhear back\nwhat happened to our ideas\n"
        "what happened to their ideas\nrespond to every recommendation\nrespond publicly\nexplain decisions\n"
        "follow up\nkeeping people informed",
    ),
    (
        "transport",
        "community transport",
        "",
        "Getting to services, work and appointments where buses are few and distances long: community transport, "
        "volunteer drivers and services that come to people.",
        "bus\nbuses\nbus service\nbus cut\npublic transport\nvolunteer drivers\nvolunteer driving scheme\n"
        "lifts to appointments\ngetting to appointments\ntravel costs\ngetting about",
    ),
    (
        "affordable housing",
        "affordable homes",
        "",
        "Homes local people and young families can afford to rent or buy, built or let by housing associations, "
        "councils and community trusts.",
        "homes for local families\nhomes for young families\nhousing shortage\nsocial rented homes\n"
        "local lettings policy\ncommunity land\nbuying land\ncommunity buyout\nnew homes",
    ),
    (
        "money advice",
        "debt advice",
        "welfare rights",
        "Help with money, debt, benefits and rent arrears, so that families do not fall into crisis or lose "
        "their homes.",
        "debt\ndebts\nmoney worries\nbenefits advice\nfinancial inclusion\nfalling behind with rent\n"
        "income maximisation\ncost of living",
    ),
    (
        "complex needs",
        "multiple and complex needs",
        "",
        "People facing several problems at once, such as trauma, addiction, mental ill health, homelessness and "
        "time in prison, whom services built for one problem at a time often fail.",
        "multiple disadvantage\nsevere and multiple disadvantage\ntrauma\ntrauma-informed\n"
        "addiction and mental health\ndual diagnosis\nchaotic lives\nhighest needs\nmost vulnerable",
    ),
    (
        "community justice",
        "justice services",
        "justice system",
        "Prisons, courts, police and the services that help people leave prison, stop offending and settle in the "
        "community.",
        "prison\nprisons\nleaving prison\nreleased from prison\ncustody\nreoffending\noffending\n"
        "criminal justice\ncourts",
    ),
    (
        "budget cuts",
        "spending cuts",
        "cuts",
        "Shrinking public budgets and the savings, restructuring and closures they force, and what they do to "
        "services, staff and partnerships.",
        "austerity\nfunding cuts\nsavings targets\nrestructuring\nbudget pressures\nless money\n"
        "shrinking budgets\ncutbacks\nfinancial pressures\nrising costs",
    ),
]


def add_content_names(GlossaryTerm, names):
    """Give each entry of `names` (term -> (the seed's synonyms, the names to add)) the names the content
    uses, only while its synonyms are still the seed's."""
    for term, (seeded, added) in names.items():
        for entry in GlossaryTerm.objects.filter(term=term, synonyms=seeded):
            entry.synonyms = "\n".join(line for line in (*seeded.splitlines(), *added.splitlines()) if line.strip())
            entry.save(update_fields=["synonyms"])


# A sixth pass, written page by page from the demo content: for each case study, evidence summary, guide,
# pathway and open thread, the two or three things it is about, said as a practitioner in a council, health
# board, police or the third sector would say them (the trouble a few streets cause, a glen losing its young
# families, consultation that changes nothing, employing your own carers, a thin care market, help in a crisis
# after hours, being assessed by every service, counting activity instead of outcomes, the loudest voices in
# a meeting, the coalface), where neither the page's words nor an entry leading to it said them. Appended
# like FIFTH_RELATED (migration 0016).
SIXTH_RELATED = {
    "ASB": "kids causing trouble\nyouths hanging about\ngangs of youths\ntrouble on the estate\nrowdy behaviour\n"
    "neighbour nuisance\nnuisance neighbours\nproblem households\ngraffiti",
    "community safety": "hotspots\ncrime hotspots\ntrouble spots\nproblem streets\njoint patrols",
    "rural and island communities": "depopulation\nyoung families leaving\npeople moving away\nfalling school roll\n"
    "school roll\nfragile communities",
    "community engagement": "consultation fatigue\nconsulted to death\nover-consulted\nlistened to rarely\n"
    "nobody listens\ntokenism\ntokenistic\ntick-box consultation\nladder of participation\nlevels of participation\n"
    "levels of influence\nseparate consultations\njoint consultation\nbox-ticking\nbox ticking exercise\ndone deal\n"
    "decision already made\njust for show",
    "SDS": "employing carers\nemploying your own carers\nemploy their own staff\nbecoming an employer\n"
    "tick-box assessment\nform with four boxes\nwhat I want my life to look like\ncare budget",
    "commissioning": "care market\nmarket gaps\nthin market\nprovider market\nshortage of providers\nfew providers\n"
    "not enough providers",
    "mental health": "crisis cafe\nsafe haven\nsanctuary\nafter hours\nout of hours crisis\npsychiatric crisis\n"
    "psychiatric care\nmental health emergency",
    "hospital discharge": "waiting for a care package\nwaiting for home care\ncare package not ready\n"
    "delays getting home\nhuddle\nhuddles\nweekly call",
    "HSCP": "assessed again and again\nrepeated assessments\nduplicate assessments\nassessed by every service",
    "peer learning": "mutual support\npeer mentoring\npeer mentor\nsupport network\n"
    "people doing the same job elsewhere\nnobody to ask\nisolated in post",
    "evaluation": "counting activity\ncounting outputs\nbean counting\nevidence of impact\njustify funding\n"
    "prove our worth\nlight touch evaluation\nevaluation on a shoestring\nsmall-scale evaluation\nfootfall\n"
    "counting heads\nhead count\nnumbers through the door\npeople through the door\nbums on seats",
    "research partnership": "working with academics\nhelp from a university\nacademic support\nknowledge exchange",
    "PB": "dragons' den\ndragons den\npitching for grants\npitching events\npitching for money",
    "reablement": "intermediate care\nstep-down care\noccupational therapy\noccupational therapist\nphysio\n"
    "physiotherapy\nenablement",
    "open dialogue": "crisis team\nhome treatment\nhome treatment team\nfirst episode psychosis\nless medication\n"
    "without medication",
    "community policing": "procedural justice\npolice legitimacy\nlegitimacy\ntreated fairly by the police\n"
    "fair treatment by police\nsatisfaction with the police\nofficers moved on\nofficers keep changing\n"
    "new officer every few months",
    "local area coordination": "asset-based\nasset-based approach\nassets-based\ncommunity assets",
    "power dynamics": "loudest voices\nloudest voice\ndominating the meeting\ntalking over people\n"
    "senior people dominate\nequal footing\non equal terms\nas equals",
    "local data": "strategic needs assessment\ncommunity profile\nward statistics\ndeprivation figures\n"
    "what the figures show\nwhat the figures mean\ngraphs\ninfographics\npresenting data\ndata visualisation",
    "frontline voice": "shop floor\ngrassroots\ngrassroots staff\ncoalface\nat the coalface\n"
    "people who actually do the work\ntop down\ntop-down\nimposed from above",
    "workforce development": "data training\ntraining in data analysis\nskills training\none-off course",
    "young people": "kids\nyoungsters\nyoung folk\nteens",
    "evidence use": "literature review\nwhat works centres\nresearch summaries\ngood study\npoor study\nweak study",
    "housing first": "rapid rehousing\nhousing-led",
    "DPO": "disabled trainers\ntraining led by disabled people\ntraining by disabled people",
    "care at home": "shortage of carers\nnot enough carers\ncarer shortage\nrecruiting carers\nrecruiting care staff",
    "homelessness": "off the streets\ngetting people off the streets",
    "self-managing teams": "less bureaucracy\ncutting bureaucracy",
    "co-production": "people who have been through it\nbeen there themselves",
    "complex needs": "most needs\nfalling through the gaps\nfall through the gaps\nfalling through the net\n"
    "slipping through the net\nfall between services",
}

# Subjects the pages cover that had no entry, named as the pages name them: the unpaid carers whose centre
# sits on panels and partnerships, social work, waiting times, and the pathways themselves (a short course
# through the guides, case studies and evidence, as a practitioner would call it).
SIXTH_TERMS = [
    (
        "pathway",
        "learning pathway",
        "pathways\nlearning pathways",
        "A route through guides, case studies and evidence summaries, with questions for reflection, to work "
        "through alone, with a colleague or as a group.",
        "short course\nonline course\nself-study\ntraining module\nlearning route\ne-learning\n"
        "course for practitioners\nstep-by-step course",
    ),
    (
        "carers",
        "unpaid carers",
        "family carers",
        "Family members, friends and neighbours who look after someone without pay, and the carers' centres and "
        "breaks that support them.",
        "looking after a relative\ncaring for a relative\ncaring for a family member\nrespite\nrespite care\n"
        "carer support\nyoung carers\nshort breaks\ncarers' centre",
    ),
    (
        "social work",
        "social workers",
        "social services",
        "Council and health and social care partnership social work teams: assessment, support planning and "
        "protection for adults, children and families.",
        "social work team\nsocial work teams\ncare manager\ncare managers\ncare assessment\nneeds assessment for care",
    ),
    (
        "waiting times",
        "waiting lists",
        "",
        "How long people wait for a service, an appointment or to come home, and what the wait costs them.",
        "long waits\nwaiting for weeks\nwaiting list\nwaiting for an appointment\nweeks on a waiting list\nwait times",
    ),
]
