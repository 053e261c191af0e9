"""The MILES diversity framework's pillars."""

from django.db import migrations

PILLARS = [
    ("M", "Mobility", "Careers that move: access, progression and movement across the business."),
    ("I", "Impact", "Reaching communities and under-represented talent outside the company."),
    ("L", "Leadership", "Diverse leaders, and leaders who include."),
    ("E", "Equity", "Fair pay, fair process and equal access to opportunity."),
    ("S", "Safety", "Workplaces where everyone is safe to be themselves."),
]


def load(apps, schema_editor):
    Pillar = apps.get_model("programmes", "Pillar")
    for position, (code, name, description) in enumerate(PILLARS):
        Pillar.objects.update_or_create(
            code=code, defaults={"name": name, "description": description, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("programmes", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
