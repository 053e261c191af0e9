"""Settings of a real worker process started by the tests (amplify/operations/tests/
test_killed_workers.py): the test settings, with tasks queued in the database as in
production. The database comes from DATABASE_URL, set by the test to its own database."""

from amplify.settings_test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
AMPLIFY_JOB_HEARTBEAT_EVERY = 1
