"""Case studies: illustrative Scottish partnerships, what they tried, what changed and what they learned.

The council areas are real; the projects, partnerships and people quoted are invented to show common
Scottish practice, and the figures are illustrative.
"""

from .schema import DemoCaseStudy, key_points, paragraphs, quote, text

CASE_STUDIES = [
    DemoCaseStudy(
        slug="north-dundee-community-safety-inquiry",
        title="Frontline officers and residents rethink community safety in north Dundee",
        summary=(
            "Police constables, housing officers and residents spent eighteen months investigating local safety "
            "problems together with researcher-facilitators. The partnership now plans from what the frontline "
            "and residents know, not from incident figures alone."
        ),
        themes=(
            "collaborative-action-research",
            "community-safety",
            "frontline-voice",
            "partnership-working",
            "evidence-use",
        ),
        sectors=("public-sector", "community-sector", "academic"),
        council_area="dundee-city",
        lead_organisation="North Dundee Community Safety Partnership",
        partner_organisations=(
            "Local policing team, north Dundee",
            "Council community safety and anti-social behaviour team",
            "Two social landlords' housing officers",
            "Fire and rescue community action team",
            "Three tenants' and residents' associations",
            "University researcher-facilitators",
        ),
        approach="collaborative_action_research",
        start_year=2016,
        end_year=2018,
        challenge=[
            text(
                "A handful of streets generated most of the area's calls about anti-social behaviour. Police, "
                "housing and the council's community safety team each responded in their own way, often to the "
                "same households, and residents said nothing seemed to change.",
                "The partnership's action plan was written by a strategic group from recorded crime figures. "
                "Community officers and housing staff, who knew the streets best, were rarely asked what they "
                "saw, and several said they had stopped offering ideas.",
            ),
            quote(
                "We'd get a new plan every year from people who'd never walked the close. Nobody asked the cops "
                "on the beat why the same calls kept coming in.",
                "Police constable, community team",
            ),
        ],
        what_was_done=[
            text(
                "The partnership formed an inquiry group of fourteen: four constables and their sergeant, two "
                "housing officers, an anti-social behaviour officer, a fire safety adviser, three residents, a "
                "community learning and development worker and two university researchers who facilitated. The "
                "group met fortnightly in a community centre during working hours, with cover for shifts agreed "
                "in advance by each agency's managers.",
                "Each cycle began with a question the group chose. Members set incident records beside "
                "residents' own accounts of where they felt unsafe, read summaries of international evidence on "
                "community-oriented and problem-oriented policing, and agreed small changes to try. They then "
                "met to review what had happened before choosing the next step.",
            ),
            key_points(
                "Ground rules gave every member an equal say, whatever their rank or role.",
                "The researchers kept notes of each meeting and fed them back for correction.",
                "Joint walkabouts with residents replaced separate patrols and inspections in two streets.",
                "A monthly shared case meeting replaced three separate agency meetings.",
                heading="What the group did",
            ),
        ],
        what_changed=[
            text(
                "Community officers were kept in the area for the length of the inquiry rather than moved on "
                "after a few months, and residents began to know them by name. Housing officers and police now "
                "agree one plan for a household instead of three.",
                "Calls about youth disorder in the two streets with joint walkabouts fell over the following "
                "year, although a new youth club opened at the same time. The strategic group now asks frontline "
                "members to present a local problem profile before it sets priorities.",
            ),
            key_points(
                "One joint problem-solving meeting each month, chaired in turn by each agency.",
                "Frontline and resident members present local problem profiles to the strategic group.",
                "Stable postings for community officers written into the local policing plan.",
                heading="What changed",
            ),
        ],
        evaluation=paragraphs(
            "The researchers documented every cycle and interviewed twelve members at the end. A short survey "
            "of residents in the area at the start and end of the inquiry asked about trust in local services "
            "and feelings of safety. Police and council incident data were compared before and after, with the "
            "caution that there was no comparison area and other changes happened at the same time.",
        ),
        lessons=[
            text(
                "Managers' agreement to cover shifts was what made frontline membership possible; without it, "
                "constables would have been pulled out whenever demand rose. Having facilitators from outside "
                "the agencies helped people speak plainly across ranks.",
            ),
            quote(
                "The first time a resident and a sergeant agreed about what was really going on, you could feel "
                "the room change. After that people stopped defending their own service.",
                "Housing officer",
                "Social landlord",
            ),
            key_points(
                "Protect members' time in writing before you start.",
                "Agree how the group's findings will reach the people who set budgets.",
                "Expect turnover: induct new members properly rather than letting them sit and listen.",
                heading="Lessons for others",
            ),
        ],
        evidence_used=("community-oriented-policing", "collaborative-action-research-in-scottish-partnerships"),
    ),
    DemoCaseStudy(
        slug="springburn-mainstream-participatory-budgeting",
        title="Residents decide how part of a Glasgow ward's mainstream budget is spent",
        summary=(
            "After two years of small grants events, a Glasgow ward partnership handed residents decisions over "
            "part of its environmental and youth services spending. Far more people voted, and council staff "
            "learned to explain budgets in plain terms."
        ),
        themes=("participatory-budgeting", "tackling-inequalities", "community-planning", "co-production"),
        sectors=("public-sector", "third-sector", "community-sector"),
        council_area="glasgow-city",
        lead_organisation="Springburn and Robroyston Ward Partnership",
        partner_organisations=(
            "Council neighbourhood and environmental services",
            "Council youth services",
            "Local housing association",
            "Two community councils",
            "Springburn Youth Forum",
            "Local equalities and faith groups",
        ),
        approach="participatory_budgeting",
        start_year=2018,
        end_year=2021,
        challenge=[
            text(
                "The ward had run participatory budgeting as small grants rounds, in which community groups "
                "pitched for a few thousand pounds at a PB voting event. The events were lively but the same "
                "groups took part each year, and they sometimes left people feeling they had competed against "
                "their neighbours.",
                "Meanwhile the decisions that shaped the area most, such as where bins, benches, lighting and "
                "youth work went, were still made inside council departments. Residents on the partnership "
                "asked why they could vote on a grant but not on the services they used every day.",
            ),
        ],
        what_was_done=[
            text(
                "A steering group of ten residents, including four young people, and five council officers "
                "designed the new process over six months. They agreed that residents would decide how part of "
                "the ward's environmental improvement and youth services budgets was spent, with the council "
                "committed to delivering the results.",
                "Ideas were gathered through schools, food banks, churches, a mosque and street stalls. Officers "
                "worked with the people who proposed each idea to check what it would cost and whether it could "
                "be done, then residents aged twelve and over voted online or on paper at local venues.",
            ),
            key_points(
                "Rules agreed by residents, including extra weight for ideas from the most deprived data zones.",
                "Outreach staff paid to reach people who never attend meetings.",
                "Every idea's fate explained publicly, including why some could not go ahead.",
                heading="How the process worked",
            ),
            quote(
                "I'd never had to explain my budget to anyone outside the council. Once I did, people came up "
                "with better uses for it than I had.",
                "Council neighbourhood services officer",
            ),
        ],
        what_changed=[
            text(
                "More than two thousand residents voted in the second year, several times the turnout of the "
                "grants events, and a third of them were under twenty-five. Lighting was improved on two paths "
                "young people said they avoided after dark, and youth work hours were moved to the evenings and "
                "weekends that young people asked for.",
                "The council's neighbourhood services now publish a plain-language breakdown of the ward budget "
                "each year, and the partnership has asked for the share decided by residents to grow.",
            ),
        ],
        evaluation=paragraphs(
            "Partnership officers collected the measures suggested in the national evaluation: who voted, by "
            "age, area and background; how participants rated the process; and whether winning ideas were "
            "delivered. A community researcher ran focus groups with residents who had not taken part to learn "
            "what kept them away.",
        ),
        lessons=[
            key_points(
                "Start with the budgets that shape people's daily lives, not only with grants.",
                "Involve the officers who hold those budgets from the first design meeting.",
                "Outreach costs money: budget for it from the start.",
                "Report back on every idea, especially the ones that could not be delivered.",
                heading="Lessons for others",
            ),
        ],
        evidence_used=("participatory-budgeting-in-brazil", "participatory-budgeting-in-scotland"),
    ),
    DemoCaseStudy(
        slug="achbeag-community-action-plan",
        title="A community-led action plan for a remote Highland glen",
        summary=(
            "Residents of a scattered Highland community surveyed every household and wrote their own plan for "
            "housing, transport and care. Public bodies changed how they worked to respond, and six affordable "
            "homes followed."
        ),
        themes=("community-led-action-planning", "rural-and-island-communities", "community-planning", "co-production"),
        sectors=("community-sector", "public-sector", "third-sector"),
        council_area="highland",
        lead_organisation="Achbeag and District Community Trust",
        partner_organisations=(
            "Achbeag Community Council",
            "Council ward manager",
            "Local health board's community health team",
            "Regional development agency's community support team",
            "Primary school parent council",
            "Rural housing association",
        ),
        approach="community_led_action_planning",
        start_year=2017,
        end_year=2020,
        challenge=[
            text(
                "About nine hundred people live in the glen's villages and crofts. The primary school roll was "
                "falling because young families could not find homes, the bus to the nearest town had been cut "
                "to three days a week, and older people worried about who would provide care at home.",
                "Each public body consulted the community separately, on its own timetable and its own "
                "questions. Residents felt consulted often and listened to rarely.",
            ),
        ],
        what_was_done=[
            text(
                "The community trust recruited volunteers to visit every household with a short survey, held "
                "kitchen-table conversations for people who would not come to a meeting, and ran a session with "
                "the high school pupils who travelled out of the glen each day. Seven households in ten took "
                "part.",
                "A working group of residents turned the results into a plan with five priorities: affordable "
                "homes, transport, broadband, care at home and things for young people to do. Each priority "
                "named what the community would do itself and what it needed from public bodies.",
                "The ward manager then convened the public bodies named in the plan every quarter, with the "
                "trust in the chair, to report progress against it.",
            ),
            quote(
                "My job changed from telling the glen what the council could offer to asking what they needed, "
                "then going back inside the council to make it happen.",
                "Council ward manager",
            ),
        ],
        what_changed=[
            text(
                "The trust bought land with help from a national community land fund and worked with a rural "
                "housing association to build six affordable homes, let under a local lettings policy the "
                "council agreed for the first time. A volunteer driving scheme, designed with the health board's "
                "community team, takes people to appointments.",
                "Public bodies now use the plan as the community's voice: the health board consulted the trust "
                "about its care at home review through the plan's care group rather than running its own "
                "consultation.",
            ),
            key_points(
                "Six affordable homes, four let to families with children at the local school.",
                "A volunteer driving scheme with eighteen drivers.",
                "A single quarterly meeting of public bodies, chaired by the community.",
                heading="What changed",
            ),
        ],
        evaluation=paragraphs(
            "The trust repeated a shorter household survey after three years, asking whether priorities had "
            "changed and how far residents felt the plan had made a difference. Progress on each action was "
            "tracked at the quarterly meetings and published in the community newsletter.",
        ),
        lessons=[
            text(
                "The plan worked because it belonged to the community and because public bodies gave their "
                "local staff the freedom to respond to it. Where staff had to refer every decision upwards, "
                "actions stalled.",
            ),
            key_points(
                "Reach every household, not only those who come to meetings.",
                "Say in the plan what the community will do itself.",
                "Ask public bodies to give named local staff authority to act on the plan.",
                heading="Lessons for others",
            ),
        ],
        evidence_used=("local-area-coordination",),
    ),
    DemoCaseStudy(
        slug="borders-self-directed-support-conversations",
        title="Making self-directed support real in the Scottish Borders",
        summary=(
            "A disabled people's organisation and social work teams trained together in outcome-focused "
            "conversations and set up peer support for people managing their own budgets. More people now "
            "choose how their support is arranged."
        ),
        themes=("self-directed-support", "co-production", "rural-and-island-communities", "workforce-development"),
        sectors=("third-sector", "public-sector"),
        council_area="scottish-borders",
        lead_organisation="Borders Independent Living Network",
        partner_organisations=(
            "Health and social care partnership social work teams",
            "Care providers' forum",
            "Carers' centre",
            "Independent advocacy service",
        ),
        approach="self_directed_support",
        start_year=2016,
        end_year=2019,
        challenge=[
            text(
                "Years after the 2013 Act, most people in the area still received support the council arranged "
                "for them, and many said they had never heard of the other SDS options. Social workers described "
                "the options as paperwork rather than a conversation, and some feared being blamed if a "
                "direct payment went wrong.",
                "In the remoter parts of the area there were few providers and fewer personal assistants, so "
                "choice often existed only on paper.",
            ),
            quote(
                "I was handed a form with four boxes on it. Nobody asked what I wanted my life to look like.",
                "Person using support",
            ),
        ],
        what_was_done=[
            text(
                "Disabled people from the network and social workers designed and delivered training together "
                "in good conversations: starting from what matters to the person, explaining every option "
                "plainly and agreeing how risks would be shared. Every social work team in the HSCP took part, "
                "with disabled trainers leading half of each session.",
                "The network set up a peer support service in which people experienced in managing direct "
                "payments helped others get started. The providers' forum agreed a model of individual service "
                "funds so that people could direct a provider's support flexibly without employing staff "
                "themselves.",
            ),
            key_points(
                "Joint training led by disabled people and social workers together.",
                "Peer support for employing personal assistants and managing payments.",
                "Flexible individual service funds agreed with providers.",
                "A small fund to recruit and train personal assistants in remote areas.",
                heading="What the partnership did",
            ),
        ],
        what_changed=[
            text(
                "The share of people choosing a direct payment or an individual service fund roughly doubled "
                "over three years. Social workers said they felt more confident discussing risk and less bound "
                "to standard packages.",
                "Recruitment of personal assistants in remote areas remained hard, and some people who wanted "
                "a direct payment could not find anyone to employ.",
            ),
        ],
        evaluation=paragraphs(
            "The partnership tracked the options people chose each quarter. The network's members interviewed "
            "thirty people using support about their experience of the conversation and of their support, and "
            "social workers completed a confidence questionnaire before and after training.",
        ),
        lessons=[
            key_points(
                "Co-deliver training with disabled people; it changes the conversation in the room.",
                "Back social workers when they support reasonable risks.",
                "Choice needs a local market: invest in personal assistants and flexible providers.",
                heading="Lessons for others",
            ),
            quote(
                "Training alongside disabled people made me realise how much I had been deciding for people "
                "without noticing.",
                "Social worker",
                "Health and social care partnership",
            ),
        ],
        evidence_used=("self-directed-support-outcomes", "local-area-coordination"),
    ),
    DemoCaseStudy(
        slug="kirkcaldy-evening-wellbeing-drop-in",
        title="Co-producing an evening mental health drop-in with the people who use it",
        summary=(
            "People with experience of mental distress and mental health staff designed and now run an "
            "evening drop-in together. It gives people somewhere to turn outside office hours and has changed "
            "how staff think about their roles."
        ),
        themes=("co-production", "prevention", "health-and-social-care-integration", "frontline-voice"),
        sectors=("third-sector", "public-sector", "community-sector"),
        council_area="fife",
        lead_organisation="Kirkcaldy Wellbeing Collective",
        partner_organisations=(
            "Community mental health team",
            "Local mental health charity",
            "Peer support workers",
            "Council community learning and development team",
            "Three GP practices",
        ),
        approach="co_production",
        start_year=2019,
        end_year=None,
        challenge=[
            text(
                "People in distress in the evening had nowhere to go but the emergency department or a call to "
                "the police. Waiting times for the community mental health team ran to several weeks, and "
                "people said services felt designed around office hours rather than around their lives.",
                "Earlier attempts to consult service users had produced reports that changed little, and some "
                "people were sceptical that this would be different.",
            ),
        ],
        what_was_done=[
            text(
                "A design group of eight people with lived experience and six staff, from nurses to a GP "
                "receptionist, met weekly for four months. People with lived experience were paid for their "
                "time, chaired alternate meetings and had an equal vote on every decision.",
                "The group designed an evening drop-in, open three nights a week in a community centre, staffed "
                "by peer workers alongside a mental health nurse. Staff raised worries about risk; the group "
                "agreed a shared safety plan rather than letting those worries end the idea.",
            ),
            quote(
                "As a nurse, I was used to being the one who decided. In the design group, I had one vote like "
                "everyone else, and it took me a while to see that as a strength.",
                "Community mental health nurse",
            ),
        ],
        what_changed=[
            text(
                "The drop-in has been open since 2020 and is used by around forty people a week. Regular users "
                "describe it as the place they go instead of the emergency department, and nurses now refer "
                "people to it while they wait for an appointment.",
                "The design group still meets monthly, now as the drop-in's steering group, and two of its "
                "lived experience members have become paid peer workers.",
            ),
            key_points(
                "Evening support three nights a week, run by peers and staff together.",
                "A steering group with an equal voice for people with lived experience.",
                "Peer work recognised as a paid role within the partnership.",
                heading="What changed",
            ),
        ],
        evaluation=paragraphs(
            "The collective records visits and, with consent, whether regular users' emergency attendances for "
            "mental health reasons change after they start coming. Peer researchers interviewed users and "
            "staff after the first year. The numbers are small and there is no comparison group, so the "
            "collective presents them as an early indication, not proof.",
        ),
        lessons=[
            text(
                "Co-production changed professionals' sense of who they are, and that needed time and support "
                "rather than a single training session. Paying people for their time signalled that their "
                "knowledge counted as much as staff expertise.",
            ),
            key_points(
                "Pay people with lived experience and share the chair.",
                "Name staff worries about risk and work through them together.",
                "Keep the design group going once the service opens.",
                heading="Lessons for others",
            ),
        ],
        evidence_used=("open-dialogue-in-western-lapland",),
    ),
    DemoCaseStudy(
        slug="uist-coming-home-from-hospital",
        title="Joining up island services for people coming home from hospital",
        summary=(
            "On an island where a delayed discharge can mean weeks away from home, ward staff, community nurses, "
            "home care and a befriending group now plan each return together in a weekly video huddle."
        ),
        themes=(
            "partnership-working",
            "health-and-social-care-integration",
            "rural-and-island-communities",
            "prevention",
        ),
        sectors=("public-sector", "third-sector"),
        council_area="na-h-eileanan-siar",
        lead_organisation="Uist and Barra Care Partnership",
        partner_organisations=(
            "Community hospital ward staff",
            "Community nursing team",
            "Council home care service",
            "Social work team",
            "Island befriending group",
        ),
        approach="partnership_working",
        start_year=2018,
        end_year=2021,
        challenge=[
            text(
                "Older islanders treated in hospital often waited days or weeks to come home because home care "
                "could not be arranged in time. Each service assessed the person separately, some assessments "
                "could only be done in person, and ferry timetables added further delay.",
                "Staff in different services rarely met. Home carers learned that someone was coming home when "
                "the person arrived.",
            ),
        ],
        what_was_done=[
            text(
                "The partnership started a weekly video huddle bringing together ward staff, community nurses, "
                "home care organisers, social work and the befriending group to plan every discharge. Each "
                "person has one plan that starts from what matters to them.",
                "Services agreed to trust each other's assessments, so that a community nurse's assessment at "
                "home counts for home care too. Home carers were trained in reablement so that they support "
                "people to regain skills rather than doing things for them.",
            ),
            key_points(
                "A weekly huddle across all services, kept to thirty minutes.",
                "One plan per person, shared by every service.",
                "Trusted assessment: one assessment accepted by all.",
                "Befrienders visit in the first weeks home.",
                heading="What the partnership did",
            ),
        ],
        what_changed=[
            text(
                "The average wait to come home once someone was fit to leave fell from over a week to a few "
                "days, and most people now have one assessment instead of three. Staff who had worked on the "
                "same island for years say they now know each other's names and mobile numbers.",
                "Home care staffing remained fragile: when two carers left in one winter, delays returned "
                "until they were replaced.",
            ),
            quote(
                "Before the huddle I'd get a phone call on a Friday afternoon. Now I've met the person's plan "
                "before they leave the ward, and I know who to ring.",
                "Home care organiser",
            ),
        ],
        evaluation=paragraphs(
            "The partnership compared delayed discharge records for the two years before and after the change, "
            "and asked people and their families about their first weeks at home. A staff survey asked about "
            "communication between services at the start and after eighteen months.",
        ),
        lessons=[
            key_points(
                "Small, regular, short meetings beat large occasional ones.",
                "Trusted assessment needs each service's managers to sign it off explicitly.",
                "Partnership working cannot make up for too few care staff; plan recruitment alongside it.",
                heading="Lessons for others",
            ),
        ],
        evidence_used=("reablement-at-home", "buurtzorg-neighbourhood-nursing"),
    ),
    DemoCaseStudy(
        slug="aberdeen-housing-first",
        title="Housing First for people caught in a cycle of homelessness in Aberdeen",
        summary=(
            "A consortium of landlords and support services offered ordinary tenancies, with open-ended "
            "support, to people who had moved between hostels, hospital and prison for years. Most are still "
            "in their homes."
        ),
        themes=("housing-and-homelessness", "prevention", "partnership-working", "tackling-inequalities"),
        sectors=("public-sector", "third-sector"),
        council_area="aberdeen-city",
        lead_organisation="Granite City Housing First Consortium",
        partner_organisations=(
            "Council homelessness service",
            "Two housing associations",
            "Third sector support provider",
            "Alcohol and drug partnership services",
            "Community justice partnership",
            "Primary care homeless health team",
        ),
        approach="prevention",
        start_year=2019,
        end_year=2023,
        challenge=[
            text(
                "A small group of people accounted for a large share of the city's repeat homelessness "
                "applications. Most had experienced trauma, addiction and mental ill health, and many had "
                "spent time in prison. They moved between temporary accommodation, rough sleeping, hospital and "
                "custody, and each service expected them to be ready before offering a settled home.",
            ),
            quote(
                "Every service had a rule someone could fail. Put together, they guaranteed that the people "
                "with the most needs got the least stable help.",
                "Homelessness caseworker",
                "City council",
            ),
        ],
        what_was_done=[
            text(
                "The consortium offered forty people a tenancy in ordinary housing across the city, without "
                "conditions about treatment or sobriety. Each tenant had a support worker with a caseload of no "
                "more than seven, available for as long as the tenant wanted.",
                "Partners met weekly to solve problems for individual tenants, from rent arrears to hospital "
                "discharge, and landlord staff were trained to call support workers before starting any "
                "enforcement action.",
            ),
            key_points(
                "Scattered, ordinary tenancies rather than a single building.",
                "Support that continues if a tenancy ends.",
                "A yearly fidelity check against Housing First principles.",
                heading="How it worked",
            ),
        ],
        what_changed=[
            text(
                "About eight in ten tenants were still in their homes after a year, and most of the rest had "
                "been rehoused with support continuing. Repeat homelessness applications and nights in "
                "emergency accommodation fell sharply among the group.",
                "Services changed too: the alcohol and drug services now hold appointments in tenants' homes, "
                "and the council has adopted Housing First as the default offer for people with the most "
                "complex needs.",
            ),
        ],
        evaluation=paragraphs(
            "The consortium tracked tenancy sustainment, homelessness applications and emergency service use "
            "for every tenant, and commissioned an independent fidelity review. Peer researchers with "
            "experience of homelessness interviewed tenants about what helped and what did not.",
        ),
        lessons=[
            key_points(
                "Fidelity matters: keep caseloads small and support unconditional.",
                "Landlords must be partners from the start, not just suppliers of homes.",
                "Weekly problem solving across services prevents small problems becoming evictions.",
                heading="Lessons for others",
            ),
        ],
        evidence_used=("housing-first",),
    ),
    DemoCaseStudy(
        slug="strathtay-day-services-citizens-panel",
        title="A citizens' panel on the future of rural day services",
        summary=(
            "When a proposal to close two day centres provoked anger, a health and social care locality paused "
            "and asked a randomly selected panel of residents to weigh the options. Its recommendations were "
            "largely adopted."
        ),
        themes=(
            "dialogue-and-deliberation",
            "facilitation",
            "health-and-social-care-integration",
            "rural-and-island-communities",
        ),
        sectors=("public-sector", "community-sector", "academic"),
        council_area="perth-and-kinross",
        lead_organisation="Strathtay Locality Planning Group",
        partner_organisations=(
            "Health and social care partnership locality team",
            "Council community engagement team",
            "Older people's forum",
            "Carers' centre",
            "Day centre staff",
            "University deliberation researchers",
        ),
        approach="deliberative_dialogue",
        start_year=2022,
        end_year=2023,
        challenge=[
            text(
                "Attendance at the locality's three day centres had not recovered after the pandemic and "
                "building costs were rising. A proposal to close two centres was met with angry public meetings "
                "and a petition. Day centre staff feared for their jobs and felt decisions were being made "
                "without them.",
            ),
        ],
        what_was_done=[
            text(
                "The locality group paused the proposal and commissioned a citizens' panel. Invitations went to "
                "a thousand randomly chosen households, and twenty-four residents were selected from those who "
                "replied to reflect the area by age, gender and place.",
                "Over four sessions the panel heard from people who used the centres and their carers, day "
                "centre staff, finance officers and a researcher who described how other areas provided day "
                "opportunities. Trained facilitators ran small-group discussions and made sure quieter members "
                "were heard.",
            ),
            key_points(
                "The locality group promised in advance to respond publicly to every recommendation.",
                "Frontline staff gave evidence in their own words.",
                "Panel members were paid a modest fee and had transport and care costs met.",
                heading="How the panel was run",
            ),
        ],
        what_changed=[
            text(
                "The panel recommended keeping one centre as a hub, creating outreach day opportunities in "
                "village halls with transport, and a small fund for community groups to run activities. The "
                "locality group adopted all but one recommendation, and day centre staff now run the outreach "
                "sessions.",
            ),
            quote(
                "I came in thinking they should keep all three open. Hearing from the carers and the staff, I "
                "realised people wanted company near home more than a building in town.",
                "Citizens' panel member",
            ),
        ],
        evaluation=paragraphs(
            "The university researchers observed every session and surveyed panel members after each one about "
            "whether they felt heard and had enough information. The locality group reported publicly on what "
            "happened to each recommendation six and twelve months later.",
        ),
        lessons=[
            key_points(
                "Commit in advance to respond to every recommendation.",
                "Invest in skilled facilitators for the small groups.",
                "Bring frontline staff in as witnesses, not just as people affected.",
                heading="Lessons for others",
            ),
        ],
        evidence_used=("citizens-assemblies-in-ireland",),
    ),
    DemoCaseStudy(
        slug="moray-community-planning-peer-network",
        title="A peer learning network for community planning and locality staff",
        summary=(
            "Community planning and locality staff from the council, health and social care, police, fire and "
            "the third sector set up their own learning network, with action learning sets, skills swaps and an "
            "evidence reading circle."
        ),
        themes=("peer-learning", "workforce-development", "community-planning", "evidence-use"),
        sectors=("public-sector", "third-sector", "community-sector", "academic"),
        council_area="moray",
        lead_organisation="Moray Community Planning Practitioners' Network",
        partner_organisations=(
            "Council community support unit",
            "Health and social care partnership locality managers",
            "Police and fire and rescue community officers",
            "Third sector interface",
            "Two development trusts",
            "University public policy department",
        ),
        approach="peer_learning",
        start_year=2019,
        end_year=None,
        challenge=[
            text(
                "Community planning and locality staff worked in small teams spread across organisations, often "
                "one or two people to a role. Turnover was high and new staff learned the job by trial and error. "
                "Each locality plan was written from scratch, and staff had little training in analysing data, "
                "facilitating or evaluating.",
            ),
        ],
        what_was_done=[
            text(
                "A group of practitioners proposed a network run by and for its members, with backing from the "
                "community planning board. It meets every two months, alternating action learning sets, in "
                "which members bring a live problem and peers help them think it through, with skills swaps "
                "run by members.",
                "A university partner hosts a quarterly reading circle on a piece of evidence members choose, "
                "and the network keeps an induction pack for staff new to community planning.",
            ),
            key_points(
                "Action learning sets on members' live problems.",
                "Skills swaps: the council's analyst teaches data analysis; a community worker teaches facilitation.",
                "An evidence reading circle with a university partner.",
                "Induction for new staff from peers, not from a manual alone.",
                heading="What the network does",
            ),
        ],
        what_changed=[
            text(
                "Staff now use a shared locality profile template built in a skills swap, and three localities "
                "agreed a common way to evaluate their plans. New staff say the network gives them someone to "
                "ask in their first months.",
            ),
            quote(
                "I'd been in post six weeks and was dreading my first locality meeting. Someone from the network "
                "sat down with me for an hour and walked me through how she ran hers.",
                "Locality planning officer",
            ),
        ],
        evaluation=paragraphs(
            "The network surveys members each year about their confidence in core skills and collects "
            "examples of practice that changed as a result of a session. The numbers are small, and the "
            "network treats the survey as a prompt for discussion rather than a measure of impact.",
        ),
        lessons=[
            key_points(
                "Keep it practitioner-led; managers sponsor, they do not run it.",
                "Protect time for attendance in members' work plans.",
                "Build on skills already in the room before buying in training.",
                heading="Lessons for others",
            ),
        ],
        evidence_used=("collaborative-action-research-in-scottish-partnerships",),
    ),
    DemoCaseStudy(
        slug="west-lothian-prevention-evaluation-partnership",
        title="Evaluating prevention work with a local university partnership",
        summary=(
            "A community planning partnership, three third sector prevention projects and a university built a "
            "shared approach to evaluation. Reports now show outcomes, not just activity, and one project "
            "changed course because of what it found."
        ),
        themes=("evaluation", "prevention", "partnership-working", "evidence-use", "workforce-development"),
        sectors=("public-sector", "third-sector", "academic"),
        council_area="west-lothian",
        lead_organisation="West Lothian Prevention Learning Partnership",
        partner_organisations=(
            "Community planning partnership data and performance team",
            "University social policy researchers",
            "Family support charity",
            "Youth work organisation",
            "Money advice service",
            "Health board public health team",
        ),
        approach="partnership_working",
        start_year=2020,
        end_year=2023,
        challenge=[
            text(
                "The partnership funded several prevention projects but had little idea which of them made a "
                "difference. Reports counted sessions delivered and people seen. Project staff felt evaluation "
                "was something done to them to justify cuts, and no one had the time or training to do more.",
            ),
        ],
        what_was_done=[
            text(
                "The partnership formed a learning partnership with a local university. Researchers and project "
                "staff agreed a simple logic model for each project and a shared set of twelve outcome measures, "
                "and four workshops trained twenty staff in evaluation methods, followed by monthly coaching.",
                "With a data sharing agreement in place, the partnership's analysts linked project records to "
                "anonymised data on school attendance and rent arrears. For the money advice project, "
                "researchers compared outcomes with similar households in neighbouring areas.",
            ),
            key_points(
                "Logic models agreed with project staff, not imposed on them.",
                "Twelve shared measures, collected the same way across projects.",
                "Training and coaching so that staff can evaluate their own work.",
                "A comparison group where the data allowed one.",
                heading="What the partnership did",
            ),
        ],
        what_changed=[
            text(
                "Annual reports now show outcomes for the people each project serves. The youth work project "
                "found that its drop-in was not reaching the young people it was meant for and redesigned its "
                "outreach. The money advice project showed reductions in rent arrears compared with similar "
                "households, and its funding was extended.",
            ),
            quote(
                "For the first time, evaluation told us something we didn't already know, and because we'd "
                "done it ourselves we trusted it.",
                "Youth work manager",
            ),
        ],
        evaluation=paragraphs(
            "An evaluator from another university reviewed the partnership's methods and reports at the end of "
            "the three years. Staff completed a questionnaire on their evaluation skills before training and a "
            "year later.",
        ),
        lessons=[
            key_points(
                "Start with what staff want to know, then agree measures.",
                "Get data sharing agreements in place early: they take months.",
                "Universities gain real-world data and teaching material; make it a two-way partnership.",
                heading="Lessons for others",
            ),
        ],
        evidence_used=("collaborative-action-research-in-scottish-partnerships", "local-area-coordination"),
    ),
]
