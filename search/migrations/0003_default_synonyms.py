from django.db import migrations

GROUPS = [
    "counterfeit, fake, knockoff, knock-off, replica, dupe, imitation, bogus, falsificado, falso, pirata, imitación",
    "vape, vapes, e-cigarette, e-cigarettes, vaping, vapeador, cigarrillo electrónico",
    "medicine, medicines, drug, drugs, medication, medications, pills, medicamento, medicamentos, pastillas",
    "charger, chargers, power adapter, power adapters, cargador, cargadores",
    "package, parcel, shipment, paquete, envío",
    "makeup, cosmetics, maquillaje, cosméticos",
    "seized, seizure, detained, held, decomiso, retenido",
]


def forwards(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    if not SynonymGroup.objects.exists():
        SynonymGroup.objects.bulk_create(SynonymGroup(terms=terms) for terms in GROUPS)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_synonyms_and_query_stats")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
