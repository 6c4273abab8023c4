"""Demo communities, threads and page comments, written fresh from the seed's themes.

Everything is created through forums.services, so it renders exactly as members' posts do. Safe to
run again: communities are keyed by slug, threads by title within their community, comments by
author and text within their page; what exists (or an editor removed) is left as it is.
demo.site.load_demo_content calls `load_demo_forums` once the demo accounts exist.
"""

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Page

from demo.inquiries import load_demo_inquiries
from forums import services
from forums.models import Community, Membership, Post, Thread
from learning.models import Theme


@dataclass(frozen=True)
class DemoPost:
    author: str
    body: str
    hours: float  # after the thread started
    replies: tuple = ()  # DemoPosts answering this one


@dataclass(frozen=True)
class DemoThread:
    title: str
    author: str
    body: str
    days_ago: int
    tags: tuple = ()
    posts: tuple = ()
    pinned: bool = False
    best: str = ""  # the author of the answer the thread's author marked most helpful


@dataclass(frozen=True)
class DemoCommunity:
    slug: str
    name: str
    visibility: str
    summary: str
    about: str
    members: dict  # username -> role; a role of "pending" is a request waiting for a facilitator
    themes: tuple = ()
    resources: tuple = ()  # page slugs
    threads: tuple = ()


COMMUNITIES = (
    DemoCommunity(
        slug="community-planning-practitioners",
        name="Community planning practitioners",
        visibility=Community.Visibility.OPEN,
        summary="Officers, partners and community members working on local outcomes and locality plans.",
        about=(
            "A place for everyone who makes community planning happen: council and NHS officers, police and "
            "fire partners, third sector interfaces and the community members who sit at the table.\n\n"
            "- Ask how others handled something before you try it\n"
            "- Share a plan, a tool or a result, including the ones that did not work\n"
            "- Be kind: people post here about live work with real colleagues\n\n"
            "Facilitated by **Fiona**; **Morag** keeps things on topic."
        ),
        members={
            "facilitator": "facilitator",
            "moderator": "moderator",
            "practitioner": "member",
            "frontline": "member",
        },
        themes=("community-planning", "partnership-working", "evidence-use"),
        resources=("moray-community-planning-peer-network", "making-sense-of-local-data-together"),
        threads=(
            DemoThread(
                title="Welcome: how this community works",
                author="facilitator",
                days_ago=40,
                pinned=True,
                tags=("welcome",),
                body=(
                    "Welcome! This is an open community, so anyone signed in can read and join.\n\n"
                    "1. Introduce yourself in a reply: where you work and what you are working on\n"
                    "2. Start a new thread for each question, with a title that says what it is about\n"
                    "3. Mark the answer that helped you most, so the next person finds it quickly\n\n"
                    "Nothing here is confidential: keep names of service users out of posts."
                ),
                posts=(
                    DemoPost(
                        "practitioner",
                        "Hello all. Community planning officer in Fife, working on two locality plans with health "
                        "and police partners. Keen to hear how others evaluate them.",
                        5,
                    ),
                    DemoPost(
                        "frontline",
                        "Hi, housing support worker in Dundee. I joined to see how plans are made, because they "
                        "land on my desk after they are written.",
                        30,
                        replies=(
                            DemoPost("facilitator", "Exactly the voice we want here. Thank you for joining.", 32),
                        ),
                    ),
                ),
            ),
            DemoThread(
                title="Locality plans: how do you involve frontline staff from the start?",
                author="practitioner",
                days_ago=9,
                tags=("locality plans", "frontline"),
                body=(
                    "Our last locality plan was drafted by managers and then *consulted on*. The people who "
                    "would deliver it said it did not match what they see every day.\n\n"
                    "This time I want frontline staff from every partner in the room **before** we write "
                    "anything. What has worked for you? Time off the rota, protected sessions, something else?"
                ),
                posts=(
                    DemoPost(
                        "frontline",
                        "Speaking as the frontline: ask our managers to free the time properly, not as an extra. "
                        "If I come to a workshop my visits still need doing, so I leave early.\n\n"
                        "And meet where we work, not at headquarters.",
                        3,
                        replies=(
                            DemoPost(
                                "practitioner",
                                "That is really useful, thank you. We could backfill visits for the day.",
                                4,
                            ),
                        ),
                    ),
                    DemoPost(
                        "facilitator",
                        "Two things that helped elsewhere:\n\n"
                        "- a small group of frontline staff from different agencies meeting **with an outside "
                        "facilitator**, so no one is speaking in front of their own manager\n"
                        "- going round the room so every person speaks before anyone responds\n\n"
                        "The guide on running a safe, structured dialogue has the steps.",
                        20,
                    ),
                ),
                best="frontline",
            ),
            DemoThread(
                title="Analytical skills in community planning teams: what training worked?",
                author="facilitator",
                days_ago=4,
                tags=("evidence", "skills", "data"),
                body=(
                    "Several partnerships have told me their teams find it hard to use local data with "
                    "confidence. Has anyone found training that made a lasting difference, rather than a "
                    "one-off course?"
                ),
                posts=(
                    DemoPost(
                        "practitioner",
                        "We paired each officer with an analyst from the health board for a real piece of work "
                        "(our locality profile). Learning on the job stuck far better than the course did.",
                        6,
                    ),
                    DemoPost(
                        "moderator",
                        "From the community side: please show residents the data too. Our community council "
                        "read the ward profile and spotted two things the officers had missed.",
                        26,
                    ),
                ),
            ),
        ),
    ),
    DemoCommunity(
        slug="collaborative-action-research-network",
        name="Collaborative action research network",
        visibility=Community.Visibility.OPEN,
        summary="Practitioners and researchers running inquiry groups together: methods, time, evidence and ethics.",
        about=(
            "For people taking part in, or thinking of starting, a collaborative action research (CAR) group: "
            "practitioners and researchers working through cycles of inquiry, action and reflection on a shared "
            "problem.\n\nBring your questions about method, about finding the time, and about using evidence "
            "from Scotland and abroad."
        ),
        members={"facilitator": "facilitator", "reviewer": "member", "practitioner": "member"},
        themes=("collaborative-action-research", "evidence-use", "workforce-development"),
        resources=(
            "setting-up-a-collaborative-action-research-group",
            "collaborative-action-research-in-scottish-partnerships",
        ),
        threads=(
            DemoThread(
                title="Protecting time for a CAR group when everyone is stretched",
                author="practitioner",
                days_ago=12,
                tags=("time", "car"),
                body=(
                    "Our inquiry group started well, but with staff turnover and budget cuts people keep "
                    "missing sessions. Research works to months; our partnership works to weeks.\n\n"
                    "How do you keep a group going?"
                ),
                posts=(
                    DemoPost(
                        "reviewer",
                        "Agree the rhythm at the start and put every date in the diary for six months. Shorter "
                        "cycles help too: one question, one small action, then meet to reflect.",
                        8,
                    ),
                    DemoPost(
                        "facilitator",
                        "Make the group useful *this month*, not only at the end: a short note to the partnership "
                        "board after each session shows people the time is worth it.",
                        28,
                        replies=(
                            DemoPost("practitioner", "The note to the board is a good idea. Trying it next week.", 30),
                        ),
                    ),
                ),
                best="reviewer",
            ),
            DemoThread(
                title="Bringing international evidence into a local inquiry",
                author="reviewer",
                days_ago=6,
                tags=("evidence", "international"),
                body=(
                    "How do your groups use studies from other countries without either dismissing them "
                    '("that would never work here") or copying them whole?\n\n'
                    "We ask three questions: what problem did it solve, what made it work there, and what is "
                    "different here."
                ),
                posts=(
                    DemoPost(
                        "practitioner",
                        "We read the Local Area Coordination evidence this way. The *what made it work* question "
                        "was the one that changed our plan.",
                        10,
                    ),
                ),
            ),
        ),
    ),
    DemoCommunity(
        slug="self-directed-support-practice",
        name="Self-directed support practice",
        visibility=Community.Visibility.RESTRICTED,
        summary="Social workers, providers and disabled people's organisations making choice and control real.",
        about=(
            "For people putting the Social Care (Self-directed Support) (Scotland) Act 2013 into practice. "
            "Because members discuss live cases and commissioning, facilitators approve each request to join: "
            "tell us your role when you ask.\n\n"
            "Never post anything that could identify a person who uses support."
        ),
        members={
            "facilitator": "facilitator",
            "moderator": "moderator",
            "frontline": "member",
            "practitioner": "pending",
        },
        themes=("self-directed-support", "co-production"),
        resources=("borders-self-directed-support-conversations", "self-directed-support-outcomes"),
        threads=(
            DemoThread(
                title="Good conversations before budgets: what is working?",
                author="frontline",
                days_ago=7,
                tags=("good conversations", "assessment"),
                body=(
                    "Our team is moving from assessment forms to a *good conversation* first: what matters "
                    "to the person, then the budget. It takes longer at the start.\n\n"
                    "How have others made the case for the extra time?"
                ),
                posts=(
                    DemoPost(
                        "facilitator",
                        "In the Borders they counted the reviews that were **no longer needed** because the "
                        "support fitted first time. That won the argument with finance.",
                        5,
                    ),
                ),
            ),
            DemoThread(
                title="Involving disabled people's organisations in commissioning",
                author="facilitator",
                days_ago=3,
                tags=("commissioning", "co-production"),
                body=(
                    "Providers and commissioners say they want disabled people's organisations involved, "
                    "but the structures are not there yet. Who has a standing arrangement that works, and "
                    "is it paid?"
                ),
                posts=(
                    DemoPost(
                        "moderator",
                        "Paid, always. Our local access panel is paid for its time and sits on the "
                        "commissioning group as a member, not as a consultee.",
                        12,
                    ),
                ),
            ),
        ),
    ),
    DemoCommunity(
        slug="frontline-voices-police-and-partners",
        name="Frontline voices: police and partners",
        visibility=Community.Visibility.PRIVATE,
        summary="A private space for frontline police officers and partner staff to speak freely about joint work.",
        about=(
            "By invitation only. Frontline officers and partner staff talk here about what joint working is "
            "really like, so that what they know reaches the people who plan services.\n\n"
            "What is said here stays here unless the person who said it agrees otherwise."
        ),
        members={"facilitator": "facilitator", "moderator": "moderator", "frontline": "member"},
        themes=("partnership-working", "prevention"),
        resources=("north-dundee-community-safety-inquiry", "community-oriented-policing"),
        threads=(
            DemoThread(
                title="Handovers between night shift and day services",
                author="frontline",
                days_ago=5,
                tags=("handover", "night shift"),
                body=(
                    "Officers on nights meet people in crisis and then have nowhere to pass them on to until "
                    "nine the next morning. By then the person has often gone.\n\n"
                    "Has anyone got a handover that works across police, housing and health?"
                ),
                posts=(
                    DemoPost(
                        "facilitator",
                        "This came up in the north Dundee inquiry too. A shared morning call, ten minutes, "
                        "with one named person from each service. @frontline, would you share what you see at "
                        "our next session?",
                        9,
                        replies=(DemoPost("frontline", "Yes, happy to. I will bring two colleagues from nights.", 11),),
                    ),
                ),
            ),
            DemoThread(
                title="What I wish planners knew about community safety work",
                author="frontline",
                days_ago=2,
                tags=("community safety",),
                body=(
                    "Most of what we deal with is not crime: it is loneliness, debt, housing and mental health. "
                    "The plans still count crimes.\n\n"
                    "What would you measure instead?"
                ),
                posts=(
                    DemoPost(
                        "moderator",
                        "Whether people know who to call, and whether they trust them. Ask residents; they "
                        "will tell you.",
                        7,
                    ),
                ),
            ),
        ),
    ),
)


