"""What page tests share: a signed-in client, a page's parsed HTML, and an element's text as a reader sees it."""

from bs4 import BeautifulSoup
from django.test import Client


def signed_in(user, csrf=False):
    """A test client signed in as `user`; with csrf=True it checks CSRF tokens as a browser's requests are."""
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user)
    return client


def soup_of(response, status=200):
    assert response.status_code == status, response.content[:3000]
    return BeautifulSoup(response.content, "html.parser")


def text_of(node):
    return " ".join(node.get_text().split())
