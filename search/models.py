"""What search keeps in the database: the document table (the database backend's index, and the
fallback when Elasticsearch is down), index updates waiting to be retried, and the query log."""

from django.db import models


class SearchEntry(models.Model):
    """One search document, flattened for the database backend. Lists are stored as '|a|b|'."""

    doc_id = models.CharField(max_length=64, unique=True)
    type = models.CharField(max_length=20, db_index=True)
    title = models.CharField(max_length=300)
    url = models.CharField(max_length=500)
    published = models.DateTimeField(null=True, db_index=True)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    themes = models.TextField(blank=True)
    sectors = models.TextField(blank=True)
    region = models.CharField(max_length=100, blank=True)
    countries = models.TextField(blank=True)
    study_type = models.CharField(max_length=50, blank=True)
    strength = models.PositiveSmallIntegerField(null=True)
    author = models.CharField(max_length=200, blank=True)
    community = models.BigIntegerField(null=True, db_index=True)
    # Lower-cased, accent-folded copies that queries match against.
    title_search = models.TextField(blank=True)
    text_search = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "search entries"

    def __str__(self):
        return f"{self.type}: {self.title}"


class SearchIndexVersion(models.Model):
    """One row that every write to SearchEntry changes, so every process knows when its copy of the
    short columns (search/backends/short_rows.py) is out of date."""

    version = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return f"search index version {self.version}"


class PendingIndexUpdate(models.Model):
    """An Elasticsearch update that failed: kept until a retry succeeds, never dropped."""

    class Action(models.TextChoices):
        UPSERT = "upsert"
        DELETE = "delete"

    doc_id = models.CharField(max_length=64, unique=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    model_label = models.CharField(max_length=100, blank=True)
    object_pk = models.CharField(max_length=64, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.action} {self.doc_id} ({self.attempts} attempts)"


class QueryLog(models.Model):
    """Every search a person ran, for the editors' report of top queries and content gaps."""

    query = models.CharField(max_length=200, db_index=True)
    results = models.PositiveIntegerField()
    backend = models.CharField(max_length=20)
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["results", "created"])]

    def __str__(self):
        return f"{self.query!r}: {self.results}"


class IndexRebuild(models.Model):
    """A rebuild in progress or done. While one runs, every index update also goes to its new index
    and is remembered, so the rebuild can replay what changed under it before swapping the alias."""

    target = models.CharField(max_length=200)
    started = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True)
    documents = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"rebuild into {self.target}"


class RebuildTouch(models.Model):
    rebuild = models.ForeignKey(IndexRebuild, on_delete=models.CASCADE, related_name="touches")
    doc_id = models.CharField(max_length=64)
    model_label = models.CharField(max_length=100, blank=True)
    object_pk = models.CharField(max_length=64, blank=True)

    def __str__(self):
        return self.doc_id
