"""The book is built by the worker (`manage.py amplify_worker`): rendering 130 spreads takes
longer than a request should."""

from django_tasks import task

from amplify.talentbook.models import Book


@task()
def build_book(book_id: int) -> str:
    from amplify.talentbook.services import book_build

    return book_build(book=Book.objects.get(pk=book_id)).status
