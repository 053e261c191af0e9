"""A programme's survey settings as the reminder job and the template reads them, and the
dates a template wave gets when it is applied to a cohort.

The dating rule: a template wave opens `opens_after_days` after its anchor (the cohort's
start or end date; negative: before it), at `OPENING_HOUR` in the server's time zone, and
closes `open_days` later. A *follow-up* wave dated from the cohort's end with 0 days is the
programme's usual follow-up: it opens `follow_up_months` (settings, 6 by default) after the
end instead. Any other offset is taken as written.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from amplify.programmes.models import Cohort, Programme
from amplify.surveys.models import (
    DEFAULT_REMINDER_DAYS,
    Anchor,
    Phase,
    SurveySettings,
    TemplateWave,
)

OPENING_HOUR = 9


def settings_for(programme: Programme) -> SurveySettings:
    """The programme's settings, or (unsaved) the defaults when it has none."""
    found = SurveySettings.objects.filter(programme=programme).first()
    if found is not None:
        return found
    return SurveySettings(programme=programme, reminder_days=list(DEFAULT_REMINDER_DAYS))


def settings_for_programmes(programme_ids: Iterable[int]) -> dict[int, SurveySettings]:
    """`settings_for` of many programmes in one query (the reminder job's read)."""
    ids = set(programme_ids)
    found = {s.programme_id: s for s in SurveySettings.objects.filter(programme_id__in=ids)}
    return {
        pid: found.get(pid)
        or SurveySettings(programme_id=pid, reminder_days=list(DEFAULT_REMINDER_DAYS))
        for pid in ids
    }


def months_after(day: date, months: int) -> date:
    """The same day of the month, `months` later (the month's last day when it is shorter:
    31 August + 6 months is 28 or 29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def opening_day(template_wave: TemplateWave, cohort: Cohort, settings: SurveySettings) -> date:
    anchor = cohort.starts_on if template_wave.anchor == Anchor.START else cohort.ends_on
    if (
        template_wave.phase == Phase.FOLLOW_UP
        and template_wave.anchor == Anchor.END
        and template_wave.opens_after_days == 0
    ):
        return months_after(anchor, settings.follow_up_months)
    return anchor + timedelta(days=template_wave.opens_after_days)


def wave_dates(
    template_wave: TemplateWave, cohort: Cohort, settings: SurveySettings
) -> tuple[datetime, datetime]:
    """(opens_at, closes_at) of the wave this template wave gives the cohort."""
    day = opening_day(template_wave, cohort, settings)
    opens_at = timezone.make_aware(datetime.combine(day, time(OPENING_HOUR)))
    return opens_at, opens_at + timedelta(days=template_wave.open_days)
