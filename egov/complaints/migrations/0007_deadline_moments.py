"""Deadlines become moments: the columns that hold them, filled by the next migration.

Art. 19 of the Civil Petitions Treatment Act counts a period of five days or
less in working hours from the moment of receipt, so a deadline is a moment,
not a date. The old date columns stay until 0008 has recounted every case.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('agencies', '0002_closures'),
        ('complaints', '0006_complaint_in_queue'),
    ]

    operations = [
        migrations.AddField(
            model_name='complaint',
            name='due_at',
            field=models.DateTimeField(null=True),
        ),
        migrations.AddField(
            model_name='answer',
            name='due_at',
            field=models.DateTimeField(null=True),
        ),
        migrations.AddField(
            model_name='secondreview',
            name='due_at',
            field=models.DateTimeField(null=True),
        ),
        migrations.AddField(
            model_name='complaintevent',
            name='due_at_after',
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
