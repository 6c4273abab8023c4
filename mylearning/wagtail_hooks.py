"""Where member learning joins Wagtail's pages: reads are counted as pages are served, and a pathway
page shows the member's progress on it."""

from wagtail import hooks

from cop_site import page_cache
from learning.models.pages import PATHWAY_CONTEXT_HOOK
from mylearning import pathways, reading


@hooks.register(PATHWAY_CONTEXT_HOOK)
def pathway_progress(page, request):
    """The signed-in member's own progress and reflections (anonymous visitors: nothing started)."""
    return {
        "progress": pathways.progress_for(getattr(request, "user", None), page),
        "pathway_error": getattr(request, "pathway_error", ""),
    }


# --- Reads: what members read, and what is most read (mylearning/reading.py) ----------------------
@hooks.register("on_serve_page", order=100)  # innermost: after Wagtail's view restriction check
def count_reads(next_serve_page):
    """Count a read once the page itself answered a GET with 200 (previews never come here).

    Wrapped inside Wagtail's own view restriction check, so a password or sign-in prompt for a
    restricted page is not a read.
    """

    def serve_and_count(page, request, serve_args, serve_kwargs):
        response = next_serve_page(page, request, serve_args, serve_kwargs)
        reading.record_request_read(page, request, response.status_code)
        return response

    return serve_and_count


@hooks.register(page_cache.HIT_HOOK)
def count_cached_reads(page, request):
    """Anonymous visitors served from the page cache never reach Wagtail's serve: count them here."""
    if reading.is_countable_request(request):
        reading.record_cached_read(page)
