"""The scheduled commands (deploy/ has their timers), each run once against the running stack, doing their job."""

import re
import time
import uuid

from tests.production import stack
from tests.production.conftest import new_browser, python, run_command, wait_until


def found(site_url, ca_file, word):
    answer = new_browser(ca_file).get(f"{site_url}/api/v1/search", params={"q": word}, timeout=10)
    return answer.status_code == 200 and bool(answer.json()["results"])


def test_publish_scheduled_publishes_a_page_whose_time_has_come(state, site_url, ca_file):
    word = f"wintergrit{uuid.uuid4().hex[:6]}"
    page = python(
        state,
        f"""
        import json
        from datetime import timedelta
        from django.utils import timezone
        from wagtail.models import Revision
        from tests.factories import EvidenceFactory
        page = EvidenceFactory(title="Scheduled {word}", live=False)
        page.go_live_at = timezone.now() + timedelta(seconds=2)
        page.save_revision().publish()  # scheduled, as "Publish" with a go-live date does
        page.refresh_from_db()
        scheduled = Revision.objects.filter(object_id=str(page.pk), approved_go_live_at__isnull=False).exists()
        page.refresh_from_db()
        print(json.dumps({{"live": page.live, "url": page.url, "scheduled": scheduled}}))
        """,
    )
    assert page["scheduled"], "publishing with a go-live date did not schedule the page"
    assert not page["live"], "the scheduled page went live before its time"
    time.sleep(2)  # its go-live time passes (bounded: a fixed two seconds)
    assert new_browser(ca_file).get(f"{site_url}{page['url']}", timeout=10).status_code == 404
    run_command(state, "publish_scheduled")
    answer = new_browser(ca_file).get(f"{site_url}{page['url']}", timeout=10)
    assert answer.status_code == 200, f"publish_scheduled did not publish the page ({answer.status_code})"
    wait_until(
        "the scheduled page becoming searchable (indexed by the worker)", lambda: found(site_url, ca_file, word), 10
    )


def test_send_digests_sends_the_weekly_digest_to_a_member_who_asked_for_it(state, world):
    member = python(
        state,
        f"""
        import json
        from forums.models import Community
        from tests.factories import MemberFactory, member_of
        member = MemberFactory(username="digest-{uuid.uuid4().hex[:8]}")  # weekly digest on, never had one
        member_of(Community.objects.get(slug="{world["community"]}"), member)  # where a thread is new this week
        print(json.dumps(member.username))
        """,
    )
    out = run_command(state, "send_digests")
    assert re.search(rf"sent {member} \(", out), f"send_digests sent {member} no digest:\n{out[-1500:]}"
    assert "Subject:" in out, "no digest email was written (console email in this run)"
    again = run_command(state, "send_digests")
    assert f"sent {member} (" not in again, "a second run the same week sent the digest again"


def test_prune_room_transcripts_deletes_only_messages_past_the_retention(state, world):
    counts = python(
        state,
        f"""
        import json
        from datetime import timedelta
        from django.utils import timezone
        from rooms.models import Room, RoomMessage
        room = Room.objects.get(slug="{world["room"]}")
        old = RoomMessage.objects.create(room=room, body_source="old", body_html="<p>old</p>", client_id="old-1",
                                         created=timezone.now() - timedelta(days=400))
        new = RoomMessage.objects.create(room=room, body_source="new", body_html="<p>new</p>", client_id="new-1")
        print(json.dumps({{"old": old.pk, "new": new.pk}}))
        """,
    )
    out = run_command(state, "prune_room_transcripts")
    left = python(
        state,
        f"""
        import json
        from rooms.models import RoomMessage
        left = RoomMessage.objects.filter(pk__in=[{counts["old"]}, {counts["new"]}])
        print(json.dumps(sorted(left.values_list("pk", flat=True))))
        """,
    )
    assert left == [counts["new"]], (
        f"prune_room_transcripts left {left} of old {counts['old']}, new {counts['new']}:\n{out}"
    )


def test_search_index_retry_applies_a_failed_update(state, site_url, ca_file):
    word = f"retryburn{uuid.uuid4().hex[:6]}"
    python(
        state,
        f"""
        import json
        from tests.factories import EvidenceFactory
        EvidenceFactory(title="Retried {word}")
        print(json.dumps(True))
        """,
    )
    wait_until("the new page being indexed by the worker", lambda: found(site_url, ca_file, word), 10)
    where = python(
        state,
        f"""
        import json
        from learning.models import EvidenceSummaryPage
        from search.indexing import document_id, elasticsearch_backend
        from search.models import PendingIndexUpdate
        page = EvidenceSummaryPage.objects.get(title="Retried {word}")
        backend = elasticsearch_backend()
        backend.delete([document_id(page)], refresh=True)  # as if the update had failed
        PendingIndexUpdate.objects.create(doc_id=document_id(page), action="upsert",
                                          model_label=page._meta.label, object_pk=str(page.pk))
        print(json.dumps({{"index": backend.alias, "doc": document_id(page)}}))
        """,
    )

    def in_index():
        stack.es_request(state, "POST", f"/{where['index']}/_refresh")
        query = {"query": {"ids": {"values": [where["doc"]]}}}
        return stack.es_request(state, "POST", f"/{where['index']}/_count", query)["count"] == 1

    # Asked of the cluster itself: the site's answers to a query it has seen may come from its cache.
    assert not in_index(), "the document is still in the index after it was dropped"
    out = run_command(state, "search_index", "retry")
    assert in_index(), f"search_index retry did not put the document back in the index:\n{out}"
    pending = python(
        state,
        f"""
        import json
        from search.models import PendingIndexUpdate
        print(json.dumps(PendingIndexUpdate.objects.filter(doc_id="{where["doc"]}").count()))
        """,
    )
    assert pending == 0, "the retried update is still queued"
