"""The interface every search backend implements, so views and tests never know which one answers."""

from abc import ABC, abstractmethod


class BackendUnavailable(Exception):
    """The backend's service cannot be reached; the caller falls back or records a retry."""


class SearchBackend(ABC):
    name = ""

    @abstractmethod
    def upsert(self, documents):
        """Add or replace SearchDocuments."""

    @abstractmethod
    def delete(self, doc_ids):
        """Remove documents by id; unknown ids are ignored."""

    @abstractmethod
    def search(self, query, communities):
        """SearchResults for a SearchQuery, seeing public documents and those of `communities`."""

    @abstractmethod
    def suggest(self, text, communities, limit=8):
        """Titles that start with (or contain a word starting with) the text: [{title, url, type}]."""

    @abstractmethod
    def more_like_this(self, doc_id, communities, limit=3):
        """Documents like the given one: [Hit]."""

    @abstractmethod
    def vocabulary_rows(self, limit):
        """[(title, summary, themes)] of at most `limit` public documents: the words spelling corrections use."""

    @abstractmethod
    def count(self):
        """How many documents the index holds."""

    @abstractmethod
    def clear(self):
        """Remove every document (tests and rebuilds)."""
