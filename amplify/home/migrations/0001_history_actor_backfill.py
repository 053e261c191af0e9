"""Name the authors of the history recorded before `history_actor` existed, while their
accounts still exist (amplify/home/history_actor.py): once an account is deleted, only this
column says who made its changes."""

from typing import Any

from django.db import migrations

ACTOR_MAX_LENGTH = 500


def name_recorded_authors(apps: Any, schema_editor: Any) -> None:
    user_model = apps.get_model("accounts", "User")
    person_model = apps.get_model("people", "Person")
    names = dict(
        person_model.objects.filter(user__isnull=False).values_list("user_id", "name")
    )
    labels = {
        pk: (f"{names[pk]} ({email})" if names.get(pk) else email)[:ACTOR_MAX_LENGTH]
        for pk, email in user_model.objects.values_list("pk", "email")
    }
    for model in apps.get_models():
        if not any(f.name == "history_actor" for f in model._meta.concrete_fields):
            continue
        unnamed = model.objects.filter(history_user__isnull=False, history_actor="")
        # order_by() drops the history ordering, which DISTINCT would otherwise include.
        authors = unnamed.order_by().values_list("history_user_id", flat=True).distinct()
        for user_id in list(authors):
            unnamed.filter(history_user_id=user_id).update(history_actor=labels[user_id])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_history_records_name_their_author"),
        ("diversity", "0004_history_records_name_their_author"),
        ("events", "0004_history_records_name_their_author"),
        ("matching", "0008_history_records_name_their_author"),
        ("people", "0007_history_records_name_their_author"),
        ("programmes", "0003_history_records_name_their_author"),
    ]

    operations = [
        migrations.RunPython(name_recorded_authors, migrations.RunPython.noop, elidable=True),
    ]