@dataclass(frozen=True)
class DemoComments:
    page: str  # slug of a case study, evidence summary or guide
    posts: tuple  # DemoPosts; for comments `hours` counts back from now


COMMENTS = (
    DemoComments(
        page="north-dundee-community-safety-inquiry",
        posts=(
            DemoPost(
                "practitioner",
                "The part about officers and residents meeting **as equals** is what I want to try in Fife. How "
                "long did it take before residents trusted the process?",
                70,
                replies=(
                    DemoPost(
                        "frontline",
                        "From what colleagues there told me: months, and it only started once the same officers "
                        "kept turning up.",
                        50,
                    ),
                ),
            ),
        ),
    ),
    DemoComments(
        page="running-a-safe-structured-dialogue",
        posts=(
            DemoPost(
                "facilitator",
                "A tip from practice: agree the ground rules *with* the group rather than reading them out. "
                "People keep rules they wrote.",
                96,
                replies=(DemoPost("practitioner", "Used this last week and it worked. Thank you.", 20),),
            ),
        ),
    ),
    DemoComments(
        page="self-directed-support-outcomes",
        posts=(
            DemoPost(
                "frontline",
                "Useful summary. The finding that choice matters less than *having a say in how support is "
                "delivered* matches what people tell me.",
                30,
            ),
        ),
    ),
    DemoComments(
        page="moray-community-planning-peer-network",
        posts=(
            DemoPost(
                "practitioner",
                "We started something similar with four partnerships. Keeping it practitioner-led, not "
                "manager-led, made the difference.",
                15,
            ),
        ),
    ),
)


