"""The production check's fixtures: the running stack (scripts/production-stack.sh up), HTTP through the
proxy with the run's CA, and Python run in the stack's own environment (production settings, its database).

These tests are collected only when COP_PRODUCTION_STACK is set (tests/conftest.py), which
`make production-check` does after starting the stack; they never start or stop it themselves,
except the one node or process each test stops and starts again.
"""

import json
import re
import textwrap
import time
import uuid

import pytest
import requests

from tests.production import stack

PASSWORD = "prod-check-2026-pass"


@pytest.fixture(scope="session")
def state():
    recorded = stack.load_state()
    if recorded is None:
        pytest.fail(f"no production stack recorded in {stack.CONFIG['dir']}: run scripts/production-stack.sh up")
    return recorded


@pytest.fixture(scope="session")
def site_url(state):
    return stack.environment(state)["COP_STACK_URL"]


@pytest.fixture(scope="session")
def ca_file(state):
    return stack.environment(state)["ELASTICSEARCH_CA_CERTS"]


def python(state, code, timeout=120, extra_env=None):
    """Run `code` in a Django shell of the stack (production settings, its database); its last line is JSON."""
    out = stack.manage(state, "shell", "-c", textwrap.dedent(code), timeout=timeout, extra_env=extra_env)
    lines = [line for line in out.splitlines() if line.strip()]
    assert lines, f"the stack's shell printed nothing for:\n{code}"
    return json.loads(lines[-1])


@pytest.fixture(scope="session")
def world(state):
    """Two members of one open community with a thread and a live room, made for this run."""
    tag = uuid.uuid4().hex[:8]
    return python(
        state,
        f"""
        import json
        from forums import services
        from tests.factories import CommunityFactory, MemberFactory, RoomFactory, member_of
        community = CommunityFactory(slug="prod-check-{tag}", name="Production check {tag}")
        ailsa = MemberFactory(username="ailsa-{tag}", password="{PASSWORD}")
        brodie = MemberFactory(username="brodie-{tag}", password="{PASSWORD}")
        for member in (ailsa, brodie):
            member_of(community, member)
        thread = services.start_thread(community, ailsa, "Rotas for the winter {tag}", "Who covers the gritting rota?")
        room = RoomFactory(community=community, slug="prod-room-{tag}", title="Room {tag}")
        print(json.dumps({{"tag": "{tag}", "community": community.slug, "thread": thread.pk,
                           "thread_url": thread.get_absolute_url(), "room": room.slug,
                           "members": [ailsa.email, brodie.email]}}))
        """,
    )


def new_browser(ca_file):
    session = requests.Session()
    session.trust_env = False  # the run's CA, not a CA bundle or proxy from the environment
    session.verify = ca_file
    return session


def csrf_token(html):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, "the page has no CSRF token in its form"
    return match.group(1)


def sign_in(site_url, ca_file, email):
    """Sign in through the proxy with the real form; the session cookie is then the member's."""
    browser = new_browser(ca_file)
    page = browser.get(f"{site_url}/accounts/login/", timeout=10)
    assert page.status_code == 200, f"the sign-in page answered {page.status_code} through the proxy"
    answer = browser.post(
        f"{site_url}/accounts/login/",
        data={"csrfmiddlewaretoken": csrf_token(page.text), "login": email, "password": PASSWORD},
        headers={"Referer": f"{site_url}/accounts/login/"},
        timeout=10,
    )
    assert answer.status_code == 200, f"signing in answered {answer.status_code}"
    assert "sessionid" in browser.cookies, (
        f"signing in as {email} through the proxy gave no session:\n{answer.text[:500]}"
    )
    return browser


def wait_until(what, check, timeout, interval=0.1):
    """A bounded poll: the result of check() once truthy, else a failure saying what did not happen in time."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = check()
        except Exception as exc:  # noqa: BLE001 (reported if it never succeeds)
            last = exc
        else:
            if last:
                return last
        time.sleep(interval)
    pytest.fail(f"{what}: not within {timeout}s (last: {last!r})")


def run_command(state, *arguments):
    return stack.manage(state, *arguments, timeout=120)


class RoomSocket:
    """A member in a live room, speaking only docs/protocols.md: session cookie, site origin, `?after=`."""

    def __init__(self, url, site_url, cookie, ca_file):
        self.url, self.site_url, self.cookie, self.ca_file = url, site_url, cookie, ca_file
        self.socket = None
        self.messages = {}  # id -> body_html, every message frame or history entry seen
        self.high = 0

    async def connect(self, after=None, timeout=10):
        import ssl

        import websockets

        url = self.url + ("" if after is None else f"?after={after}")
        context = ssl.create_default_context(cafile=self.ca_file) if url.startswith("wss:") else None
        self.socket = await websockets.connect(
            url, origin=self.site_url, additional_headers={"Cookie": f"sessionid={self.cookie}"},
            ssl=context, proxy=None, open_timeout=timeout,
        )  # fmt: skip
        await self.until(lambda frame: frame.get("type") == "history", "the room's history", timeout)
        return self

    def _keep(self, frame):
        entries = frame.get("messages", []) if frame.get("type") == "history" else []
        if frame.get("type") == "message":
            entries = [frame["message"]]
        for message in entries:
            self.messages[message["id"]] = message["body_html"]
            self.high = max(self.high, message["id"])

    async def until(self, wanted, what, timeout=10):
        import asyncio

        async def read():
            while True:
                frame = json.loads(await self.socket.recv())
                self._keep(frame)
                if wanted(frame):
                    return frame

        try:
            return await asyncio.wait_for(read(), timeout)
        except TimeoutError:
            pytest.fail(f"{what} did not arrive within {timeout}s on {self.url}")

    async def say(self, body):
        client_id = uuid.uuid4().hex
        await self.socket.send(json.dumps({"type": "message", "body": body, "client_id": client_id}))
        return client_id

    async def hears(self, text, timeout=10):
        if any(text in body for body in self.messages.values()):
            return
        await self.until(
            lambda frame: frame.get("type") == "message" and text in frame["message"]["body_html"],
            f"the message {text!r}", timeout,
        )  # fmt: skip

    async def close(self):
        if self.socket is not None:
            await self.socket.close()
