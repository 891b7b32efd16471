"""Supervision (Art. 31) and evaluation (Art. 28): set-based SQL over the workflow tables."""