def load_demo_forums(report):
    """Create the demo communities, threads and comments that are missing; append what changed to `report`."""
    users = {user.username: user for user in get_user_model().objects.filter(username__in=_USERNAMES)}
    communities = threads = comments = 0
    with _without_rate_limit():
        for spec in COMMUNITIES:
            community, created = _ensure_community(spec, users)
            communities += created
            threads += sum(_ensure_thread(community, thread, users) for thread in spec.threads)
        comments += sum(_ensure_comments(spec, users) for spec in COMMENTS)
        load_demo_inquiries(report, users)
    for count, one, many in (
        (communities, "community", "communities"),
        (threads, "thread", "threads"),
        (comments, "comment", "comments"),
    ):
        if count:
            report.append(f"created {count} demo {one if count == 1 else many}")


_USERNAMES = {"editor", "reviewer", "facilitator", "moderator", "practitioner", "frontline"}


@contextmanager
def _without_rate_limit():
    """Demo content is written in one go by a handful of accounts: lift the posting limits meanwhile."""
    limits = services.POSTS_PER_MINUTE, services.POSTS_PER_BURST
    services.POSTS_PER_MINUTE = services.POSTS_PER_BURST = 10**6
    try:
        yield
    finally:
        services.POSTS_PER_MINUTE, services.POSTS_PER_BURST = limits


