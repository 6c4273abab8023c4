"""Settings shared by every profile.

Everything that differs between a laptop and a real deployment comes from the environment, so the
same code path serves the embedded default (SQLite, in-memory layer, database search) and the
scaled profile (PostgreSQL, Redis, Elasticsearch).
"""

import os
from pathlib import Path

import dj_database_url

from cop_site.env import elasticsearch_options, email_settings, env_bool, env_list

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "learning",
    "casestudies",
    "forums",
    "rooms",
    "search",
    "accounts",
    "mylearning",
    "insights",
    "demo",
    "cop_site",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # Django Ninja renders the API docs page from templates (without it, a page that loads a CDN)
    "channels",
    "allauth",
    "allauth.account",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cop_site.headers.security_headers_middleware",  # Content-Security-Policy, Permissions-Policy on everything
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "cop_site.middleware.RefuseNulMiddleware",  # PostgreSQL cannot take a NUL: a 400, not a 500
    "cop_site.middleware.MethodNotAllowedPageMiddleware",  # a wrong method gets a page in the site design
    "cop_site.request_memo.RequestMemoMiddleware",  # a GET works out who the person is once, not per helper
    "cop_site.page_cache.PageCacheMiddleware",  # before the session: a hit skips everything below
    "cop_site.page_routes.KnownSiteMiddleware",  # Wagtail's Site for this host, from the cache
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.LastSeenMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cop_site.urls"
WSGI_APPLICATION = "cop_site.wsgi.application"
ASGI_APPLICATION = "cop_site.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
            "builtins": ["cop_site.templatetags.cop_dates"],  # iso_datetime for <time datetime>
        },
    },
]

# --- Data ------------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the ASGI server read while a request writes; the busy timeout waits out short locks.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            # A transaction that reads then writes would otherwise fail at once on a lock instead of waiting.
            "transaction_mode": "IMMEDIATE",
        }
    )
    # A new SQLite connection reads the whole schema before its first query, about 2 ms of CPU on every
    # signed-in page (bench/README.md); a file has no server side for kept connections to pile up on.
    if "DB_CONN_MAX_AGE" not in os.environ:
        DATABASES["default"]["CONN_MAX_AGE"] = 600
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: channel layer and cache, or their in-process stand-ins --------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "capacity": 1500, "expiry": 30},
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "cop_site.cache.FailSafeRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "cop"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    # As Redis: room members each have a channel, and a burst must queue rather than drop.
    CHANNEL_LAYERS = {
        "default": {"BACKEND": "cop_site.channel_layers.SweptInMemoryChannelLayer", "CONFIG": {"capacity": 1500}}
    }
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Search ----------------------------------------------------------------------------------
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "").strip()
# Credentials and TLS for a secured cluster (ELASTICSEARCH_API_KEY or _USER/_PASSWORD, _CA_CERTS, _VERIFY_CERTS).
ELASTICSEARCH_OPTIONS = elasticsearch_options()
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "cop")
SEARCH_DATABASE_FULL_TEXT = env_bool("SEARCH_DATABASE_FULL_TEXT", True)  # FTS5 on SQLite, tsvector + GIN on PostgreSQL
# A hung Elasticsearch (search/breaker.py): reads wait this long, then the database answers for the cool-down.
SEARCH_READ_TIMEOUT = float(os.environ.get("SEARCH_READ_TIMEOUT", "0.4"))
SEARCH_BREAKER_COOLDOWN = float(os.environ.get("SEARCH_BREAKER_COOLDOWN", "30"))
SEARCH_RETRY_INTERVAL = int(os.environ.get("SEARCH_RETRY_INTERVAL", "30"))  # searches queue failed updates' retry
# Index shape on Elasticsearch, ours and Wagtail's: one node needs 0 replicas, or every index stays yellow.
SEARCH_INDEX_SHARDS = int(os.environ.get("SEARCH_INDEX_SHARDS", "1"))
SEARCH_INDEX_REPLICAS = int(os.environ.get("SEARCH_INDEX_REPLICAS", "0"))
# Processes that share `search_index rebuild`'s batches (PostgreSQL only; 1: the command's own process).
SEARCH_REBUILD_WORKERS = int(os.environ.get("SEARCH_REBUILD_WORKERS", "2"))
# Wagtail's admin search: on the same cluster when there is one (the public search is ours, search/).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS["default"] = {
        "BACKEND": "search.wagtail_backend",
        "URLS": [ELASTICSEARCH_URL],
        "INDEX_PREFIX": f"{SEARCH_INDEX_PREFIX}-wagtail-",
        "TIMEOUT": 5,
        "OPTIONS": dict(ELASTICSEARCH_OPTIONS),
    }

