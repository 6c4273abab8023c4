"""The API does what its OpenAPI document says, for any input: property-based tests with schemathesis.

Every operation in `/api/v1/openapi.json` is called by schemathesis through the real ASGI application
(cop_site/asgi.py), signed out and signed in as a member of a community with a thread, with the
inputs it derives from the document (valid and not). Every answer must not be a 5xx, must use a status
the document lists for the operation, and its body must match the documented schema, errors included
(the one error shape of cop_site/errors.py); input the document calls invalid must be refused. Left
out: schemathesis's check that every schema-valid request succeeds, since a valid request for a post
that is not the caller's, or a thread that does not exist, is rightly refused. The number of examples
is bounded and the generation is derandomised, so a run costs the same every time and a failure repeats.
"""

import pytest
import schemathesis
from django.conf import settings
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from cop_site.asgi import application
from forums import inquiries, services
from tests.factories import CommunityFactory, UserFactory, member_of

pytestmark = pytest.mark.django_db(transaction=True)

EXAMPLES = 30  # per operation and person
CHECKS = dict(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))


@pytest.fixture
def stage():
    """A member of an open community with a thread in it, and the headers of their signed-in session."""
    fraser = UserFactory(username="fraser")
    community = CommunityFactory(slug="planning", visibility="open")
    member_of(community, fraser)
    thread = services.start_thread(community, fraser, "Locality plans", "How do you start?")
    inquiry = inquiries.start_inquiry(community, fraser, "How do we listen?", "Because it matters.")
    inquiries.write_entry(inquiries.open_cycle(inquiry, fraser, "Listen"), fraser, "plan", "Listen first")
    published_content(community)
    client = Client()
    client.force_login(fraser)
    token = client.get(thread.get_absolute_url()).cookies["csrftoken"].value
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    cookie = f"{settings.SESSION_COOKIE_NAME}={session}; csrftoken={token}"
    return {"thread": thread, "member": {"Cookie": cookie, "X-CSRFToken": token, "Referer": "http://testserver/"}}


def published_content(community):
    """One page of each content type and a room with a session, so lists answer items the schema must describe."""
    from learning.models import CouncilArea, Country, Skill
    from tests.factories import (
        CaseStudyFactory,
        EvidenceFactory,
        GuideFactory,
        PathwayFactory,
        RoomFactory,
        ScheduledSessionFactory,
    )

    # A transactional test empties the tables the migrations filled: the vocabularies the factories name.
    CouncilArea.objects.get_or_create(slug="fife", defaults={"name": "Fife"})
    Country.objects.get_or_create(slug="scotland", defaults={"name": "Scotland"})
    Skill.objects.get_or_create(slug="facilitation", defaults={"name": "Facilitation"})
    case, guide = CaseStudyFactory(themes=["co-production"]), GuideFactory()
    case.evidence_used.set([EvidenceFactory(strength=4)])
    steps = [
        ("step", {"page": guide, "why": "Learn the method.", "reflection_prompt": "Where?"}),
        ("step", {"page": case, "why": "See it used.", "reflection_prompt": "How?"}),
    ]
    PathwayFactory(steps=steps)
    ScheduledSessionFactory(room=RoomFactory(community=community, slug="planning-room"))


def operations():
    """Every operation of the document, as the running application serves it."""
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", application)
    found = [result.ok() for result in schema.get_all_operations()]
    # search, suggestions, health; a thread's posts, writing, editing, deleting, helpful; participation, sessions;
    # the open content: four content types (list, detail; downloads of two), the glossary, communities, rooms;
    # a community's inquiries, an inquiry
    assert len(found) >= 29
    return found


def exercise(headers=None):
    """Each operation with up to EXAMPLES generated requests; what failed, by operation (pytest shows it)."""
    failures = {}
    for operation in operations():

        @given(case=operation.as_strategy())
        @hypothesis_settings(**CHECKS)
        def call(case):
            case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])

        try:
            call()
        except (Exception, BaseExceptionGroup) as failure:  # one operation's failure must not hide the others'
            failures[operation.label] = str(failure)[:3000]
    return failures


def test_signed_out_every_answer_is_documented_and_never_a_server_error(stage):
    assert exercise() == {}


def test_signed_in_every_answer_is_documented_and_never_a_server_error(stage):
    assert exercise(headers=stage["member"]) == {}
