"""Étape 2 : contrôler la cohérence d'un dossier lu (séances, votes, convention, avenants).

`controler` rend les écarts trouvés et, quand il n'y en a aucun, le dossier vérifié avec
ce que les contrôles ont dû calculer (les versions de la convention, ses appels de fonds) :
les vues le reprennent au lieu de le recalculer. Les contrôles ne connaissent ni les
fichiers ni Word.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property

from generateur.controles.actes import controler_actes
from generateur.controles.appels import Appel, appels_de_fonds
from generateur.controles.avenants import Version
from generateur.controles.convention import controler_convention
from generateur.controles.convocation import controler_convocations
from generateur.controles.resultats import controler_resultats
from generateur.controles.seance import controler_seances
from generateur.controles.tresorerie import controler_tresorerie
from generateur.lecture.chemins import Ecart
from generateur.lecture.declarations import Declaration
from generateur.lecture.schema import Acte, Dossier, Seance


@dataclass(frozen=True)
class DossierVerifie:
    """Un dossier qui a passé tous les contrôles, et ce qu'ils ont calculé une fois pour toutes."""

    dossier: Dossier
    versions: list[Version]
    """La convention d'origine puis après chaque avenant, dans l'ordre ; vide sans convention."""
    declaration: Declaration | None = None
    """La déclaration du modèle de la convention (ses rôles) ; sans convention, aucune."""

    @property
    def roles_declares(self) -> list[str]:
        return list(self.declaration.roles) if self.declaration else []

    @cached_property
    def appels(self) -> list[Appel]:
        """Les appels de fonds de la convention, chiffrés une fois : le contrôle des paiements et les vues les lisent."""
        return appels_de_fonds(self.versions, self.dossier.paiements)

    @cached_property
    def seances_des_decisions(self) -> dict[str, tuple[Seance, Acte]]:
        """Chaque acte du dossier (décision ou délibération), par numéro, avec la séance qui l'a pris."""
        return {acte.numero: (seance, acte) for seance in self.dossier.seances for acte in seance.actes}

    def date_de_la_decision(self, numero: str) -> datetime.date:
        return self.seances_des_decisions[numero][0].date

    def assemblee_de_la_decision(self, numero: str) -> str:
        """« Bureau communautaire », « Conseil communautaire » : l'assemblée qui a pris l'acte, telle qu'on la cite."""
        return self.dossier.assemblee_de(self.seances_des_decisions[numero][0]).intitule


def controler(
    dossier: Dossier, declarations: dict[str, Declaration], aujourd_hui: datetime.date | None = None, export: bool = False
) -> tuple[list[Ecart], DossierVerifie | None]:
    """Tous les écarts du dossier, et le dossier vérifié s'il n'y en a aucun ; `declarations`
    sont les types de convention que proposent les modèles (les rôles de chacun).

    `aujourd_hui` refuse une séance à venir (des actes vont être produits) ; `export` applique
    aussi les règles de numéro de @ctes à une numérotation libre (voir `controles.actes`).
    Les paiements se contrôlent en dernier, contre les appels de fonds du dossier vérifié."""
    ecarts_convention, versions = controler_convention(dossier, declarations)
    ecarts = (
        controler_seances(dossier) + controler_resultats(dossier) + controler_convocations(dossier)
        + controler_actes(dossier, aujourd_hui, export) + ecarts_convention
    )
    if ecarts:
        return ecarts, None
    verifie = DossierVerifie(dossier, versions, declarations.get(dossier.convention.type) if dossier.convention else None)
    if dossier.paiements is not None or dossier.tresorerie.titres_de_recettes:
        ecarts = controler_tresorerie(dossier, verifie.appels)  # contre les appels tels qu'ils sont émis
    return ecarts, None if ecarts else verifie
