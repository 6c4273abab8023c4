"""Through nginx (TLS, two ASGI processes behind it): pages, sign-in, a comment, the JSON API, and rooms."""

import uuid

import pytest

from tests.production.conftest import RoomSocket, csrf_token, new_browser, sign_in


def test_pages_come_through_the_proxy_over_tls_with_production_settings(site_url, ca_file):
    browser = new_browser(ca_file)
    home = browser.get(f"{site_url}/", timeout=10)
    assert home.status_code == 200, f"the home page answered {home.status_code} through nginx"
    assert "Strict-Transport-Security" in home.headers, "production settings (HSTS) are not in force"
    missing = browser.get(f"{site_url}/no-such-page-{uuid.uuid4().hex}/", timeout=10)
    assert missing.status_code == 404
    assert "Traceback" not in missing.text, "DEBUG is on: a debug page came through"
    stylesheet = next(
        part.split('"')[0] for part in home.text.split('href="/static/')[1:] if ".css" in part.split('"')[0]
    )
    assert stylesheet.count(".") >= 2, f"static file {stylesheet} is not a manifest (fingerprinted) name"
    static = browser.get(f"{site_url}/static/{stylesheet}", timeout=10)
    assert static.status_code == 200, f"nginx did not serve /static/{stylesheet}: {static.status_code}"
    assert "immutable" in static.headers.get("Cache-Control", ""), "static files are not served by nginx's location"


def test_plain_http_to_a_process_is_sent_to_https(state):
    import requests

    port = state["asgi_ports"][0]
    answer = requests.get(f"http://127.0.0.1:{port}/", allow_redirects=False, timeout=10)
    assert answer.status_code == 301, "a request that did not come through TLS was not redirected"
    assert answer.headers["Location"].startswith("https://")


def test_sign_in_and_a_comment_through_the_proxy(site_url, ca_file, world):
    browser = sign_in(site_url, ca_file, world["members"][1])
    thread = browser.get(f"{site_url}{world['thread_url']}", timeout=10)
    assert thread.status_code == 200, f"the thread answered {thread.status_code}"
    text = f"I can cover the Tuesday rota {uuid.uuid4().hex[:6]}"
    posted = browser.post(
        f"{site_url}/discussions/threads/{world['thread']}/posts/",
        data={"csrfmiddlewaretoken": csrf_token(thread.text), "body": text},
        headers={"Referer": f"{site_url}{world['thread_url']}"},
        timeout=10,
    )
    assert posted.status_code == 200, f"posting the comment answered {posted.status_code}"
    assert text in browser.get(f"{site_url}{world['thread_url']}", timeout=10).text, "the comment is not on the thread"


def test_the_json_api_through_the_proxy(site_url, ca_file, world):
    browser = new_browser(ca_file)
    health = browser.get(f"{site_url}/api/v1/health", timeout=10)
    assert health.status_code == 200, f"/api/v1/health answered {health.status_code}"
    evidence = browser.get(f"{site_url}/api/v1/evidence", timeout=10)
    assert evidence.status_code == 200
    assert evidence.headers["Content-Type"].startswith("application/json")
    posts = sign_in(site_url, ca_file, world["members"][0]).get(
        f"{site_url}/api/v1/threads/{world['thread']}/posts", timeout=10
    )
    assert posts.status_code == 200, f"a member's API call answered {posts.status_code}"


def cookie_of(site_url, ca_file, email):
    return sign_in(site_url, ca_file, email).cookies["sessionid"]


async def test_the_websocket_upgrade_works_through_the_proxy(site_url, ca_file, world):
    wss = site_url.replace("https://", "wss://")
    member = RoomSocket(
        f"{wss}/ws/rooms/{world['room']}/", site_url, cookie_of(site_url, ca_file, world["members"][0]), ca_file
    )
    await member.connect()
    try:
        text = f"Through the proxy {uuid.uuid4().hex[:6]}"
        await member.say(text)
        await member.hears(text)
    finally:
        await member.close()


async def test_two_members_on_different_processes_talk_in_one_room(state, site_url, ca_file, world):
    """Each member connects straight to a different ASGI process, so they share nothing but Redis."""
    first, second = state["asgi_ports"]
    path = f"/ws/rooms/{world['room']}/"
    ailsa = RoomSocket(
        f"ws://127.0.0.1:{first}{path}", site_url, cookie_of(site_url, ca_file, world["members"][0]), ca_file
    )
    brodie = RoomSocket(
        f"ws://127.0.0.1:{second}{path}", site_url, cookie_of(site_url, ca_file, world["members"][1]), ca_file
    )
    await ailsa.connect()
    await brodie.connect()
    try:
        hello = f"Morning from process one {uuid.uuid4().hex[:6]}"
        await ailsa.say(hello)
        await brodie.hears(hello)
        answer = f"And from process two {uuid.uuid4().hex[:6]}"
        await brodie.say(answer)
        await ailsa.hears(answer)
    finally:
        await ailsa.close()
        await brodie.close()


pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
