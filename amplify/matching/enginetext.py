"""The matching engine's texts a run stores (its stage, its proof), marked for translation.

The core (amplify.core.matching) may not import Django, so it speaks in English msgids with
parameters; each is repeated here inside gettext_noop so that makemessages finds it. A test
checks that this table and the core's stay the same. They are translated when shown
(amplify.home.storedtext).
"""

from django.utils.translation import gettext_noop

STAGES = (
    gettext_noop("Scoring pairs"),
    gettext_noop("Solving"),
    gettext_noop("Proving optimality"),
    gettext_noop("Explaining who is left"),
    gettext_noop("Done"),
)
GROUPING_WARNINGS = (
    gettext_noop("%(band)s: only %(people)s people, one group below the minimum of %(min)s."),
    gettext_noop(
        "%(band)s: %(people)s people cannot all be in groups of %(min)s–%(max)s; sizes used: "
        "%(sizes)s."
    ),
)
STATEMENTS = (
    gettext_noop("Stable: no mentor and mentee would both rather be paired with each other"),
    gettext_noop("Certified optimal"),
    gettext_noop(
        "Certified optimal: %(candidates)s candidate pairs, every other pair priced out by the "
        "dual prices (%(rounds)s solve)"
    ),
    gettext_noop(
        "Certified optimal: %(candidates)s candidate pairs, every other pair priced out by the "
        "dual prices (%(rounds)s solves)"
    ),
    gettext_noop("Best found; at most %(gap)s from the optimum (dual bound)"),
)
PREFERENCES = (
    gettext_noop("Preferences: derived from the scores (nobody ranked)"),
    gettext_noop("Preferences: the rankings every mentee and mentor gave"),
    gettext_noop(
        "Preferences: rankings from %(mentees)s of %(mentee_total)s mentees and %(mentors)s of "
        "%(mentor_total)s mentors; the others by score"
    ),
)
