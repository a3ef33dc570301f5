"""Closures: days off beyond the public holidays, kept as data (temporary public holidays, office closures)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('agencies', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Closure',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('day', models.DateField(verbose_name='day')),
                ('name_en', models.CharField(max_length=120, verbose_name='name in English')),
                ('name_ko', models.CharField(max_length=120, verbose_name='name in Korean')),
                ('name_id', models.CharField(max_length=120, verbose_name='name in Indonesian')),
                ('declared_at', models.DateTimeField()),
                ('withdrawn_at', models.DateTimeField(blank=True, null=True)),
                ('agency', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='closures', to='agencies.agency')),
                ('declared_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('withdrawn_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'closure',
                'verbose_name_plural': 'closures',
                'ordering': ['day', 'id'],
                'indexes': [models.Index(condition=models.Q(('withdrawn_at__isnull', True)), fields=['day'], name='closure_in_force_idx')],
                'constraints': [models.UniqueConstraint(condition=models.Q(('agency__isnull', True), ('withdrawn_at__isnull', True)), fields=('day',), name='closure_one_nationwide_a_day'), models.UniqueConstraint(condition=models.Q(('agency__isnull', False), ('withdrawn_at__isnull', True)), fields=('day', 'agency'), name='closure_one_per_office_a_day'), models.CheckConstraint(condition=models.Q(models.Q(('withdrawn_at__isnull', True), ('withdrawn_by__isnull', True)), models.Q(('withdrawn_at__isnull', False), ('withdrawn_by__isnull', False)), _connector='OR'), name='closure_withdrawal_complete')],
            },
        ),
    ]
