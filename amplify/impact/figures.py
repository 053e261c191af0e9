"""What a computed figure is, as every page, API answer, export and PDF receives it.

A `Figure` is computed from records each time (never typed in) and already disclosure-
controlled: when its group is small, `value`, `numerator` and `n` are None and
`suppressed` says why. Its `trace` is the "how this was computed" record: definition, wave,
filters, numerator and denominator, the suppression applied and the time.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from amplify.core.statistics import PairedTest


class Unit:
    PERCENT = "percent"
    MEAN = "mean"
    COUNT = "count"
    RATIO = "ratio"


@dataclass(frozen=True)
class Figure:
    key: str  # the indicator's key
    name: str
    definition: str
    unit: str  # a Unit value
    value: float | None  # percent (0–100), mean, count or ratio; None when hidden
    numerator: int | None = None
    n: int | None = None
    ci_low: float | None = None  # percent, for a share
    ci_high: float | None = None
    invited: int | None = None  # for survey figures: people asked…
    responded: int | None = None  # …and people who answered
    suppressed: str = ""  # "", "small", "complementary", "refused" or "no_data"
    paired: PairedTest | None = None  # pre/post change on linked answers, if any
    paired_note: str = ""  # why no paired claim is made, when none is
    trace: dict[str, Any] = field(default_factory=dict)

    @property
    def hidden(self) -> bool:
        return self.value is None

    def display(self) -> str:
        """The figure in words, e.g. "74% (14 of 19; 95% CI 51–88%)"."""
        if self.suppressed == "no_data":
            return _("no answers yet")
        if self.value is None:
            return _("fewer than 5")
        if self.unit == Unit.PERCENT and self.numerator is not None and self.n is not None:
            text = _("%(value)s%% (%(numerator)s of %(n)s") % {
                "value": f"{self.value:.0f}",
                "numerator": self.numerator,
                "n": self.n,
            }
            if self.ci_low is not None and self.ci_high is not None:
                text += _("; 95%% CI %(low)s–%(high)s%%") % {
                    "low": f"{self.ci_low:.0f}",
                    "high": f"{self.ci_high:.0f}",
                }
            return text + ")"
        if self.unit == Unit.MEAN:
            return _("%(value)s (n = %(n)s)") % {"value": f"{self.value:.1f}", "n": self.n}
        if self.unit == Unit.RATIO:
            return f"{self.value:.0f}%"
        return f"{self.value:.0f}"

    def response_rate(self) -> str:
        """E.g. "19 of 23 mentors answered" (empty when not a survey figure)."""
        if self.invited is None or self.responded is None:
            return ""
        return _("%(responded)s of %(invited)s answered") % {
            "responded": self.responded,
            "invited": self.invited,
        }

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready, for the API and for a published snapshot."""
        data = asdict(self)
        data["display"] = self.display()
        return data
