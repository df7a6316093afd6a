"""Create or refresh the Curator (all rights) and Editor (edit, no publish or delete) groups."""

from django.core.management.base import BaseCommand

from archive.roles import setup_roles


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options) -> None:
        for name, group in setup_roles().items():
            self.stdout.write(f"{name}: {group.permissions.count()} permissions")
