"""Where browser tests leave what a person may want to look at afterwards: full-page screenshots.

They go to `test-output/e2e/` at the top of the checkout (ignored by git), or to the folder named by
COP_TEST_OUTPUT; each run overwrites the files of the same name.
"""

import os
from pathlib import Path

from tests.conftest import ROOT


def output_folder():
    folder = Path(os.environ.get("COP_TEST_OUTPUT") or ROOT / "test-output") / "e2e"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save_screenshot(page, name):
    """A full-page screenshot of the page as it is now, as `name` in the output folder; its path."""
    path = output_folder() / name
    page.screenshot(path=str(path), full_page=True)
    return path
