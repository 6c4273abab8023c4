"""One ASGI process killed (-9): nginx serves everything through the other; a member whose room socket
died reconnects through the proxy with `?after=` and catches up on what was said meanwhile."""

import uuid

from tests.production import stack
from tests.production.conftest import RoomSocket, new_browser, sign_in


async def test_killing_one_process_leaves_the_site_serving_and_rooms_catch_up(state, site_url, ca_file, world):
    first, second = state["asgi_ports"]
    path = f"/ws/rooms/{world['room']}/"
    ailsa_cookie = sign_in(site_url, ca_file, world["members"][0]).cookies["sessionid"]
    brodie_cookie = sign_in(site_url, ca_file, world["members"][1]).cookies["sessionid"]
    ailsa = RoomSocket(f"ws://127.0.0.1:{first}{path}", site_url, ailsa_cookie, ca_file)
    brodie = RoomSocket(f"ws://127.0.0.1:{second}{path}", site_url, brodie_cookie, ca_file)
    await ailsa.connect()
    await brodie.connect()
    try:
        before = f"Before the crash {uuid.uuid4().hex[:6]}"
        await brodie.say(before)
        await ailsa.hears(before)

        stack.kill_asgi(state, 0)
        browser = new_browser(ca_file)
        for attempt in range(10):
            answer = browser.get(f"{site_url}/", timeout=10)
            assert answer.status_code == 200, f"request {attempt + 1} after the kill answered {answer.status_code}"

        missed = [f"While you were away {n} {uuid.uuid4().hex[:6]}" for n in range(3)]
        for text in missed:
            await brodie.say(text)
            await brodie.hears(text)
        # Ailsa's browser reconnects to the site's address (the proxy), from the last message it saw.
        wss = site_url.replace("https://", "wss://")
        back = RoomSocket(f"{wss}{path}", site_url, ailsa_cookie, ca_file)
        back.high = ailsa.high
        await back.connect(after=ailsa.high)
        for text in missed:
            await back.hears(text, timeout=5)
        assert all(message_id > ailsa.high for message_id in back.messages), "the catch-up repeated old messages"
        await back.close()
    finally:
        await ailsa.close()
        await brodie.close()
        stack.start_asgi(state, 0)
    answers = {new_browser(ca_file).get(f"{site_url}/", timeout=10).status_code for _ in range(4)}
    assert answers == {200}, f"after the process came back the site answered {answers}"
