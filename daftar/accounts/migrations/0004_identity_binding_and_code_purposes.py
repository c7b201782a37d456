"""Issue 12: the binding of a national code to a mobile (ADR 0006) and codes with a purpose
(ADR 0007).

Accounts that exist before this migration were bound by a first sign-in that nobody checked,
so they become provisional (no `mobile_owner_verified_at`): the next sign-in asks the
ownership inquiry, or an office checks the national card. Existing codes are sign-in codes.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_authenticator_enrolment_code'),
        ('auth', '0012_alter_user_first_name_max_length'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='onetimecode',
            name='otp_code_recent_idx',
        ),
        migrations.AddField(
            model_name='onetimecode',
            name='audience',
            field=models.CharField(blank=True, help_text='office:T0101 or partner:7', max_length=40, verbose_name='asked by'),
        ),
        migrations.AddField(
            model_name='onetimecode',
            name='basis',
            field=models.CharField(blank=True, choices=[('registered', "The account's verified mobile"), ('inquiry_match', 'The ownership inquiry confirmed the mobile'), ('inquiry_unavailable', 'The ownership inquiry could not answer'), ('office_card', 'The operator checked the national card')], max_length=20, verbose_name='mobile checked by'),
        ),
        migrations.AddField(
            model_name='onetimecode',
            name='confirmed_at',
            field=models.DateTimeField(blank=True, help_text='A consent code typed back correctly, before the request that uses it.', null=True, verbose_name='confirmed at'),
        ),
        migrations.AddField(
            model_name='onetimecode',
            name='purpose',
            field=models.CharField(choices=[('sign_in', 'Sign-in'), ('consent', 'Consent to a request opened by an office or an app'), ('reclaim', 'A new mobile proven at an office')], default='sign_in', max_length=10, verbose_name='purpose'),
        ),
        migrations.AddField(
            model_name='onetimecode',
            name='service_code',
            field=models.CharField(blank=True, max_length=60, verbose_name='service'),
        ),
        migrations.AddField(
            model_name='user',
            name='mobile_owner_verified_at',
            field=models.DateTimeField(blank=True, help_text="When the mobile was confirmed as the national code holder's. Until then the account is provisional.", null=True, verbose_name='mobile ownership verified at'),
        ),
        migrations.AddField(
            model_name='user',
            name='mobile_owner_verified_by',
            field=models.CharField(blank=True, choices=[('inquiry', 'National mobile-ownership inquiry'), ('office', 'National card checked at an office')], max_length=10, verbose_name='mobile ownership verified by'),
        ),
        migrations.AddIndex(
            model_name='onetimecode',
            index=models.Index(fields=['national_code', 'purpose', '-created_at'], name='otp_code_purpose_idx'),
        ),
        migrations.AddConstraint(
            model_name='user',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('mobile_owner_verified_at__isnull', True), ('mobile_owner_verified_by', '')), models.Q(('mobile_owner_verified_at__isnull', False), models.Q(('mobile_owner_verified_by', ''), _negated=True)), _connector='OR'), name='user_mobile_owner_proof_consistent'),
        ),
    ]
