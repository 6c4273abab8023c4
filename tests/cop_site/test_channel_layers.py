"""The embedded channel layer sweeps expired messages once a second, not on every frame, and still sweeps."""

import asyncio

import pytest
from channels.layers import InMemoryChannelLayer

from cop_site import channel_layers
from cop_site.channel_layers import SweptInMemoryChannelLayer


async def test_a_thousand_frames_cost_one_sweep(monkeypatch):
    sweeps = []
    monkeypatch.setattr(InMemoryChannelLayer, "_clean_expired", lambda layer: sweeps.append(1))
    layer = SweptInMemoryChannelLayer(capacity=2000)
    for number in range(1000):
        await layer.send("member!one", {"type": "frame", "n": number})
    received = [await layer.receive("member!one") for _ in range(1000)]
    assert [frame["n"] for frame in received] == list(range(1000)), "nothing lost, in order"
    assert len(sweeps) == 1


async def test_a_dead_connection_still_leaves_the_group(monkeypatch):
    layer = SweptInMemoryChannelLayer(expiry=0.05)
    await layer.group_add("room-1", "member!dead")
    await layer.group_add("room-1", "member!alive")
    await layer.send("member!dead", {"type": "frame"})
    await asyncio.sleep(0.1)  # the dead one never read its frame, which has expired
    monkeypatch.setattr(channel_layers, "SWEEP_INTERVAL", 0)
    await layer.group_send("room-1", {"type": "frame", "n": 2})
    assert set(layer.groups["room-1"]) == {"member!alive"}
    assert (await asyncio.wait_for(layer.receive("member!alive"), 2))["n"] == 2


@pytest.mark.parametrize("interval", [0, 1.0])
async def test_messages_past_their_expiry_are_dropped_once_swept(monkeypatch, interval):
    monkeypatch.setattr(channel_layers, "SWEEP_INTERVAL", interval)
    layer = SweptInMemoryChannelLayer(expiry=0.05)
    await layer.send("member!away", {"type": "frame"})
    await asyncio.sleep(0.1)
    layer._swept_at = float("-inf")  # a second has passed since the last sweep
    await layer.send("member!other", {"type": "frame"})
    await asyncio.wait_for(layer.receive("member!other"), 2)
    assert "member!away" not in layer.channels
