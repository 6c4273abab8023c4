"""Members' text: a small Markdown subset rendered with markdown-it-py, then cleaned with nh3.

Raw HTML in the source is never passed through; the cleaner is the second fence, so even a bug
in rendering cannot let a script, an event handler or a javascript: link reach another member.
"""

import re

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code", "pre"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
MENTION = re.compile(r"(?<![\w@/])@([A-Za-z0-9_.+-]{2,150})")

_renderer = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False}).enable(
    ["emphasis", "list", "link", "blockquote", "backticks", "fence", "code", "newline", "escape", "autolink"]
)


def render(source, mention_url=None):
    """Safe HTML for a post. `mention_url(name)` returns a profile URL for a known @name, else None."""
    html = _renderer.render(source or "")
    if mention_url is not None:
        html = _link_mentions(html, mention_url)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow ugc noopener",
    )


def mentioned_names(source):
    """The @names in a post's source, outside code, in order, without repeats."""
    text = re.sub(r"```.*?```|`[^`]*`", " ", source or "", flags=re.S)
    seen = []
    for name in MENTION.findall(text):
        name = name.rstrip(".")
        if name not in seen:
            seen.append(name)
    return seen


def _link_mentions(html, mention_url):
    # Only in text outside tags, and not inside <a> or <code>/<pre>.
    parts = re.split(r"(<[^>]+>)", html)
    depth = 0
    for i, part in enumerate(parts):
        if part.startswith("<"):
            tag = re.match(r"</?(a|code|pre)\b", part)
            if tag:
                depth += -1 if part.startswith("</") else 1
            continue
        if depth == 0:
            parts[i] = MENTION.sub(lambda m: _mention(m, mention_url), part)
    return "".join(parts)


def _mention(match, mention_url):
    name = match.group(1).rstrip(".")
    url = mention_url(name)
    trailing = match.group(1)[len(name) :]
    if not url:
        return match.group(0)
    return f'<a href="{url}" class="cop-mention">@{name}</a>{trailing}'
