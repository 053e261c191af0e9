"""Home groups formed before gender was kept private held each group's count of consented
genders: drop those counts, and the gender balance flag of bands with groups smaller than
five (where it could say who is who)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import migrations
from django.db.models import Count

PRIVATE = ("gender",)
SMALL_GROUP = 5  # amplify.core.privacy.SMALL_GROUP when this was written


def forwards(apps: Any, schema_editor: Any) -> None:
    HomeGroup = apps.get_model("matching", "HomeGroup")
    GroupingRun = apps.get_model("matching", "GroupingRun")
    groups = list(HomeGroup.objects.annotate(people=Count("members")))
    small: set[tuple[int, str]] = set()
    for group in groups:
        if group.people < SMALL_GROUP:
            small.add((group.run_id, group.band))
    runs_small: dict[int, bool] = defaultdict(bool)
    for group in groups:
        balance = group.balance or {}
        for attribute in PRIVATE:
            balance.get("counts", {}).pop(attribute, None)
            if (group.run_id, group.band) in small and attribute in balance.get("perfect", {}):
                balance["perfect"][attribute] = None
                runs_small[group.run_id] = True
        HomeGroup.objects.filter(pk=group.pk).update(balance=balance)
    for run in GroupingRun.objects.filter(pk__in=[pk for pk, yes in runs_small.items() if yes]):
        for attribute in PRIVATE:
            if attribute in run.result.get("perfect", {}):
                run.result["perfect"][attribute] = None
        GroupingRun.objects.filter(pk=run.pk).update(result=run.result)


class Migration(migrations.Migration):
    dependencies = [("matching", "0002_opaque_run_inputs")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
