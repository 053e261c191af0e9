"""What each readiness code says, in the reader's language (the codes are the core's)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from amplify.core import training as core

GAPS: dict[str, Promise] = {
    core.HOURS: _("Training hours not complete"),
    core.SAFEGUARDING: _("Safeguarding module not done"),
    core.CODE_NOT_ACCEPTED: _("Code of conduct not signed"),
    core.CODE_OUTDATED: _("Code of conduct: the new version is not signed"),
    core.CHECK_MISSING: _("No background check on record"),
    core.CHECK_PENDING: _("Background check pending"),
    core.CHECK_FAILED: _("Background check not cleared"),
    core.CHECK_EXPIRED: _("Background check expires before the cohort starts"),
}


def gap_labels(codes: tuple[str, ...] | list[str]) -> list[str]:
    return [str(GAPS.get(code, code)) for code in codes]
