"""Regions, ISO 3166-1 countries and ISO 639-1 languages."""

from django.db import migrations

from amplify.people.reference import load_reference_data


def load(apps, schema_editor):
    load_reference_data(apps)


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
