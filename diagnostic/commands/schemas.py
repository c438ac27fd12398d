"""`diagnostic schemas DIR [--modelines]`: write the JSON Schemas of questionnaire and
rule files into DIR, so that an editor checks a policy team's files in any copy, and
say which first line (modeline) each file needs; `--modelines` writes those lines
into the YAML files under DIR (replacing an older modeline, never anything else)."""
from __future__ import annotations

import json
import os
from pathlib import Path

from ..cli import EXIT_USAGE, CommandError
from ..loading.schema import schema
from ..loading.validate import kind_of, yaml_files
from ..loading.yamlreader import read, read_limited

NAMES = ("questionnaire", "rules")
MODELINE = "# yaml-language-server: $schema="


def register(sub) -> None:
    p = sub.add_parser("schemas", help="copier les schémas JSON pour l'éditeur",
                       description="Écrit questionnaire.schema.json et rules.schema.json dans DIR, pour que "
                                   "l'éditeur vérifie les fichiers de l'équipe dans n'importe quelle copie, et "
                                   "dit quelle première ligne (modeline) mettre dans chaque fichier.")
    p.add_argument("folder", metavar="DIR", help="dossier des questionnaires et règles de l'équipe")
    p.add_argument("--modelines", action="store_true",
                   help="écrire la première ligne qui pointe vers le schéma dans chaque fichier YAML du dossier")
    p.set_defaults(func=run)


def modeline(yaml_file: Path, schema_file: Path) -> str:
    return MODELINE + Path(os.path.relpath(schema_file, yaml_file.parent)).as_posix()


def run(args) -> int:
    folder = Path(args.folder)
    if not folder.is_dir():
        raise CommandError(f"{folder}: dossier introuvable", EXIT_USAGE)
    written = {}
    for name in NAMES:
        target = folder / f"{name}.schema.json"
        target.write_text(json.dumps(schema(name), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written[name] = target
        print(f"écrit : {target}")
    for path in yaml_files([str(folder)])[0]:
        doc, problems = read(path)
        kind = "questionnaire" if problems else kind_of(doc.data)
        if kind == "scenario":
            continue  # no schema of ours
        line = modeline(path, written[kind])
        if args.modelines:
            try:  # bounded, and never a FIFO or a device (issue 11)
                text = read_limited(path).decode("utf-8")
            except (OSError, UnicodeDecodeError):
                print(f"{path} : illisible (voir validate), laissé tel quel")
                continue
            first, _, rest = text.partition("\n")
            new = f"{line}\n{rest}" if first.startswith(MODELINE) else f"{line}\n{text}"
            if new != text:
                path.write_text(new, encoding="utf-8")
                print(f"première ligne mise à jour : {path}")
        else:
            print(f"{path} : {line}")
    return 0
