"""Curator and Editor roles as Django groups.

Curators hold every right on the archive and exhibits. Editors add and change records and send them
to review, but may not publish, withdraw or delete: they lack the `publish_*` and `delete_*`
permissions, and the admin checks those permissions (archive.admin.base). Both may view the
import batches (transfer); undoing one deletes records, so it takes the `delete_*` permission.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

ROLE_APPS = ("archive", "exhibits", "transfer")
CURATOR = "Curator"
EDITOR = "Editor"


@transaction.atomic
def setup_roles() -> dict[str, Group]:
    """Create or refresh the Curator and Editor groups; return them by name."""
    permissions = Permission.objects.filter(content_type__app_label__in=ROLE_APPS)
    curator, _ = Group.objects.get_or_create(name=CURATOR)
    curator.permissions.set(permissions)
    editor, _ = Group.objects.get_or_create(name=EDITOR)
    editor.permissions.set(
        permissions.exclude(codename__startswith="delete_").exclude(codename__startswith="publish_")
    )
    return {CURATOR: curator, EDITOR: editor}
