"""统筹评估: the two-way township scorecard (burden, empowerment, service results), its imbalance
checks and the county's monthly report. The index itself (``index.py``, ``imbalance.py``,
``explain.py``, ``stats.py``, ``policy.py``, ``charts.py``, ``document.py``) is pure Python."""
