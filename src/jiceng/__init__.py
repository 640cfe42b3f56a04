"""jiceng — 基层赋能减负平台.

Each part of the platform is a sub-package (``duties``, ``intake``, ``ledger``, ``forms`` …).
Pure engines inside them import no Django, so the CLI, the web app, background jobs and the
tests all call the same functions.
"""

__version__ = "0.1.0"
