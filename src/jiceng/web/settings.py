"""Django settings for jiceng.

Everything that differs between the demo, the tests and production comes from the environment:
``DATABASE_URL`` (SQLite file by default, PostgreSQL in production), ``JICENG_SECRET_KEY``,
``JICENG_PRODUCTION`` and ``JICENG_DATA_DIR`` (uploads and the default SQLite file).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from jiceng.parts import parts_with

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("JICENG_DATA_DIR", Path.cwd() / "var")).resolve()

PRODUCTION = os.environ.get("JICENG_PRODUCTION", "") in {"1", "true", "yes"}
DEFAULT_SECRET = "jiceng-insecure-demo-secret-change-me"
SECRET_KEY = os.environ.get("JICENG_SECRET_KEY", DEFAULT_SECRET)
if PRODUCTION and (SECRET_KEY == DEFAULT_SECRET or len(SECRET_KEY) < 32):
    # 等保/ASVS: a production deployment must never run on a secret published in the source.
    raise ImproperlyConfigured(
        "生产模式下必须通过环境变量 JICENG_SECRET_KEY 设置至少 32 位的随机密钥。"
    )

DEBUG = os.environ.get("JICENG_DEBUG", "") in {"1", "true", "yes"} and not PRODUCTION
ALLOWED_HOSTS = [
    h
    for h in os.environ.get("JICENG_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
    if h
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "jiceng.core",
    "jiceng.web",
    *[f"jiceng.{part}" for part in parts_with("apps")],
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "jiceng.web.middleware.RequestSizeMiddleware",  # before CSRF/views read the body
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "jiceng.web.middleware.SecurityHeadersMiddleware",
    "jiceng.web.middleware.DomainErrorMiddleware",
]

AUTHENTICATION_BACKENDS = ["jiceng.core.auth.LockoutBackend"]

ROOT_URLCONF = "jiceng.web.urls"
WSGI_APPLICATION = "jiceng.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jiceng.web.navigation.navigation",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'jiceng.sqlite3'}"),
        conn_max_age=int(os.environ.get("JICENG_DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    if "DATABASE_URL" not in os.environ:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
    # WAL lets the demo's readers and the in-process worker run beside one writer.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
    DATABASES["default"]["OPTIONS"]["timeout"] = 20

# One process (demo, tests): the local-memory cache. Several app workers (production): set
# JICENG_CACHE_URL (redis://…) so they share one cache — the anonymous channel's flood windows
# and daily salt must be one per deployment, not one per worker, and cached dashboards are then
# computed once. Cached figures are keyed by data versions, so either backend is never stale.
CACHE_URL = os.environ.get("JICENG_CACHE_URL", "")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": CACHE_URL,
        "KEY_PREFIX": "jiceng",
    }
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"

# argon2 first: new and re-saved passwords are hashed with it.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "jiceng.core.passwords.CharacterClassValidator"},
]

# Lockout: after LOGIN_MAX_FAILURES failed logins for one account within the window, the account
# is locked for LOGIN_LOCKOUT_MINUTES (等保三级 identification: 登录失败处理).
LOGIN_MAX_FAILURES = int(os.environ.get("JICENG_LOGIN_MAX_FAILURES", "5"))
LOGIN_LOCKOUT_MINUTES = int(os.environ.get("JICENG_LOGIN_LOCKOUT_MINUTES", "15"))

# Anonymous burden reports (no identity is stored): how long their free text is kept, and the
# flood limits per hour (per salted client hash held only in the cache, and overall).
JICENG_ANONYMOUS_RETENTION_DAYS = int(os.environ.get("JICENG_ANONYMOUS_RETENTION_DAYS", "180"))
JICENG_ANONYMOUS_PER_CLIENT_LIMIT = int(os.environ.get("JICENG_ANONYMOUS_PER_CLIENT_LIMIT", "5"))
JICENG_ANONYMOUS_GLOBAL_LIMIT = int(os.environ.get("JICENG_ANONYMOUS_GLOBAL_LIMIT", "200"))

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after 30 idle minutes and when the browser closes (等保三级: 会话超时).
SESSION_COOKIE_AGE = int(os.environ.get("JICENG_SESSION_SECONDS", str(30 * 60)))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = os.environ.get("JICENG_SSL_REDIRECT", "1") == "1"
    SECURE_HSTS_SECONDS = int(os.environ.get("JICENG_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# collectstatic target for production; the demo and tests serve straight from the app folders.
STATIC_ROOT = os.environ.get("JICENG_STATIC_ROOT") or (
    str(DATA_DIR / "static") if PRODUCTION else None
)
MEDIA_ROOT = (
    DATA_DIR / "uploads"
)  # outside the web root: files are served by views that check access
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Whole request bodies above this are refused unread (RequestSizeMiddleware). The largest
# legitimate request is a coordination ticket with 10 photos of 10 MB; imports have their own
# 20 MB limits below it. Keep the reverse proxy's client_max_body_size the same.
JICENG_MAX_REQUEST_BYTES = int(os.environ.get("JICENG_MAX_REQUEST_BYTES", str(101 * 1024 * 1024)))
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("JICENG_LOG_LEVEL", "WARNING")},
}
