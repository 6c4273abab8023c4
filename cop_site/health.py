"""What runs and what does not: used by the health API and by `make run`'s start-up message."""

import asyncio

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import connection

from cop_site.consumers import layer_kind
from search.breaker import CLOSED, breaker_for
from search.client import SearchUnavailable, elasticsearch_configured, server_info


def database_status():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:
        return {"available": False, "vendor": connection.vendor, "detail": str(exc)}
    return {"available": True, "vendor": connection.vendor}


def channel_layer_status():
    layer = get_channel_layer()
    kind = layer_kind(layer)

    async def probe():
        name = await layer.new_channel()
        await asyncio.wait_for(layer.send(name, {"type": "health.probe"}), timeout=2)
        await asyncio.wait_for(layer.receive(name), timeout=2)

    try:
        async_to_sync(probe)()
    except Exception as exc:
        return {"available": False, "backend": kind, "detail": f"live updates unavailable: {exc}"}
    return {"available": True, "backend": kind}


def search_status():
    if not elasticsearch_configured():
        return {"available": True, "backend": "database"}
    try:
        status = {"available": True, "backend": "elasticsearch", **server_info()}
    except SearchUnavailable as exc:
        status = {"available": False, "backend": "elasticsearch", "detail": str(exc)}
    state = breaker_for().state
    if state != CLOSED:  # this process answers searches from the database for now (search/breaker.py)
        note = f"search breaker {state}: searches are answered by the database until Elasticsearch answers again"
        status["detail"] = "; ".join(filter(None, [status.get("detail"), note]))
    return status


def platform_status():
    return {"database": database_status(), "channel_layer": channel_layer_status(), "search": search_status()}
