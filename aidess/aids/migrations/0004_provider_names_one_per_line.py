"""Provider names were space-joined (for the index only); one per line lets lists read them back."""

from django.db import migrations


def one_name_per_line(apps, schema_editor):
    Aid = apps.get_model("aids", "Aid")
    for aid in Aid.objects.prefetch_related("providers").only("pk", "provider_names"):
        names = "\n".join(sorted(provider.name for provider in aid.providers.all()))
        if names != aid.provider_names:
            Aid.objects.filter(pk=aid.pk).update(provider_names=names)


class Migration(migrations.Migration):
    dependencies = [("aids", "0003_national_aids_index")]
    operations = [migrations.RunPython(one_name_per_line, migrations.RunPython.noop)]
