"""The report PDF is built by the worker (`manage.py amplify_worker`): laying out a report's
charts is longer than a request should wait, and always in the background so the page
behaves the same for every cohort."""

from django_tasks import task

from amplify.impact.models import ReportPDF


@task()
def build_report_pdf(build_id: int) -> str:
    from amplify.impact.pdf import report_pdf_build

    return report_pdf_build(build=ReportPDF.objects.get(pk=build_id)).status
