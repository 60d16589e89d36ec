"""Consistent backups of the Renaksi database and their restore: ``make backup`` /
``make restore FILE=...``.

PostgreSQL: ``pg_dump --format=custom`` (a consistent snapshot while the app runs) and
``pg_restore --clean --if-exists --single-transaction``. SQLite: the database's own online
backup API, which copies a consistent state even while others write.
"""

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import dj_database_url

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = f"sqlite:///{ROOT / 'db.sqlite3'}"


def database():
    return dj_database_url.parse(os.environ.get("DATABASE_URL", DEFAULT_URL))


def pg_env(db):
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def pg_args(db):
    args = []
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    return args


def backup(target_dir):
    db = database()
    target_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    if "postgresql" in db["ENGINE"]:
        target = target_dir / f"renaksi-{stamp}.dump"
        command = [
            "pg_dump",
            "--format=custom",
            "--no-owner",
            *pg_args(db),
            "--file",
            str(target),
            db["NAME"],
        ]
        subprocess.run(command, check=True, env=pg_env(db))
    else:
        target = target_dir / f"renaksi-{stamp}.sqlite3"
        source = sqlite3.connect(db["NAME"])
        copy = sqlite3.connect(target)
        with copy:
            source.backup(copy)
        copy.close()
        source.close()
    return target


def restore(source):
    db = database()
    if not source.is_file():
        sys.exit(f"Berkas cadangan {source} tidak ditemukan.")
    if "postgresql" in db["ENGINE"]:
        command = [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            *pg_args(db),
            "--dbname",
            db["NAME"],
            str(source),
        ]
        subprocess.run(command, check=True, env=pg_env(db))
    else:
        staged = Path(f"{db['NAME']}.restoring")
        shutil.copyfile(source, staged)
        sqlite3.connect(staged).execute("PRAGMA integrity_check").fetchone()
        os.replace(staged, db["NAME"])  # atomic on one file system


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="action", required=True)
    make = sub.add_parser("backup")
    make.add_argument("--dir", type=Path, default=ROOT / "backups")
    back = sub.add_parser("restore")
    back.add_argument("file", type=Path)
    args = parser.parse_args()
    if args.action == "backup":
        print(backup(args.dir))
    else:
        restore(args.file)
        print(f"Dipulihkan dari {args.file}")


if __name__ == "__main__":
    main()
