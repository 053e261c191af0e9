"""The MILES diversity framework's pillars."""

from django.db import migrations

from amplify.programmes.pillars import load_pillars


def load(apps, schema_editor):
    load_pillars(apps)


class Migration(migrations.Migration):
    dependencies = [("programmes", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
