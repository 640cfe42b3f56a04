"""Background jobs: the Celery app (production) and the in-process scheduler (demo).

Production runs a worker and one beat scheduler against Redis::

    JICENG_BROKER_URL=redis://127.0.0.1:6379/0 celery -A jiceng.jobs worker -l info
    JICENG_BROKER_URL=redis://127.0.0.1:6379/0 celery -A jiceng.jobs beat -l info

(or, instead of beat, cron runs ``jiceng jobs sweep --enqueue`` every minute). The demo
(``jiceng demo``) needs neither: an in-process thread runs the same sweep. See README.md.
"""

from jiceng.jobs.celery_app import app

__all__ = ["app"]
