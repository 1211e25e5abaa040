"""The content clock (one row, set at migration time) and a partial index on
pages with a go-live date, which the clock's "latest go-live that has passed"
reads on every API request (like cms_page_expire_at for expiry)."""

from django.db import migrations, models
from django.utils import timezone

INDEX = "cms_caching_page_go_live_at"


def create_clock(apps, schema_editor):
    apps.get_model("cms_caching", "ContentClock").objects.get_or_create(
        pk=1, defaults={"changed_at": timezone.now()}
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = [("wagtailcore", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="ContentClock",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("changed_at", models.DateTimeField()),
            ],
            options={"verbose_name": "content clock"},
        ),
        migrations.RunPython(create_clock, migrations.RunPython.noop),
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (go_live_at) WHERE go_live_at IS NOT NULL",
            reverse_sql=f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
