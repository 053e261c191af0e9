"""Runs longer than a request: they report their stage and progress on the run."""

from django_tasks import task

from amplify.matching.models import GroupingRun, MatchingRun


@task()
def execute_matching_run(run_id: int) -> str:
    from amplify.matching.services import matching_run_execute

    return matching_run_execute(run=MatchingRun.objects.get(pk=run_id)).status


@task()
def execute_grouping_run(run_id: int) -> str:
    from amplify.matching.services import grouping_run_execute

    return grouping_run_execute(run=GroupingRun.objects.get(pk=run_id)).status
