"""Background work for imports: a 100,000-row file takes longer than a web request."""

from django_tasks import task

from amplify.people.models import PeopleImport
from amplify.people.services import people_import_apply, people_import_check


@task()
def check_people_import(job_id: int) -> str:
    job = PeopleImport.objects.get(pk=job_id)
    return people_import_check(job=job).status


@task()
def apply_people_import(job_id: int) -> str:
    job = PeopleImport.objects.get(pk=job_id)
    return people_import_apply(job=job).status
