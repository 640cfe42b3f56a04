"""The hook other parts subscribe to: a task has reached its townships.

Sent after the transaction that released the task commits (never for a rolled-back review), with
``task`` (an ``IntakeTask``). The burden ledger subscribes to record the task as burden events.
"""

from django.dispatch import Signal

task_released = Signal()