# --- Background work ---------------------------------------------------------------------------
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")}}

# --- Accounts ----------------------------------------------------------------------------------
# Django's and allauth's backends, loading the signed-in member in one plain query (accounts/sessions.py);
# the session's row likewise. Sessions made under the former backends' names sign in again once.
AUTHENTICATION_BACKENDS = [
    "accounts.sessions.ModelBackend",
    "accounts.sessions.AuthenticationBackend",
]
SESSION_ENGINE = "accounts.sessions"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# Sign-up also asks display name, organisation, sector and level; both forms use plain labels.
ACCOUNT_FORMS = {"signup": "accounts.forms.MemberSignupForm", "login": "accounts.forms.MemberLoginForm"}
ACCOUNT_USERNAME_BLACKLIST = ["me"]  # /members/me/... is always the signed-in member's own
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Communities of Practice] "
# Throttles on the default cache: sign-ups per network (a workshop's worth, not a bot's), failed sign-ins
# per network and per account on that network (accounts/adapter.py: a stranger's failures cannot lock a
# member out). Refusals get templates/429.html or a form error, never a 500.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_RATE_LIMITS = {
    "signup": os.environ.get("COP_SIGNUP_RATE_LIMIT", "5/10m/ip,20/h/ip"),
    "login_failed": "10/m/ip,5/5m/key",
}
COP_DEMO_PASSWORD = os.environ.get("COP_DEMO_PASSWORD", "demo-pass-2026")

# --- Email -------------------------------------------------------------------------------------
globals().update(email_settings())

# --- Internationalisation ----------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static and media files ----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
COP_SERVE_MEDIA = False  # dev and `make run` serve MEDIA_ROOT themselves (cop_site/urls.py)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Wagtail -----------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Communities of Practice Scotland"
# The site's address for links made without a request (emails): SITE_URL in production; under `make run`
# the port it serves on (cop_site/addresses.py). With a request, links use the request's own origin.
SITE_URL = (os.environ.get("SITE_URL", "").strip() or f"http://127.0.0.1:{os.environ.get('PORT', '8000')}").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# The admin stays on our own origin (cop_site/headers.py): no avatars from Gravatar, no release check from
# the editors' browsers (upgrades come through requirements.txt).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "elastic_transport": {"level": "WARNING"},
        # Task and page-event chatter is for operators who ask for it with LOG_LEVEL=DEBUG.
        "django_tasks": {"level": os.environ.get("TASKS_LOG_LEVEL", "WARNING")},
        "wagtail": {"level": os.environ.get("WAGTAIL_LOG_LEVEL", "WARNING")},
    },
}

# --- Anonymous page cache (cop_site/page_cache.py) ---------------------------------------------------
INSTALLED_APPS += ["cop_site.page_cache.PageCacheConfig"]  # connects the invalidation signals everywhere
# Calls a minute one address may make to /api/v1/ without signing in (cop_site/api.py), then a 429.
COP_API_ANONYMOUS_RATE_LIMIT = int(os.environ.get("COP_API_ANONYMOUS_RATE_LIMIT", "120"))
COP_PAGE_CACHE_SECONDS = int(os.environ.get("COP_PAGE_CACHE_SECONDS", "300"))  # 0 turns page caching off
# The shared parts of pages (cop_site/fragments.py) are kept this long at most; 0 turns fragment caching off.
COP_FRAGMENT_SECONDS = int(os.environ.get("COP_FRAGMENT_SECONDS", "3600"))
# Anonymous page reads served from the page cache are counted in memory and written this often (seconds).
COP_READS_FLUSH_SECONDS = float(os.environ.get("COP_READS_FLUSH_SECONDS", "10"))
# How long live-room messages are kept (days); `manage.py prune_room_transcripts` deletes older ones. 0 keeps them.
ROOM_TRANSCRIPT_RETENTION_DAYS = int(os.environ.get("ROOM_TRANSCRIPT_RETENTION_DAYS", "365"))
COP_BENCH = env_bool("COP_BENCH", False)  # bench/pages.py: adds /bench/minimal/ (cop_site/urls.py)
