"""Move the notifications the portal kept into this app, keeping every row.

Old rows keep their stored title and body (they have no message key) and
their read state; only the kind is renamed to the sender's slug.
"""

from django.db import migrations

# The portal's kinds were singular nouns; a kind is now the sender's slug.
KINDS = {"account": "accounts", "complaint": "complaints"}
BATCH = 2000


def copy_rows(apps, schema_editor):
    Old = apps.get_model("portal", "Notification")
    New = apps.get_model("notifications", "Notification")
    batch = []
    for old in Old.objects.order_by("pk").iterator(chunk_size=BATCH):
        batch.append(
            New(
                recipient_id=old.recipient_id,
                kind=KINDS.get(old.kind, old.kind),
                title=old.title,
                body=old.body,
                url=old.url,
                created_at=old.created_at,
                read_at=old.read_at,
            )
        )
        if len(batch) == BATCH:
            New.objects.bulk_create(batch)
            batch = []
    New.objects.bulk_create(batch)


def copy_back(apps, schema_editor):
    Old = apps.get_model("portal", "Notification")
    New = apps.get_model("notifications", "Notification")
    singular = {slug: kind for kind, slug in KINDS.items()}
    batch = []
    for new in New.objects.order_by("pk").iterator(chunk_size=BATCH):
        batch.append(
            Old(
                recipient_id=new.recipient_id,
                kind=singular.get(new.kind, new.kind),
                # Newer rows have no text of their own: keep their key as a title.
                title=(new.title or new.key)[:200],
                body=new.body,
                url=new.url,
                created_at=new.created_at,
                read_at=new.read_at,
            )
        )
        if len(batch) == BATCH:
            Old.objects.bulk_create(batch)
            batch = []
    Old.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("portal", "0001_initial"),
    ]

    operations = [migrations.RunPython(copy_rows, copy_back)]
