"""Setting up a store: `store migrate`, `store front`.

    diagnostic store migrate [--store URL]              create or update the schema (idempotent)
    diagnostic store front ROLE STRUCTURE [--store URL] let a database role run fronts for a structure

Run by the database's owner (the territory's administrator). On a data
folder, `migrate` only checks that it is usable: a folder sets itself up.
"""
from __future__ import annotations

from ..cli import EXIT_DATA, EXIT_USAGE, CommandError
from ..storage import StorageError, add_data_dir_argument, open_url, store_url_for_args


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "store", help="préparer le stockage (schéma PostgreSQL, rôles des postes)",
        description="Prépare le stockage des sessions : crée ou met à jour le schéma d'une base "
                    "PostgreSQL, rattache un rôle de la base à une structure.")
    sub = p.add_subparsers(dest="action", metavar="ACTION")
    m = sub.add_parser("migrate", help="créer ou mettre à jour le schéma (sans effet s'il est à jour)",
                       description="Crée ou met à jour le schéma de la base (à lancer avec le rôle "
                                   "propriétaire) ; refusé si la base a un schéma plus récent.")
    add_data_dir_argument(m)
    m.set_defaults(func=cmd_migrate)
    f = sub.add_parser("front", help="rattacher un rôle de la base à une structure",
                       description="Le rôle (créé s'il n'existe pas, avec LOGIN et sans mot de "
                                   "passe) ouvre les sessions de cette structure et celles que les "
                                   "personnes lui ont partagées, et rien d'autre.")
    f.add_argument("role", metavar="RÔLE", help="rôle PostgreSQL d'un poste ou d'un service")
    f.add_argument("structure", metavar="STRUCTURE", help="code de la structure (ex. caf-13)")
    add_data_dir_argument(f)
    f.set_defaults(func=cmd_front)
    p.set_defaults(func=lambda args: (p.print_help(), EXIT_USAGE)[1])


def _postgres(args, what: str) -> str:
    url = store_url_for_args(args)
    if url.kind != "postgresql":
        raise CommandError(f"{what} concerne une base PostgreSQL (--store postgresql://…) ; "
                           f"le stockage choisi est {url}", EXIT_USAGE)
    return url.target


def cmd_migrate(args) -> int:
    url = store_url_for_args(args)
    try:
        if url.kind == "memory":
            raise CommandError("memory: ne conserve rien, il n'y a rien à migrer", EXIT_USAGE)
        if url.kind == "tinydb":
            open_url(url).close()  # creates the folder's layout, refuses a newer one
            print(f"Dossier de données {url} prêt : il se met en place de lui-même.")
            return 0
        from ..storage.postgres_store import describe, migrate
        before, after = migrate(url.target)
    except StorageError as exc:
        raise CommandError(str(exc), EXIT_DATA) from None
    if before == after:
        print(f"{describe(url.target)} : schéma à jour (version {after}), rien à faire.")
    else:
        print(f"{describe(url.target)} : schéma migré de la version {before} à la version {after}.")
    return 0


def cmd_front(args) -> int:
    target = _postgres(args, "store front")
    from ..storage.postgres_store import add_front, describe
    try:
        created = add_front(target, args.role, args.structure)
    except ValueError as exc:
        raise CommandError(str(exc), EXIT_USAGE) from None
    except StorageError as exc:
        raise CommandError(str(exc), EXIT_DATA) from None
    made = "créé et " if created else ""
    print(f"{describe(target)} : rôle « {args.role} » {made}rattaché à la structure "
          f"« {args.structure} ».")
    return 0
