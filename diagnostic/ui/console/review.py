"""The review: the summary by theme with each finding's reasons, the pathway (and the
adviser's choice of another, with a reason), the action plan as an editor, finalise, export.

Drawn from the service: `Interview.diagnostic()` once finalised (exactly as stored),
else `provisional()`, and `plan()`; every edit goes through `edit_plan`,
`choose_pathway`, `finalise`, `reopen`, and is saved as it is made.
"""
from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from ...model import PATHWAYS, THEMES
from ...plan import PlanEdit
from .action import ActionScreen
from .ask import AskScreen
from .base import N_, ConsoleScreen
from .catalogue import CatalogueScreen
from .choice import ChoiceScreen

FORMATS = (("html", N_("HTML (à imprimer)"), "html"), ("markdown", N_("Markdown"), "md"),
           ("text", N_("Texte"), "txt"), ("json", N_("JSON (toutes les données)"), "json"))


class ReviewScreen(ConsoleScreen):
    CSS_PATH = "review.tcss"
    BINDINGS = [
        Binding("1", "tab('summary')", N_("Constats"), show=False),
        Binding("2", "tab('pathway')", N_("Parcours"), show=False),
        Binding("3", "tab('plan')", N_("Plan"), show=False),
        Binding("p", "pathway", N_("Parcours")),
        Binding("a", "add_action", N_("Ajouter")),
        Binding("o", "add_objective", N_("Objectif")),
        Binding("e", "edit", N_("Modifier")),
        Binding("delete", "remove", N_("Retirer")),
        Binding("i", "questions", N_("Questions")),
        Binding("m", "change_answer", N_("Réponse")),
        Binding("f", "finalise", N_("Finaliser")),
        Binding("r", "reopen", N_("Rouvrir")),
        Binding("x", "export", N_("Exporter")),
        Binding("escape", "home", N_("Accueil")),
    ]

    def __init__(self, interview):
        super().__init__()
        self.interview = interview
        self._plan: dict = {}
        self._finalised = self._finished = False
        self._wide = True

    def compose(self) -> ComposeResult:
        _ = self.gettext
        yield Header()
        yield Static("", id="review-status")
        with TabbedContent(initial="plan", id="tabs"):
            with TabPane(_("1 Constats"), id="summary"):
                with VerticalScroll():
                    yield Static("", id="summary-text")
            with TabPane(_("2 Parcours"), id="pathway"):
                with VerticalScroll():
                    yield Static("", id="pathway-text")
            with TabPane(_("3 Plan d'action"), id="plan"):
                yield DataTable(id="plan-table", cursor_type="row")
                yield Static("", id="plan-removed")
        yield Footer()

    def on_mount(self) -> None:
        _ = self.gettext
        table = self.query_one("#plan-table", DataTable)
        # The label takes what the other columns leave (short words and dates); below 100
        # columns the providers are left to the edit dialog.
        self._wide = self.app.size.width >= 100
        widths = {"providers": 20, "due": 10, "status": 10, "agreed": 12}
        if not self._wide:
            del widths["providers"]
        label_width = max(24, self.app.size.width - sum(widths.values()) - 2 * (len(widths) + 1) - 2)
        for label, key in ((_("Objectif / action"), "label"), (_("Structures"), "providers"),
                           (_("Échéance"), "due"), (_("Statut"), "status"), (_("Accord"), "agreed")):
            if key == "label" or key in widths:
                table.add_column(label, key=key, width=widths.get(key, label_width))
        self.draw()
        table.focus()

    # --- drawing -------------------------------------------------------------------------
    def draw(self) -> None:
        _ = self.gettext
        data, plan = None, None
        with self.app.guard(_("Lecture du diagnostic")):
            state = self.interview.state()
            finalised = self.interview.diagnostic()
            data = finalised.data if finalised else self.interview.provisional()
            plan = self.interview.plan()
        if data is None or plan is None:
            return
        self._plan, self._finalised, self._finished = plan, state.finalised, state.finished
        self.app.announce({a["id"]: a["label"] for a in data.get("alerts", ())})
        self.app.sub_title = " · ".join(x for x in (
            state.reference, _("code {code}").format(code=state.code) if state.code else None) if x)
        fmt = self.app.words
        if finalised:
            status = _("Diagnostic finalisé (version {version}, le {date}) : R pour le rouvrir et le "
                       "modifier.").format(version=finalised.version,
                                            date=fmt.date(finalised.finalised_at[:10]))
        elif state.finished:
            status = _("Toutes les questions ont une réponse. Vérifiez le plan avec la personne, "
                       "puis F pour finaliser.")
        else:
            status = _("Diagnostic provisoire : {n} question(s) encore à venir.").format(
                n=state.progress.remaining)
        self.query_one("#review-status", Static).update(escape(status))
        self.query_one("#summary-text", Static).update(self._summary(data))
        self.query_one("#pathway-text", Static).update(self._pathway(plan))
        self._draw_plan(plan)
        self.refresh_bindings()

    def _summary(self, data: dict) -> str:
        _ = self.gettext
        lines = []
        if data.get("alerts"):
            lines.append("[b]⚠ " + _("Alertes : à traiter en priorité") + "[/b]")
            lines += [f"  ⚠ {escape(a['label'])}" for a in data["alerts"]]
            lines.append("")
        indicators = data.get("indicators", ())
        lines.append("[b]" + _("Indicateurs par thème") + "[/b]")
        for theme in data["themes"]:
            lines.append(f"  {escape(theme['label'])} : {escape(theme['status_label'])}")
            lines += [_indicator(i) for i in indicators if i.get("theme") == theme["theme"]]
        others = [i for i in indicators if i.get("theme") not in {t["theme"] for t in data["themes"]}]
        if others:
            lines += ["  " + _("Autres indicateurs")] + [_indicator(i) for i in others]
        lines += ["", "[b]" + _("Constats et leurs raisons") + "[/b]"]
        for theme in data["themes"]:
            findings = [f for f in data["findings"] if f["theme"] == theme["theme"]]
            if not findings:
                continue
            lines.append(f"[b]{escape(theme['label'])}[/b]")
            for f in findings:
                lines.append(f"  • {escape(f['kind_label'])} : {escape(f['label'])}")
                because = _("parce que")
                for why in f["why"]:
                    lines.append(f"      {because} « {escape(why['text'])} » → {escape(why['answer'])}")
        if not data["findings"]:
            lines.append(_("Aucun constat."))
        return "\n".join(lines)

    def _pathway(self, plan: dict) -> str:
        _ = self.gettext
        fmt = self.app.words
        proposed, chosen = plan.get("pathway"), plan.get("chosen_pathway")
        lines = ["[b]" + _("Parcours proposé") + "[/b]"]
        if proposed:
            lines += [f"  {escape(proposed['label'])}", f"  {escape(proposed['reason'])}"]
        else:
            lines.append("  " + _("Aucun parcours n'est proposé pour l'instant."))
        if chosen:
            lines += ["", "[b]" + _("Parcours choisi par le conseiller") + "[/b]",
                      f"  {escape(fmt.pathway(chosen['pathway']))}",
                      "  " + _("Raison : {reason}").format(reason=escape(chosen["reason"]))]
        lines += ["", _("P : choisir un autre parcours, avec la raison.")]
        return "\n".join(lines)

    def _draw_plan(self, plan: dict) -> None:
        _ = self.gettext
        fmt = self.app.words
        table = self.query_one("#plan-table", DataTable)
        row = table.cursor_row
        table.clear()
        # Literal cells (Text, not markup): labels may be the adviser's own text.
        for o in plan["objectives"]:
            cells = [Text.assemble((o["label"], "bold"), f" ({o['theme_label']})"), "", "", "",
                     _agreement(o, _)]
            table.add_row(*self._plan_cells(cells), key=f"o:{o['id']}")
            for a in o["actions"]:
                cells = [f"  • {a['label']}", ", ".join(a["provider_labels"]),
                         fmt.date(a["due"], "short") if a["due"] else "—",
                         a["status_label"], _agreement(a, _)]
                table.add_row(*self._plan_cells(cells), key=f"a:{a['id']}")
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        removed = plan.get("removed") or []
        text = ""
        if removed:
            text = _("Retirés du plan proposé : {items}").format(
                items=", ".join(escape(r["label"]) for r in removed))
        if not plan["objectives"]:
            text = _("Le plan est vide : O pour ajouter un objectif.") + ("\n" + text if text else "")
        self.query_one("#plan-removed", Static).update(text)

    def _plan_cells(self, cells: list) -> list[Text]:
        """A plan row's cells (below 100 columns, without the providers)."""
        return [cell if isinstance(cell, Text) else Text(cell)
                for cell in (cells if self._wide else cells[:1] + cells[2:])]

    # --- the row under the cursor ------------------------------------------------------------
    def _selected(self) -> tuple[str, dict, dict] | None:
        """("objective" | "action", the item, its objective) of the plan row chosen."""
        table = self.query_one("#plan-table", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or ""
        kind, _sep, item_id = key.partition(":")
        for o in self._plan.get("objectives", ()):
            if kind == "o" and o["id"] == item_id:
                return "objective", o, o
            for a in o["actions"]:
                if kind == "a" and a["id"] == item_id:
                    return "action", a, o
        return None

    def _edit(self, edit, doing: str) -> bool:
        """One plan edit through the service; True when it was made."""
        done = False
        with self.app.guard(doing):
            self.interview.edit_plan(edit)
            done = True
        self._after_change()
        return done

    def _after_change(self) -> None:
        state = self.interview.state()
        if state.save_error is not None:
            self.notify(self.gettext("L'enregistrement a échoué : {reason}").format(
                reason=state.save_error.params.get("reason", "")), severity="error", timeout=10,
                markup=False)
        self.draw()

    # --- actions -------------------------------------------------------------------------
    def check_action(self, action: str, parameters) -> bool | None:
        editing = ("pathway", "add_action", "add_objective", "edit", "remove", "finalise", "change_answer")
        if action in editing:
            return not self._finalised
        if action == "reopen":
            return self._finalised
        if action == "questions":
            return (not self._finalised and not self._finished)
        return True

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        # the table, or the scrolling text, so that arrows and Page Down work at once
        self.query_one(f"#{tab} DataTable, #{tab} VerticalScroll").focus()

    def action_pathway(self) -> None:
        _ = self.gettext
        fmt = self.app.words
        current = (self._plan.get("chosen_pathway") or self._plan.get("pathway") or {}).get("pathway")
        self.app.push_screen(ChoiceScreen(_("Choisir le parcours"), _("Le parcours retenu avec la personne."),
                                          [(p, fmt.pathway(p)) for p in PATHWAYS], current=current),
                             self._pathway_chosen)

    def _pathway_chosen(self, pathway: str | None) -> None:
        _ = self.gettext
        if pathway is None:
            return
        proposed = (self._plan.get("pathway") or {}).get("pathway")
        if pathway == proposed:
            with self.app.guard(_("Choix du parcours")):
                self.interview.choose_pathway(pathway)
            return self._after_change()
        self.app.push_screen(
            AskScreen(_("Pourquoi ce parcours ?"),
                      _("Un parcours autre que celui proposé demande une raison (elle figure dans "
                        "le diagnostic)."), required=True, max_length=500),
            lambda reason: self._pathway_reason(pathway, reason))

    def _pathway_reason(self, pathway: str, reason: str | None) -> None:
        if not reason:
            return
        with self.app.guard(self.gettext("Choix du parcours")):
            self.interview.choose_pathway(pathway, reason)
            self.notify(self.gettext("Parcours enregistré."), timeout=3)
        self._after_change()

    def action_add_action(self) -> None:
        _ = self.gettext
        if not self._plan.get("objectives"):
            return self.notify(_("Ajoutez d'abord un objectif (O)."), severity="warning")
        fmt = self.app.words
        catalogue = self.interview.content.rules.actions
        present = {a["id"] for o in self._plan["objectives"] for a in o["actions"]}
        rows = sorted(((a.id, a.label, fmt.theme(a.theme)) for a in catalogue.values()),
                      key=lambda r: (r[2], r[1]))
        self.app.push_screen(CatalogueScreen(rows, present), self._action_chosen)

    def _action_chosen(self, action_id: str | None) -> None:
        _ = self.gettext
        if action_id is None:
            return
        selected = self._selected()
        theme = self.interview.content.rules.actions[action_id].theme
        objectives = self._plan["objectives"]
        objective = (selected[2] if selected else None) or next(
            (o for o in objectives if o["theme"] == theme), objectives[0])
        if self._edit({"op": "add_action", "objective": objective["id"], "action": action_id},
                      _("Ajout de l'action")):
            self.notify(_("Action ajoutée à « {objective} ».").format(objective=objective["label"]),
                        timeout=4, markup=False)

    def action_add_objective(self) -> None:
        _ = self.gettext
        fmt = self.app.words
        self.app.push_screen(ChoiceScreen(_("Nouvel objectif"), _("Son thème :"),
                                          [(t, fmt.theme(t)) for t in THEMES]), self._objective_theme)

    def _objective_theme(self, theme: str | None) -> None:
        _ = self.gettext
        if theme is None:
            return
        self.app.push_screen(AskScreen(_("Nouvel objectif"), _("Son libellé :"), required=True,
                                       max_length=300),
                             lambda label: label and self._edit(PlanEdit.add_objective(theme, label),
                                                                _("Ajout de l'objectif")))

    def action_edit(self) -> None:
        selected = self._selected()
        if selected is None:
            return
        kind, item, _objective = selected
        self.app.push_screen(ActionScreen(item, objective=kind == "objective", today=self.interview.today),
                             lambda changes: self._edited(kind, item, changes))

    def _edited(self, kind: str, item: dict, changes: dict | None) -> None:
        _ = self.gettext
        if not changes:
            return
        target = "objective" if kind == "objective" else "action"
        if "agreed" in changes:
            agreed = changes.pop("agreed")
            if not self._edit({"op": "agree", target: item["id"], "agreed": agreed}, _("Accord")):
                return
        if changes:
            self._edit({"op": f"edit_{target}", target: item["id"], **changes}, _("Modification"))

    def action_remove(self) -> None:
        _ = self.gettext
        selected = self._selected()
        if selected is None:
            return
        kind, item, _objective = selected
        self.app.push_screen(
            ChoiceScreen(_("Retirer du plan ?"), item["label"],
                         [(False, _("Non, garder")), (True, _("Oui, retirer"))]),
            lambda yes: yes and self._edit({"op": f"remove_{kind}", kind: item["id"]}, _("Retrait")))

    def action_questions(self) -> None:
        from .interview import InterviewScreen
        self.app.switch_screen(InterviewScreen(self.interview))

    def action_change_answer(self) -> None:
        _ = self.gettext
        answered = [(r.id, r.text) for r in self.interview.state().outline
                    if r.state in ("answered", "declined", "dont_know", "skipped")]
        if answered:
            self.app.push_screen(ChoiceScreen(_("Modifier une réponse"), _("La question à revoir :"),
                                              answered), self._jump)

    def _jump(self, question_id: str | None) -> None:
        from .interview import InterviewScreen
        if question_id is None:
            return
        done = False
        with self.app.guard(self.gettext("Retour à la question")):
            self.interview.jump(question_id)
            done = True
        if done:
            self.app.switch_screen(InterviewScreen(self.interview))

    def action_finalise(self) -> None:
        _ = self.gettext
        self.app.push_screen(
            ChoiceScreen(_("Finaliser le diagnostic ?"),
                         _("Le diagnostic et le plan sont enregistrés tels quels ; pour les changer "
                           "ensuite, il faudra le rouvrir (une nouvelle version)."),
                         [(False, _("Non, pas encore")), (True, _("Oui, finaliser"))]),
            self._finalise)

    def _finalise(self, yes: bool | None) -> None:
        if not yes:
            return
        with self.app.guard(self.gettext("Finalisation")):
            result = self.interview.finalise()
            self.notify(self.gettext("Diagnostic finalisé (version {version}).").format(
                version=result.version), timeout=5)
        self._after_change()

    def action_reopen(self) -> None:
        with self.app.guard(self.gettext("Réouverture")):
            self.interview.reopen()
            self.notify(self.gettext("Diagnostic rouvert : la prochaine finalisation sera une "
                                     "nouvelle version."), timeout=5)
        self._after_change()

    def action_export(self) -> None:
        _ = self.gettext
        self.app.push_screen(ChoiceScreen(_("Exporter le diagnostic"), _("Format du fichier :"),
                                          [(f, _(label)) for f, label, _ext in FORMATS]),
                             self._export_format)

    def _export_format(self, fmt: str | None) -> None:
        _ = self.gettext
        if fmt is None:
            return
        ext = next(e for f, _label, e in FORMATS if f == fmt)
        state = self.interview.state()
        name = f"diagnostic-{state.code or 'session'}.{ext}"
        self.app.push_screen(AskScreen(_("Exporter le diagnostic"), _("Fichier à écrire (jamais écrasé) :"),
                                       value=str(Path.cwd() / name), required=True, max_length=1000),
                             lambda path: path and self._export(fmt, path))

    def _export(self, fmt: str, path: str) -> None:
        _ = self.gettext
        target = Path(path).expanduser()
        text = None
        with self.app.guard(_("Export")):
            text = self.interview.render(fmt)
        if text is None:
            return
        try:
            with open(target, "x", encoding="utf-8") as out:
                out.write(text)
        except FileExistsError:
            return self.notify(_("Ce fichier existe déjà : choisissez un autre nom."), severity="error",
                               markup=False)
        except OSError as exc:
            return self.notify(_("Le fichier ne peut pas être écrit : {reason}").format(
                reason=exc.strerror or exc), severity="error", markup=False)
        self.query_one("#review-status", Static).update(
            escape(_("Exporté dans {path}").format(path=target.resolve())))
        self.notify(_("Exporté dans {path}").format(path=target.resolve()), timeout=10, markup=False)

    def action_home(self) -> None:
        self.app.close_interview()

    def palette_commands(self):
        _ = self.gettext
        yield _("Finaliser le diagnostic"), _("Enregistrer le diagnostic et le plan tels quels"), self.action_finalise
        yield _("Exporter"), _("HTML à imprimer, Markdown, texte ou JSON"), self.action_export
        yield _("Choisir le parcours"), _("Un autre parcours que celui proposé, avec la raison"), self.action_pathway
        yield _("Ajouter une action"), _("Depuis le catalogue, avec recherche"), self.action_add_action
        yield _("Ajouter un objectif"), _("Un objectif de votre choix"), self.action_add_objective
        yield _("Modifier une réponse"), _("Revenir à une question"), self.action_change_answer
        yield _("Accueil"), _("Fermer la session et revenir à la liste"), self.action_home


def _indicator(indicator: dict) -> str:
    band = f" ({escape(indicator['band'])})" if indicator.get("band") else ""
    return f"    {escape(indicator['label'])} : {escape(str(indicator.get('display', '')))}{band}"


def _agreement(item: dict, _) -> str:
    if item.get("agreed") is True:
        return _("Donné")
    if item.get("agreed") is False:
        return _("Refusé")
    return _("À recueillir") if item.get("needs_agreement") else "—"
