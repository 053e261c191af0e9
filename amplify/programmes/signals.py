"""What the programmes app tells the apps built on it, so that they can follow a cohort
without programmes importing them (matching imports programmes, never the other way)."""

from django.dispatch import Signal

# Sent inside the transaction that moved a cohort to a new status, with `cohort`, `previous`
# (the status it had) and `undelivered` (a list the caller reads once the transaction has
# committed, for the names of people an email could not reach; None when nobody reads it).
cohort_status_changed = Signal()