def _ensure_community(spec, users):
    """The community with its members, themes and resources; (community, whether it was created)."""
    community = Community.objects.filter(slug=spec.slug).first()
    if community is not None:
        return community, False
    community = Community.objects.create(
        slug=spec.slug, name=spec.name, visibility=spec.visibility, summary=spec.summary, about=spec.about
    )
    community.themes.set(Theme.objects.filter(slug__in=spec.themes))
    community.resources.set(Page.objects.filter(slug__in=spec.resources))
    for username, role in spec.members.items():
        if username not in users:
            continue
        if role == "pending":
            Membership.objects.create(
                community=community,
                user=users[username],
                status=Membership.Status.PENDING,
                message="I coordinate locality planning in Fife and would like to learn from SDS practice.",
            )
        else:
            Membership.objects.create(community=community, user=users[username], role=role)
    return community, True


def _ensure_thread(community, spec, users):
    """Start the thread and its conversation, dated as if it happened over the past days. False if it exists."""
    author = users.get(spec.author)
    if author is None or community.threads.filter(title=spec.title).exists():
        return False
    started = timezone.now() - timedelta(days=spec.days_ago)
    thread = services.start_thread(community, author, spec.title, spec.body, spec.tags)
    _backdate(thread.posts.get(), started)
    answers, last = {}, started
    for post_spec in spec.posts:
        for post, when in _post(thread, post_spec, users, lambda hours: started + timedelta(hours=hours)):
            last = max(last, when)
            if post.parent_id is None:
                answers[post_spec.author] = post
    Thread.objects.filter(pk=thread.pk).update(created=started, last_activity=last)
    if spec.pinned:
        services.set_thread_flags(thread, author, pinned=True)
    if spec.best in answers:
        services.mark_best_answer(thread, author, answers[spec.best])
    return True


def _ensure_comments(spec, users):
    """The page's demo comments that are not there yet, each `hours` ago. Returns how many were added."""
    page = Page.objects.filter(slug=spec.page).live().first()
    if page is None:
        return 0
    thread = services.comment_thread_for(page)
    now, added = timezone.now(), 0
    for post_spec in spec.posts:
        if thread.posts.filter(body_source=post_spec.body).exists():
            continue
        for _post_created, _when in _post(thread, post_spec, users, lambda hours: now - timedelta(hours=hours)):
            added += 1
    if added:
        last = thread.posts.order_by("-created").values_list("created", flat=True).first()
        Thread.objects.filter(pk=thread.pk).update(last_activity=last)
    return added


def _post(thread, spec, users, when_of, parent=None):
    """Post `spec` and its replies through the services, each dated `when_of(hours)`; yields (post, when)."""
    author = users.get(spec.author)
    if author is None:
        return
    when = when_of(spec.hours)
    post = services.post_reply(thread, author, spec.body, parent=parent)
    _backdate(post, when)
    yield post, when
    for reply in spec.replies:
        yield from _post(thread, reply, users, when_of, parent=post)


def _backdate(post, when):
    Post.objects.filter(pk=post.pk).update(created=when)
