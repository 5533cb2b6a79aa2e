"""Watch cell memberships that existed before expiry was kept get their six months from now."""

import datetime

from django.db import migrations
from django.utils import timezone

WATCH_MEMBERSHIP_DAYS = 183  # organizations.enums, as it was when this migration was written


def give_six_months(apps, schema_editor):
    Membership = apps.get_model("organizations", "OrganizationMembership")
    Membership.objects.filter(organization__kind="watch_cell", expires_on__isnull=True).update(
        expires_on=timezone.localdate() + datetime.timedelta(days=WATCH_MEMBERSHIP_DAYS)
    )


class Migration(migrations.Migration):
    dependencies = [("organizations", "0005_organizationmembership_expires_on")]

    operations = [migrations.RunPython(give_six_months, migrations.RunPython.noop)]
