"""Signals of the mentoring relationship, for other apps to act on.

`relationship_ended(sender, pairing, reason)` is sent when a programme manager closes a
relationship (`relationship_close`), inside the closing transaction, after
`Pairing.ended_on` is set: a receiver's writes commit or roll back with the closure, and a
receiver that emails or calls out should do so in `transaction.on_commit`. `sender` is the
`Relationship` class, `pairing` the ended `Pairing`, `reason` a `ClosureReason` value.
(A pair ended by a withdrawal, `enrolment_withdraw`, sends nothing: no one closed it here.)
"""

from django.dispatch import Signal

relationship_ended = Signal()
