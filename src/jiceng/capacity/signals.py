"""Signals other parts listen to. ``secondment_recorded`` is sent after the recording transaction
commits, with ``secondment`` (a ``Secondment``) and ``events`` (ledger-contract dicts, one per
month, from ``jiceng.capacity.secondments.secondment_events``), so the ledger can book them."""

from django.dispatch import Signal

secondment_recorded = Signal()
