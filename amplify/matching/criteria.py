"""The matching criteria as people read them, in their language.

The pure core names each criterion in English (amplify.core.matching.profiles.LABELS) and a
run stores those names with its pairs; pages translate the stored name when they show it
(the `translated` filter). These are the catalogue's entries for them: a test checks this
table against the core's, so a criterion added there cannot go untranslated.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from amplify.core.matching.profiles import Criterion

LABELS = {
    Criterion.INTERESTS: _("Shared interests and skills"),
    Criterion.CAREER: _("Career goal matches the mentor's field"),
    Criterion.DIVISION: _("Wants to work where the mentor works"),
    Criterion.LANGUAGE: _("Mentor speaks the mentee's first language"),
    Criterion.TIME_ZONE: _("Close time zones"),
    Criterion.LOCATION: _("Can meet in person nearby"),
    Criterion.AVAILABILITY: _("Shared free time in the week"),
    Criterion.SENIORITY: _("Mentor is more senior"),
    Criterion.BACKGROUND: _("Shares the background the mentee asked for"),
}
