from django.db import migrations


class Migration(migrations.Migration):
    # The rows were copied to the notifications app first.
    dependencies = [
        ("portal", "0001_initial"),
        ("notifications", "0002_copy_portal_notifications"),
    ]

    operations = [
        migrations.DeleteModel(name="Notification"),
    ]
