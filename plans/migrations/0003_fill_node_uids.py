"""Give every existing tree node its own uid (a column default would give them all one)."""

import uuid

from django.db import migrations

NODE_MODELS = ["SasaranStrategis", "SasaranProgram", "IndikatorKinerja", "Kegiatan", "RencanaKegiatan"]


def fill_uids(apps, schema_editor):
    for name in NODE_MODELS:
        model = apps.get_model("plans", name)
        nodes = list(model.objects.filter(uid__isnull=True).only("pk"))
        for node in nodes:
            node.uid = uuid.uuid4()
        model.objects.bulk_update(nodes, ["uid"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("plans", "0002_node_uid_history_status_changes")]

    operations = [migrations.RunPython(fill_uids, migrations.RunPython.noop)]
