"""A book being built carries a heartbeat: one whose worker stopped is marked failed by the
sweep (amplify.operations.heartbeat), and the manager retries it."""

from amplify.operations import heartbeat
from amplify.talentbook.models import Book, BookStatus

heartbeat.watch(
    Book,
    working=[BookStatus.BUILDING],
    failed=BookStatus.FAILED,
    retry="you can retry it.",
)
