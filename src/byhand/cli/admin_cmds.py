"""Commands for whoever runs a server: the database's schema."""

from __future__ import annotations

from pathlib import Path

import click

from ..practice import workspace as wsmod
from ..services.data import progress_database
from .common import cli, friendly


def database_options(fn):
    fn = click.option("--database-url", default=None, envvar="BYHAND_DATABASE_URL",
                      help="A database URL, e.g. postgresql+psycopg://user@host/byhand.")(fn)
    return click.option("--data", "data_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
                        help="The data folder of its SQLite database (default: your data folder).")(fn)


def database_of(data_dir: Path | None, database_url: str | None) -> str:
    if database_url:
        return database_url
    folder = data_dir or wsmod.data_dir(wsmod.find_workspace())
    folder.mkdir(parents=True, exist_ok=True)
    return str(progress_database(folder))


@cli.group()
def admin():
    """Accounts on a server (roles: learner, teacher, admin)."""


@admin.command()
@click.argument("username")
@click.argument("role_name", metavar="learner|teacher|admin", type=click.Choice(["learner", "teacher", "admin"]))
@database_options
@friendly
def role(username: str, role_name: str, data_dir: Path | None, database_url: str | None):
    """Give USERNAME a role (a teacher sees their cohorts; an admin, everything)."""
    from ..storage import Store

    with Store(database_of(data_dir, database_url)) as store:
        user = store.set_role(username, role_name)
    click.echo(f"byhand: {user.username} is now {user.role}")


@cli.group()
def db():
    """The progress database (a server's deploy step: `byhand db upgrade`)."""


@db.command()
@database_options
@friendly
def upgrade(data_dir: Path | None, database_url: str | None):
    """Bring the database's schema to this version of byhand (safe to run
    from several processes at once; a database already current is left alone)."""
    from sqlalchemy import create_engine

    from ..errors import ByhandError
    from ..storage import current_revision, database_url as url_of, head_revision, migrate

    url = url_of(database_of(data_dir, database_url))
    try:
        engine = create_engine(url)
    except Exception as exc:  # noqa: BLE001 - a bad URL is the user's to fix
        raise ByhandError.of("cannot-use-database", url=url, reason=exc) from None
    try:
        before = current_revision(engine)
        changed = migrate(engine)
    except ByhandError:
        raise
    except Exception as exc:  # noqa: BLE001 - unreachable server, wrong password: one line
        raise ByhandError.of("cannot-upgrade", url=engine.url.render_as_string(hide_password=True),
                             reason=str(exc).splitlines()[0]) from None
    finally:
        engine.dispose()
    head = head_revision()
    click.echo(f"byhand: database upgraded from {before or 'empty'} to {head}" if changed
               else f"byhand: database already at {head}")
