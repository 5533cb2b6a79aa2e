from django.db import migrations

from aidess.aids.fulltext import create_index_structures, drop_index_structures


class Migration(migrations.Migration):
    dependencies = [("aids", "0001_initial")]

    operations = [migrations.RunPython(create_index_structures, drop_index_structures)]
