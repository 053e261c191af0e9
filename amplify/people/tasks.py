"""Background work for imports: a 100,000-row file takes longer than a web request.

Each task keeps its import's heartbeat while it works, so an import whose worker was killed is
marked failed (see amplify.operations.heartbeat) instead of looking busy forever."""

from django_tasks import task

from amplify.operations import heartbeat
from amplify.people.models import PeopleImport
from amplify.people.services import people_import_apply, people_import_check


@task()
def check_people_import(job_id: int) -> str:
    job = PeopleImport.objects.get(pk=job_id)
    with heartbeat.beating(job):
        return people_import_check(job=job).status


@task()
def apply_people_import(job_id: int) -> str:
    job = PeopleImport.objects.get(pk=job_id)
    if job.status != PeopleImport.Status.IMPORTING:
        # Failed meanwhile (its worker was thought stopped) and not committed again.
        return job.status
    with heartbeat.beating(job):
        return people_import_apply(job=job).status
