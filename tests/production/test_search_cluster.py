"""Search on a secured two-node cluster: a publish is indexed by the task worker, and a node can go."""

import json
import uuid

from tests.production import stack
from tests.production.conftest import new_browser, python, wait_until


def search(site_url, ca_file, query):
    answer = new_browser(ca_file).get(f"{site_url}/api/v1/search", params={"q": query}, timeout=10)
    assert answer.status_code == 200, f"the search API answered {answer.status_code}"
    return answer.json()


def test_publishing_queues_a_task_the_worker_runs_and_the_page_is_found_within_2s(state, site_url):
    word = f"quokkamoor{uuid.uuid4().hex[:6]}"
    ca = stack.environment(state)["ELASTICSEARCH_CA_CERTS"]
    outcome = python(
        state,
        f"""
        import json, ssl, time, urllib.request
        from django.utils import timezone
        from django_tasks_db.models import DBTaskResult
        from tests.factories import EvidenceFactory
        page = EvidenceFactory(title="Gritting rotas in {word}", live=False)
        context = ssl.create_default_context(cafile="{ca}")
        page.save_revision().publish()  # as Wagtail's Publish button does; the editor sees "published" now
        published, published_at = time.monotonic(), timezone.now()
        found, elapsed = False, None
        while time.monotonic() - published < 5:
            with urllib.request.urlopen("{site_url}/api/v1/search?q={word}", context=context, timeout=5) as answer:
                body = json.loads(answer.read())
            if body["results"]:
                found, elapsed = True, time.monotonic() - published
                break
            time.sleep(0.05)
        tasks = [
            {{"status": row.status, "worker_ids": row.worker_ids, "task": row.task_path,
              "picked up": (row.started_at - published_at).total_seconds() if row.started_at else None,
              "done": (row.finished_at - published_at).total_seconds() if row.finished_at else None}}
            for row in DBTaskResult.objects.filter(args_kwargs__args__1=str(page.pk), enqueued_at__isnull=False)
        ]
        print(json.dumps({{"found": found, "elapsed": elapsed, "backend": body["backend"], "tasks": tasks}}))
        """,
    )
    assert outcome["found"], f"the published page was not searchable within 5s: {outcome}"
    assert outcome["backend"] == "elasticsearch", f"search answered from {outcome['backend']}, not the cluster"
    assert outcome["elapsed"] <= 2, (
        f"the page took {outcome['elapsed']:.2f}s to become searchable (aim: 2s); its tasks: {outcome['tasks']}"
    )
    synced = [task for task in outcome["tasks"] if task["task"].endswith("sync_document")]
    assert synced, f"publishing queued no indexing task in the database queue: {outcome['tasks']}"
    assert all(task["status"] == "SUCCESSFUL" and task["worker_ids"] for task in synced), (
        f"the indexing task was not run by the database worker: {synced}"
    )


def document_count(state):
    return stack.es_request(state, "GET", f"/{stack.INDEX_PREFIX}*/_count", timeout=10)["count"]


def test_stopping_one_node_leaves_every_document_searchable_and_it_rejoins(state, site_url, ca_file):
    health = stack.es_health(state, wait_for_status="green", timeout="60s")
    assert health["status"] == "green", f"the cluster is not green before the test (replicas unplaced): {health}"
    indices = stack.es_request(state, "GET", f"/{stack.INDEX_PREFIX}*/_settings/index.number_of_replicas")
    assert indices, "no search index on the cluster"
    for name, index in indices.items():
        assert index["settings"]["index"]["number_of_replicas"] == "1", f"{name} has no replica"
    documents = document_count(state)
    before = search(site_url, ca_file, "community")
    assert before["backend"] == "elasticsearch", f"search answered from {before['backend']} before the test"
    assert before["total"] > 0, "the demo content has nothing to find for 'community'"

    stack.stop_es_node(state, 1)  # the data-only node; the master stays
    try:
        wait_until(
            "the cluster noticing that one node left", lambda: stack.es_health(state)["number_of_nodes"] == 1, 60
        )
        wait_until(
            f"all {documents} documents answering on the remaining node",
            lambda: document_count(state) == documents,
            30,
        )
        after = search(site_url, ca_file, "community")
        assert after["backend"] == "elasticsearch", f"with one node gone, search fell back to {after['backend']}"
        assert after["total"] == before["total"], (
            f"with one node gone, search finds {after['total']} documents instead of {before['total']}"
        )
    finally:
        stack.start_es_node(state, 1)
    wait_until("the stopped node rejoining the cluster", lambda: stack.es_health(state)["number_of_nodes"] == 2, 120, 1)
    health = stack.es_health(state, wait_for_status="green", timeout="60s")
    assert health["status"] == "green", f"the replicas were not placed again after the node rejoined: {health}"
    assert json.dumps(search(site_url, ca_file, "community")["total"]) == json.dumps(before["total"])
