"""What people search for: the editors' view of demand and of content gaps (searches with no results)."""

from datetime import timedelta

from django.db.models import Count, Max
from django.utils import timezone

from search.models import QueryLog


def top_queries(days=30, limit=25):
    since = timezone.now() - timedelta(days=days)
    return list(
        QueryLog.objects.filter(created__gte=since)
        .values("query")
        .annotate(searches=Count("id"), results=Max("results"), last=Max("created"))
        .order_by("-searches", "query")[:limit]
    )


def content_gaps(days=30, limit=25):
    """Queries that found nothing, most often asked first: what editors might write next."""
    since = timezone.now() - timedelta(days=days)
    return list(
        QueryLog.objects.filter(created__gte=since, results=0)
        .values("query")
        .annotate(searches=Count("id"), last=Max("created"))
        .order_by("-searches", "-last")[:limit]
    )


def totals(days=30):
    since = timezone.now() - timedelta(days=days)
    logged = QueryLog.objects.filter(created__gte=since)
    return {"searches": logged.count(), "empty": logged.filter(results=0).count()}
