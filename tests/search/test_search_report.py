import pytest
from django.contrib.auth.models import Group

from search.models import QueryLog
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = UserFactory(username="eilidh")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


def test_editors_see_top_queries_and_content_gaps(client, editor):
    for query, results in [("sds", 4), ("sds", 4), ("kelp farming", 0), ("kelp farming", 0), ("ferries", 0)]:
        QueryLog.objects.create(query=query, results=results, backend="database")
    html = client.get("/admin/reports/search-queries/").content.decode()
    gaps = html.split("Content gaps")[1].split("Top queries")[0]
    assert gaps.index("kelp farming") < gaps.index("ferries"), "most frequent gap first"
    assert "sds" not in gaps
    assert "ran 5 searches; 3 found nothing" in html
    csv_lines = client.get("/admin/reports/search-queries/", {"format": "csv"}).content.decode().splitlines()
    assert csv_lines[0] == "query,searches,best result count"
    assert "kelp farming,2,0" in csv_lines


def test_practitioners_cannot_see_the_report(client):
    client.force_login(UserFactory(username="priya"))
    assert client.get("/admin/reports/search-queries/").status_code == 302
