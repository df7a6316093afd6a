"""Curator and Editor roles as Django groups.

Curators hold every right on the archive and exhibits. Editors add and change records and send them
to review, but may not publish, withdraw or delete: they lack the `publish_*` and `delete_*`
permissions, and the admin checks those permissions (archive.admin.base). Both may view the
import batches (transfer); undoing one deletes records, so it takes the `delete_*` permission.
Curators also see the login lock-outs (django-axes' access attempts) and may lift one by deleting
it; Editors have no part in them, and the log of every login stays with superusers.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

ROLE_APPS = ("archive", "exhibits", "transfer")
# Login lock-outs (archive/admin/lockout.py): Curators may view and clear them.
LOCKOUT_PERMISSIONS = Q(
    content_type__app_label="axes",
    codename__in=("view_accessattempt", "delete_accessattempt"),
)
CURATOR = "Curator"
EDITOR = "Editor"


@transaction.atomic
def setup_roles() -> dict[str, Group]:
    """Create or refresh the Curator and Editor groups; return them by name."""
    permissions = Permission.objects.filter(content_type__app_label__in=ROLE_APPS)
    curator, _ = Group.objects.get_or_create(name=CURATOR)
    curator.permissions.set(permissions | Permission.objects.filter(LOCKOUT_PERMISSIONS))
    editor, _ = Group.objects.get_or_create(name=EDITOR)
    editor.permissions.set(
        permissions.exclude(codename__startswith="delete_").exclude(codename__startswith="publish_")
    )
    return {CURATOR: curator, EDITOR: editor}
