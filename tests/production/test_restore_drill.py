"""The restore drill: pg_dump of the running database, restored into a fresh one, a search index rebuilt
from it, and the same counts of pages, threads, posts, room messages and members on both sides."""

import subprocess

from tests.production import stack
from tests.production.conftest import python

COUNTS = """
import json
from django.contrib.auth import get_user_model
from wagtail.models import Page
from forums.models import Post, Thread
from rooms.models import RoomMessage
from search.models import SearchEntry
print(json.dumps({
    "pages": Page.objects.count(),
    "threads": Thread.objects.count(),
    "posts": Post.objects.count(),
    "room messages": RoomMessage.objects.count(),
    "members": get_user_model().objects.count(),
    "search entries": SearchEntry.objects.count(),
}))
"""


def test_a_dump_restores_into_a_fresh_database_with_the_same_content_and_a_rebuilt_index(state, tmp_path):
    live = f"{state['pg']}/{state['database']}"
    restored_name = f"{state['database']}_restore"
    restored = f"{state['pg']}/{restored_name}"
    before = python(state, COUNTS)
    assert all(before.values()), f"the running site has nothing to drill with: {before}"

    dump = tmp_path / "site.dump"
    result = subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", live], capture_output=True, text=True)  # noqa: S603, S607
    assert result.returncode == 0, f"pg_dump of the running database failed:\n{result.stderr}"
    stack.fresh_database(state, restored_name)
    result = subprocess.run(  # noqa: S603
        ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={restored}", str(dump)],  # noqa: S607
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, f"pg_restore into a fresh database failed:\n{result.stderr}"

    # The restored site, with its own index on the same cluster (as a restore onto new machines would have).
    restored_env = {"DATABASE_URL": restored, "SEARCH_INDEX_PREFIX": f"{stack.INDEX_PREFIX}-restored"}
    after = python(state, COUNTS, extra_env=restored_env)
    assert after == before, f"the restored database differs: before {before}, after {after}"
    out = stack.manage(state, "search_index", "rebuild", extra_env=restored_env)
    index = f"{stack.INDEX_PREFIX}-restored*"
    stack.es_request(state, "POST", f"/{index}/_refresh")
    documents = stack.es_request(state, "GET", f"/{index}/_count")["count"]
    try:
        assert documents == after["search entries"], (
            f"the rebuilt index holds {documents} documents for {after['search entries']} search entries:\n{out}"
        )
    finally:
        for name in stack.es_request(state, "GET", f"/{index}/_settings"):
            stack.es_request(state, "DELETE", f"/{name}")
