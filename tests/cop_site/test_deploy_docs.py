"""docs/deploy.md and the files in deploy/ stay true to the code an operator runs.

An operator sets up the platform from that page and those files alone: a variable the code reads but
the page does not name is a setting nobody can find, and a unit that runs a command that no longer
exists fails at three in the morning.
"""

import configparser
import re
import subprocess
from pathlib import Path

from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
DEPLOY_DOC = ROOT / "docs" / "deploy.md"
SYSTEMD = ROOT / "deploy" / "systemd"
READS = re.compile(r"""(?:os\.environ\.get|os\.getenv|env_bool|env_list)\(\s*["']([A-Z][A-Z0-9_]*)["']""")
MANAGE = re.compile(r"manage\.py\s+([a-z_]+)")
# Read without naming them in our code: dj-database-url's config() and Django itself.
READ_BY_LIBRARIES = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}


def variables_the_code_reads():
    """Every environment variable named in the application's own code (tests and benchmarks aside)."""
    listed = subprocess.run(["git", "ls-files", "*.py"], cwd=ROOT, capture_output=True, text=True, check=True)
    names = set()
    for name in listed.stdout.splitlines():
        if name.startswith(("tests/", "bench/")):
            continue
        names |= set(READS.findall((ROOT / name).read_text(encoding="utf-8")))
    return names | READ_BY_LIBRARIES


def units():
    return sorted(SYSTEMD.glob("*.service")) + sorted(SYSTEMD.glob("*.timer")) + sorted(SYSTEMD.glob("*.target"))


def read_unit(path):
    parser = configparser.ConfigParser(strict=False, interpolation=None, delimiters=("=",))
    parser.optionxform = str
    parser.read_string(path.read_text().replace("\\\n", " "))
    return parser


def test_the_deploy_page_names_every_variable_the_code_reads():
    page = DEPLOY_DOC.read_text()
    found = variables_the_code_reads()
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL"} <= found  # the scan still works
    assert sorted(name for name in found if f"`{name}`" not in page) == []


def test_the_example_environment_file_sets_only_variables_the_code_reads():
    example = (ROOT / "deploy" / "cop.env.example").read_text()
    set_there = re.findall(r"^([A-Z][A-Z0-9_]*)=", example, flags=re.MULTILINE)
    assert "SECRET_KEY" in set_there
    assert sorted(set(set_there) - variables_the_code_reads()) == []


def test_every_command_the_units_run_is_a_management_command():
    commands = get_commands()
    run = {}
    for path in SYSTEMD.glob("*.service"):
        for command in MANAGE.findall(read_unit(path)["Service"]["ExecStart"]):
            run[command] = path.name
    assert {"db_worker", "publish_scheduled", "send_digests", "prune_room_transcripts", "search_index"} <= set(run)
    assert {"send_session_reminders"} <= set(run)
    assert sorted(f"{name} ({unit})" for name, unit in run.items() if name not in commands) == []


def test_every_timer_starts_a_service_that_is_there_and_runs_once():
    timers = sorted(SYSTEMD.glob("*.timer"))
    assert len(timers) >= 5
    for timer in timers:
        unit = read_unit(timer)
        service = SYSTEMD / unit["Timer"]["Unit"]
        assert service.is_file(), timer.name
        assert unit["Timer"]["OnCalendar"], timer.name
        assert read_unit(service)["Service"]["Type"] == "oneshot", service.name


def test_the_long_running_units_restart_and_read_the_environment_file():
    for path in [SYSTEMD / "cop-web@.service", SYSTEMD / "cop-worker.service"]:
        service = read_unit(path)["Service"]
        assert service["Restart"] == "always", path.name
        assert service["EnvironmentFile"] == "/etc/cop/cop.env", path.name
    web = read_unit(SYSTEMD / "cop-web@.service")["Service"]["ExecStart"]
    assert "--port %i" in web
    assert "--proxy-headers" in web
    wants = read_unit(SYSTEMD / "cop.target")["Unit"]["Wants"].split()
    assert all((SYSTEMD / re.sub(r"@[^.]+\.", "@.", name)).is_file() for name in wants), wants


def test_every_unit_the_page_names_is_in_deploy_systemd():
    page = DEPLOY_DOC.read_text()
    named = set(re.findall(r"(cop-[a-z-]+)(?=@|\.timer|\.service)", page))
    named |= set(re.findall(r"^\| `(cop-[a-z-]+)`", page, flags=re.MULTILINE))  # the timers' table
    files = {path.stem.rstrip("@") for path in units()}
    assert named
    assert sorted(named - files) == []
    assert sorted(name for name in files if name != "cop" and name not in page) == []


def test_the_readme_and_the_architecture_page_link_the_deploy_page():
    for page in ("README.md", "docs/architecture.md", "docs/operations.md"):
        assert "docs/deploy.md" in (ROOT / page).read_text(), page
