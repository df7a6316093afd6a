"""Make sure a curator login exists for the local demo, and print how to log in.

The password is generated once, kept in var/curator-password.txt (git-ignored) and printed each
time, so `make run` can always tell a new user how to get into the admin.
"""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from archive.roles import CURATOR, setup_roles


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser) -> None:
        parser.add_argument("--username", default="curator", help="Login name (default: curator).")
        parser.add_argument(
            "--password-file",
            default=str(Path(settings.BASE_DIR) / "var" / "curator-password.txt"),
            help="Where the generated password is kept.",
        )

    def handle(self, *args, username: str, password_file: str, **options) -> None:
        groups = setup_roles()
        path = Path(password_file)
        user_model = get_user_model()
        user = user_model.objects.filter(username=username).first()
        if user is None or not path.exists():
            password = secrets.token_urlsafe(12)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(password + "\n")
            path.chmod(0o600)
            if user is None:
                user = user_model.objects.create_user(username=username, password=password)
            else:
                user.set_password(password)
        password = path.read_text().strip()
        user.is_staff = True
        user.save()
        user.groups.add(groups[CURATOR])
        self.stdout.write(
            self.style.SUCCESS(
                f"Curator login for http://127.0.0.1:8000/admin/ -> user: {username}  "
                f"password: {password}  (kept in {path})"
            )
        )
