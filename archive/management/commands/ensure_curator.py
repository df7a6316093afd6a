"""Make sure a curator login exists for the local demo, and print how to log in.

The password is generated once, kept in a git-ignored file under var/ and printed each time, so
`make run` can always tell a new user how to get into the admin. The file belongs to the database
the command ran against: var/curator-password.txt for the development database (db.sqlite3 in the
project), var/curator-password-<database name>-<hash>.txt for any other (the hash of its engine,
host, port and name), so running it against a second database never overwrites the first one's.
"""

import hashlib
import re
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections

from archive.roles import CURATOR, setup_roles


def password_file_for(database: dict, base_dir: Path) -> Path:
    """Where the curator password of `database` (a DATABASES entry) is kept, under base_dir/var."""
    name = str(database.get("NAME") or "")
    engine = database.get("ENGINE", "")
    var = Path(base_dir) / "var"
    if engine == "django.db.backends.sqlite3" and Path(name) == Path(base_dir) / "db.sqlite3":
        return var / "curator-password.txt"
    identity = "|".join(str(database.get(key) or "") for key in ("ENGINE", "HOST", "PORT", "NAME"))
    digest = hashlib.sha256(identity.encode()).hexdigest()[:8]
    label = Path(name).stem if engine == "django.db.backends.sqlite3" else name
    label = re.sub(r"[^A-Za-z0-9_.-]+", "-", label).strip("-.")[:40] or "database"
    return var / f"curator-password-{label}-{digest}.txt"


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser) -> None:
        parser.add_argument("--username", default="curator", help="Login name (default: curator).")
        parser.add_argument(
            "--password-file",
            default=None,
            help=(
                "Where the generated password is kept (default: var/curator-password.txt for the "
                "development database, var/curator-password-<database>-<hash>.txt for another)."
            ),
        )

    def handle(self, *args, username: str, password_file: str | None, **options) -> None:
        database = connections[DEFAULT_DB_ALIAS].settings_dict
        path = Path(password_file or password_file_for(database, settings.BASE_DIR))
        groups = setup_roles()
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
                f"password: {password}  (kept in {path}, for the database {database['NAME']})"
            )
        )
