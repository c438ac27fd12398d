"""`diagnostic diff OLD NEW [--data-dir DIR]`: what changed between two versions of
questionnaire files (two files, or two folders matched by file name), in words;
with --data-dir, which stored sessions the change would alter. Exit 0 (1 when a
file is invalid, 2 on a missing path)."""
from __future__ import annotations

from pathlib import Path

from ..authoring.diff import affected, compare
from ..authoring.words import word
from ..cli import EXIT_DATA, EXIT_USAGE, CommandError
from ..loading.validate import kind_of, yaml_files
from ..loading.yamlreader import read
from ..storage import StorageError, add_data_dir_argument, store_for_args
from .run import load_or_fail, rules_or_fail


def register(sub) -> None:
    p = sub.add_parser("diff", help="ce qui change entre deux versions d'un questionnaire",
                       description="Ce qui change entre deux versions (deux fichiers ou deux dossiers) : "
                                   "questions et règles ajoutées, supprimées, renommées, conditions et choix "
                                   "changés ; avec --data-dir, les sessions enregistrées que cela touche.")
    p.add_argument("old", metavar="ANCIEN")
    p.add_argument("new", metavar="NOUVEAU")
    add_data_dir_argument(p)
    p.set_defaults(func=run)


def pairs(old: Path, new: Path) -> tuple[list[tuple[Path, Path]], list[str]]:
    """Questionnaire files to compare, and the files only one side has (in words)."""
    if not old.is_dir() and not new.is_dir():
        return [(old, new)], []
    if not (old.is_dir() and new.is_dir()):
        raise CommandError(f"{old} et {new} : comparez deux fichiers ou deux dossiers", EXIT_USAGE)
    mine = lambda root: {p.relative_to(root): p for p in yaml_files([str(root)])[0]  # noqa: E731
                         if kind_of(read(p)[0].data) == "questionnaire"}
    a, b = mine(old), mine(new)
    notes = [word("diff.file_removed", file=str(k)) for k in sorted(a.keys() - b.keys())]
    notes += [word("diff.file_added", file=str(k)) for k in sorted(b.keys() - a.keys())]
    return [(a[k], b[k]) for k in sorted(a.keys() & b.keys())], notes


def run(args) -> int:
    old, new = Path(args.old), Path(args.new)
    for path in (old, new):
        if not path.exists():
            raise CommandError(f"{path}: fichier ou dossier introuvable", EXIT_USAGE)
    matched, notes = pairs(old, new)
    for note in notes:
        print(note)
    records = _records(args) if args.data_dir or args.store else None
    for a, b in matched:
        qa, qb = load_or_fail(str(a)), load_or_fail(str(b))
        ra, rb = rules_or_fail(qa), rules_or_fail(qb)
        changes = compare(qa, qb, ra, rb)
        if len(matched) > 1 or notes:
            print(word("diff.header", old=a, new=b))
        for c in changes:
            print(str(c))
        if not changes:
            print(word("diff.none"))
        if records is not None:
            touched = affected(records, qa, qb, ra, rb)
            mine = [r for r in records if (r.get("questionnaire") or {}).get("id") in (qa.id, qb.id)]
            print(word("diff.sessions", count=len(touched), total=len(mine)))
            for session_id, reasons in touched:
                print(word("diff.session", id=session_id, reasons=" ; ".join(reasons)))
    return 0


def _records(args) -> list[dict]:
    try:
        with store_for_args(args) as store:
            return [store.load(s.id) for s in store.list(limit=None) if not getattr(s, "problem", None)]
    except StorageError as exc:
        raise CommandError(f"sessions illisibles : {exc}", EXIT_DATA) from None
