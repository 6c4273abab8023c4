"""Reading settings from environment variables, kept apart so the rules are written once."""

import os
from pathlib import Path
from urllib.parse import unquote, urlparse

CONSOLE_EMAIL = "django.core.mail.backends.console.EmailBackend"


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=()):
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or list(default)


def email_settings():
    """Console email unless EMAIL_URL (smtp:// or smtps://user:pass@host:port) says otherwise."""
    settings = {
        "DEFAULT_FROM_EMAIL": os.environ.get("DEFAULT_FROM_EMAIL", "Communities of Practice <noreply@localhost>"),
        "EMAIL_BACKEND": CONSOLE_EMAIL,
    }
    url = os.environ.get("EMAIL_URL", "").strip()
    if not url:
        return settings
    parsed = urlparse(url)
    if parsed.scheme not in {"smtp", "smtps", "submission"}:
        raise ValueError(f"EMAIL_URL must start with smtp://, smtps:// or submission://, not {parsed.scheme}://")
    settings.update(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST=parsed.hostname or "localhost",
        EMAIL_PORT=parsed.port or {"smtp": 25, "smtps": 465, "submission": 587}[parsed.scheme],
        EMAIL_HOST_USER=unquote(parsed.username or ""),
        EMAIL_HOST_PASSWORD=unquote(parsed.password or ""),
        EMAIL_USE_SSL=parsed.scheme == "smtps",
        EMAIL_USE_TLS=parsed.scheme == "submission",
        EMAIL_TIMEOUT=10,
    )
    return settings


def email_goes_to_the_terminal(email_backend):
    """Whether emails are printed where the server runs instead of sent (the console backend, without EMAIL_URL).

    Then the start-up message and the sign-up pages say so: a newcomer's confirmation link is in that terminal.
    """
    return email_backend == CONSOLE_EMAIL


def elasticsearch_options():
    """Keyword arguments for every Elasticsearch client (ours and Wagtail's): credentials and TLS.

    ELASTICSEARCH_API_KEY (the encoded key Elasticsearch returns), or ELASTICSEARCH_USER with
    ELASTICSEARCH_PASSWORD; ELASTICSEARCH_CA_CERTS, a PEM file of the CA that signed the cluster's
    HTTP certificate; ELASTICSEARCH_VERIFY_CERTS=false skips certificate checks (tests only: the
    search app warns at every start-up). Contradictory or incomplete values stop the start-up.
    """
    api_key = os.environ.get("ELASTICSEARCH_API_KEY", "").strip()
    user = os.environ.get("ELASTICSEARCH_USER", "").strip()
    password = os.environ.get("ELASTICSEARCH_PASSWORD", "")
    ca_certs = os.environ.get("ELASTICSEARCH_CA_CERTS", "").strip()
    options = {}
    if api_key and (user or password):
        raise ValueError("Set ELASTICSEARCH_API_KEY or ELASTICSEARCH_USER and ELASTICSEARCH_PASSWORD, not both")
    if bool(user) != bool(password):
        raise ValueError("ELASTICSEARCH_USER and ELASTICSEARCH_PASSWORD must be set together")
    if api_key:
        options["api_key"] = api_key
    if user:
        options["basic_auth"] = (user, password)
    if ca_certs:
        if not Path(ca_certs).is_file():
            raise ValueError(f"ELASTICSEARCH_CA_CERTS={ca_certs} is not a file (a PEM file of the cluster's CA)")
        options["ca_certs"] = ca_certs
    if not env_bool("ELASTICSEARCH_VERIFY_CERTS", True):
        # One warning at start-up (search/apps.py) rather than one per request.
        options["verify_certs"] = False
        options["ssl_show_warn"] = False
    return options
