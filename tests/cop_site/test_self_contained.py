"""The repository describes itself: nothing in it sends a reader to a file outside it.

Someone who clones the project can read its design in docs/ (architecture, protocols, the people it
serves, operations); a comment or page naming a design file kept elsewhere would be a dead end.
"""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUTSIDE = re.compile(r"DESIGN\.md|STYLE\.md|\.\./shared\b|shared/seed")
TEXT = {".py", ".md", ".html", ".js", ".css", ".txt", ".toml", ".cfg", ".ini", ".sh", ".json", ".yml", ".yaml", ""}


def tracked_files():
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [ROOT / name for name in listed.splitlines()]


def test_no_file_points_outside_the_repository():
    pointing = []
    for path in tracked_files():
        if path.suffix not in TEXT or not path.is_file() or path == Path(__file__):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        pointing += [f"{path.relative_to(ROOT)}: {match.group()}" for match in OUTSIDE.finditer(text)]
    assert pointing == []


def test_the_readme_links_the_projects_own_docs():
    readme = (ROOT / "README.md").read_text()
    for page in ("docs/architecture.md", "docs/protocols.md", "docs/operations.md"):
        assert page in readme
        assert (ROOT / page).is_file()
