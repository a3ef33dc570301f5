import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0004_address_and_date_of_birth'),
        ('notifications', '0002_copy_portal_notifications'),
    ]

    operations = [
        migrations.CreateModel(
            name='Preference',
            fields=[
                ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='notification_preference', serialize=False, to=settings.AUTH_USER_MODEL)),
                ('email', models.CharField(choices=[('each', 'Every message as it happens'), ('digest', 'One summary a day'), ('off', 'No email')], max_length=8)),
                ('sms', models.BooleanField(default=False)),
                ('updated_at', models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={
                'constraints': [models.CheckConstraint(condition=models.Q(('email__in', ['each', 'digest', 'off'])), name='preference_email_known')],
            },
        ),
        migrations.CreateModel(
            name='Delivery',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('channel', models.CharField(choices=[('email', 'Email'), ('sms', 'Text message')], max_length=8)),
                ('state', models.CharField(choices=[('queued', 'Queued'), ('sent', 'Sent'), ('failed', 'Failed'), ('held', 'Held for the daily summary'), ('skipped', 'Not sent')], max_length=8)),
                ('attempts', models.PositiveSmallIntegerField(default=0)),
                ('reason', models.CharField(blank=True, max_length=100)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('next_attempt_at', models.DateTimeField(blank=True, null=True)),
                ('sent_at', models.DateTimeField(blank=True, null=True)),
                ('notification', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='notifications.notification')),
            ],
            options={
                'verbose_name_plural': 'deliveries',
                'indexes': [models.Index(condition=models.Q(('state', 'queued')), fields=['next_attempt_at'], name='delivery_queued_idx'), models.Index(condition=models.Q(('state', 'held')), fields=['notification'], name='delivery_held_idx')],
                'constraints': [models.UniqueConstraint(fields=('notification', 'channel'), name='delivery_once'), models.CheckConstraint(condition=models.Q(('channel__in', ['email', 'sms'])), name='delivery_channel_known'), models.CheckConstraint(condition=models.Q(('state__in', ['queued', 'sent', 'failed', 'held', 'skipped'])), name='delivery_state_known'), models.CheckConstraint(condition=models.Q(models.Q(('state', 'sent'), _negated=True), ('sent_at__isnull', False), _connector='OR'), name='delivery_sent_has_time')],
            },
        ),
    ]
