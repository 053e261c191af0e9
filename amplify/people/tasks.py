"""Background work for imports: a 100,000-row file takes longer than a web request.

Each service claims its import and keeps its heartbeat while it works, so an import whose
worker was killed is marked failed (see amplify.operations.heartbeat) instead of looking busy
forever, and a worker it was taken from cannot overwrite what happened next. Services enqueue
these tasks; each task imports its service when it runs (one direction, as in every app)."""

from django_tasks import task

from amplify.people.models import PeopleImport


@task()
def check_people_import(job_id: int) -> str:
    from amplify.people.services import people_import_check

    return people_import_check(job=PeopleImport.objects.get(pk=job_id)).status


@task()
def apply_people_import(job_id: int) -> str:
    from amplify.people.services import people_import_apply

    return people_import_apply(job=PeopleImport.objects.get(pk=job_id)).status
