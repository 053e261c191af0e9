"""Every event gets an audience. Existing events take the rule of Event.default_audience as
it stood when this migration was written (a migration must not call code that may change):
training in a programme with mentors is for the mentors, everything else for everyone."""

from django.db import migrations, models

AUDIENCE_CHOICES = [
    ("everyone", "Everyone in the cohort"),
    ("mentors", "Mentors only"),
    ("mentees", "Mentees only"),
]


def audience_from_kind(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    Event.objects.filter(kind="training", cohort__programme__kind="mentoring").update(
        audience="mentors"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_online_link_http_only"),
        ("programmes", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="audience",
            field=models.CharField(choices=AUDIENCE_CHOICES, default="everyone", max_length=12),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalevent",
            name="audience",
            field=models.CharField(choices=AUDIENCE_CHOICES, default="everyone", max_length=12),
            preserve_default=False,
        ),
        migrations.RunPython(audience_from_kind, migrations.RunPython.noop),
    ]
