"""Qui siège et qui vote à chaque acte de chaque séance d'exemple ; les chiffres attendus sont
comptés à la main, membre par membre, dans les commentaires."""

from __future__ import annotations

import datetime

import pytest

from generateur.controles import presences
from generateur.controles.seance import controler_seances
from generateur.lecture.schema import Assemblee, Seance


def _chiffres(verifie, rang_seance: int) -> list[tuple[str, int, int, int, int, int, int]]:
    """(numéro, présents, suppléants, pouvoirs, ne prennent pas part, votants, en exercice) de chaque acte."""
    seance = verifie.dossier.seances[rang_seance]
    assemblee = verifie.dossier.assemblee_de(seance)
    resultat = []
    for acte in seance.actes:
        c = presences.comptes_de_l_acte(assemblee, seance, acte)
        resultat.append((acte.numero, c.presents, c.suppleants, c.pouvoirs, c.ne_prennent_pas_part, c.votants, c.en_exercice))
    return resultat


def test_bureau_du_22_novembre_2022_ouverture(cotentin):
    # 35 membres, 11 excusés : 24 présents à l'ouverture (Antoine DIGARD part avant le premier vote).
    seance = cotentin.dossier.seances[0]
    ouverture = presences.comptes(cotentin.dossier.assemblee_de(seance), seance)
    assert (ouverture.en_exercice, ouverture.presents, ouverture.votants) == (35, 24, 24)


def test_bureau_du_22_novembre_2022_chaque_vote(cotentin):
    # Ordre : B050 B051 B052 B053 B054 B055. Partis : DIGARD avant B050 (pour toujours),
    # CASTELEIN B052 seulement, CATHERINE B053 seulement, LEJAMTEL à partir de B053, LAINE B054 seulement.
    assert _chiffres(cotentin, 0) == [("B050_2022", 23, 0, 0, 0, 23, 35)]  # 24 − DIGARD


@pytest.mark.parametrize(
    ("numero", "presents", "partis"),
    [
        ("B050_2022", 23, {"Antoine DIGARD"}),
        ("B051_2022", 23, {"Antoine DIGARD"}),
        ("B052_2022", 22, {"Antoine DIGARD", "Christèle CASTELEIN"}),
        ("B053_2022", 21, {"Antoine DIGARD", "Arnaud CATHERINE", "Ralph LEJAMTEL"}),
        ("B054_2022", 21, {"Antoine DIGARD", "Ralph LEJAMTEL", "Sylvie LAINE"}),
        ("B055_2022", 22, {"Antoine DIGARD", "Ralph LEJAMTEL"}),
    ],
)
def test_bureau_de_reference_exclut_les_partis_et_reprend_ceux_revenus(cotentin, numero, presents, partis):
    seance = cotentin.dossier.seances[0]
    assemblee = cotentin.dossier.assemblee_de(seance)
    rang = presences.rang(seance, numero)
    assert presences.comptes(assemblee, seance, rang).votants == presents
    absents = {m.prenom_nom for m in presences.presents(assemblee, seance) if not presences.present_au_rang(seance, m, rang)}
    assert absents == partis


def test_bureau_du_10_decembre_2024(cotentin):
    # Même liste, 11 excusés, aucun mouvement : 24 présents et votants.
    assert _chiffres(cotentin, 1) == [("B140_2024", 24, 0, 0, 0, 24, 35)]


def test_bureau_fictif_du_14_mars_2024(val_exemple):
    # 12 membres ; Luc GIRARD excusé (pouvoir à Paul MARTIN), Anne ROUX suppléée, Éric FONTAINE excusé,
    # Julie BLANC absente : 8 présents ; Yann LE GALL part avant B2024_013. B2024_012 : 8 + 1 + 1 = 10.
    assert _chiffres(val_exemple, 0) == [("B2024_012", 8, 1, 1, 0, 10, 12)]


def test_conseil_fictif_du_27_juin_2024(val_exemple):
    # 21 noms sur la liste, dont Denis FAURE (fin au 31 mai) : 20 en exercice le 27 juin.
    # Excusés : Luc GIRARD (pouvoir à Hugo LEROY), Jérôme AUBERT (suppléé), Éric FONTAINE ; absente : Julie BLANC ;
    # Nadia BOUCHARD arrive à partir de D2024_042 : 20 − 5 = 15 présents au premier vote.
    # D2024_041 : 15 + 1 suppléant + 1 pouvoir = 17.
    # D2024_042 : Nadia BOUCHARD arrivée, 16 + 1 + 1 − Karim HADDAD qui ne prend pas part = 17.
    # D2024_043 : Hugo LEROY parti, 15 présents, son pouvoir tombe : 15 + 1 + 0 = 16.
    assert _chiffres(val_exemple, 1) == [
        ("D2024_041", 15, 1, 1, 0, 17, 20),
        ("D2024_042", 16, 1, 1, 1, 17, 20),
        ("D2024_043", 15, 1, 0, 0, 16, 20),
    ]


def test_conseil_fictif_ouverture_et_quorum(val_exemple):
    seance = val_exemple.dossier.seances[1]
    ouverture = presences.comptes(val_exemple.dossier.assemblee_de(seance), seance)
    # 15 présents, 1 suppléant, 1 pouvoir (porteur présent) ; quorum 20 // 2 + 1 = 11.
    assert (ouverture.presents, ouverture.votants, ouverture.quorum, ouverture.quorum_atteint) == (15, 17, 11, True)


def _conseil_de_62(arrivees: tuple[int, ...] = (47,), autres_excuses: tuple[int, ...] = (), seconde_convocation: bool = False,
                   pour: tuple[int, ...] = (1, 1, 1, 1), autres_mouvements: tuple[dict, ...] = (), membres_en_plus: int = 0) -> tuple[Assemblee, Seance]:
    """Un conseil réel : 62 titulaires ; 47 présents jusqu'au point 186, un 48e arrivé au point 187 ;
    2 excusés suppléés, 4 pouvoirs, 8 autres excusés."""
    membres = [
        {"civilite": "Madame" if rang % 2 else "Monsieur", "prenom": f"Prénom{rang}", "nom": f"NOM{rang}",
         **({"suppleant": {"civilite": "Monsieur", "prenom": f"Suppléant{rang}", "nom": f"NOM{rang}"}} if rang in (60, 61) else {})}
        for rang in range(62 + membres_en_plus)
    ]
    assemblee = Assemblee.model_validate({"code": "conseil", "nom": "Conseil", "qualificatif": "communautaire", "genre": "masculin",
                                          "actes": "deliberation", "membres": membres})
    excuses = [{"membre": f"Prénom{r} NOM{r}", "suppleant": f"Suppléant{r} NOM{r}"} for r in (60, 61)]
    excuses += [{"membre": f"Prénom{r} NOM{r}", "pouvoir_a": f"Prénom{r - 50} NOM{r - 50}"} for r in (56, 57, 58, 59)]
    excuses += [f"Prénom{r} NOM{r}" for r in (*range(48, 56), *autres_excuses)]
    acte = {"numero": "", "objet": "o", "matiere": "5.2", "expose": ["e"], "visas": ["v"], "vote": {"pour": 1}, "dispositif": [{"verbe": "Dire", "texte": "t"}]}
    seance = Seance.model_validate({
        "assemblee": "conseil", "date": datetime.date(2024, 12, 12), "heure": "18:00", "lieu": "salle", "presidence": {"membre": "Prénom0 NOM0"},
        "ordre_du_jour": ["185", "186", "187", "188"],
        "excuses": excuses,
        "seconde_convocation": seconde_convocation,
        "mouvements": [{"membre": f"Prénom{r} NOM{r}", "arrivee_a_partir_de": "187"} for r in arrivees] + list(autres_mouvements),
        "deliberations": [{**acte, "numero": numero, "vote": {"pour": voix}} for numero, voix in zip(("185", "186", "187", "188"), pour)],
    })
    return assemblee, seance


def test_conseil_de_62_titulaires_une_arrivee_au_point_187():
    assemblee, seance = _conseil_de_62()
    # 62 − 2 suppléés − 4 mandants − 8 excusés − 1 arrivant = 47 présents jusqu'au point 186 ;
    # votants 47 + 2 suppléants + 4 pouvoirs = 53, puis 48 + 2 + 4 = 54 à partir du point 187.
    chiffres = [(acte.numero, (c := presences.comptes_de_l_acte(assemblee, seance, acte)).presents, c.suppleants, c.pouvoirs, c.votants) for acte in seance.actes]
    assert chiffres == [("185", 47, 2, 4, 53), ("186", 47, 2, 4, 53), ("187", 48, 2, 4, 54), ("188", 48, 2, 4, 54)]


def test_pouvoir_finit_a_l_arrivee_de_son_donneur():
    # Prénom56 NOM56 a donné pouvoir ; il arrive au point 187 : sa voix est la sienne, plus le pouvoir.
    assemblee, seance = _conseil_de_62(arrivees=(47, 56))
    avant, apres = (presences.comptes(assemblee, seance, presences.rang(seance, numero)) for numero in ("186", "187"))
    # Avant : 47 présents + 2 + 4 pouvoirs = 53 ; après : 49 présents (Prénom47 et Prénom56) + 2 + 3 pouvoirs = 54.
    assert (avant.presents, avant.pouvoirs, avant.votants) == (47, 4, 53)
    assert (apres.presents, apres.pouvoirs, apres.votants) == (49, 3, 54)


def test_pouvoir_tombe_pendant_l_absence_de_son_porteur_et_reprend_a_son_retour():
    # Prénom6 NOM6 porte le pouvoir de Prénom56 NOM56 ; il part avant le point 186 et revient au point 188.
    depart = {"membre": "Prénom6 NOM6", "depart_avant": "186", "retour_a_partir_de": "188"}
    assemblee, seance = _conseil_de_62(autres_mouvements=(depart,))
    chiffres = [(c.presents, c.pouvoirs, c.votants) for c in (presences.comptes(assemblee, seance, rang) for rang in range(4))]
    # 185 : 47 présents + 2 suppléants + 4 pouvoirs = 53 ; 186 : Prénom6 parti, 46 + 2 + 3 = 51 ;
    # 187 : Prénom47 arrive, 47 + 2 + 3 = 52 ; 188 : Prénom6 revenu, son pouvoir reprend : 48 + 2 + 4 = 54.
    assert chiffres == [(47, 4, 53), (46, 3, 51), (47, 3, 52), (48, 4, 54)]
    assert presences.mandataire(assemblee, seance, assemblee.membres[56]).prenom_nom == "Prénom6 NOM6"
    assert [m.prenom_nom for m in presences.pouvoirs_exerces(assemblee, seance, 1)] == ["Prénom57 NOM57", "Prénom58 NOM58", "Prénom59 NOM59"]


def test_comptes_d_une_meme_seance_suivent_l_assemblee_donnee():
    # La même séance comptée sur une liste de 64 membres (deux de plus, présents) puis de nouveau sur celle de 62 :
    # rien de ce qui a été compté pour l'une ne sert à l'autre.
    assemblee, seance = _conseil_de_62()
    plus_grande, _ = _conseil_de_62(membres_en_plus=2)
    assert (presences.comptes(assemblee, seance).en_exercice, presences.comptes(assemblee, seance).presents) == (62, 47)
    assert (presences.comptes(plus_grande, seance).en_exercice, presences.comptes(plus_grande, seance).presents) == (64, 49)
    assert (presences.comptes(assemblee, seance).en_exercice, presences.comptes(assemblee, seance).presents) == (62, 47)


def test_seconde_convocation_dispense_du_quorum():
    # 29 excusés de plus (Prénom1 à Prénom29) : 47 − 29 = 18 présents + 2 suppléants = 20 siègent, pour un quorum de 32.
    assemblee, sans_quorum = _conseil_de_62(autres_excuses=tuple(range(1, 30)))
    assert (presences.comptes(assemblee, sans_quorum, 0).siegent, presences.quorum(62)) == (20, 32)
    assert not presences.comptes(assemblee, sans_quorum, 0).quorum_atteint
    assemblee, seconde = _conseil_de_62(autres_excuses=tuple(range(1, 30)), seconde_convocation=True)
    assert presences.comptes(assemblee, seconde, 0).quorum_atteint


@pytest.mark.parametrize(
    ("saisi", "cle"),
    [
        ("Éric BRIENS", "éric briens"),
        ("E\u0301ric BRIENS", "éric briens"),  # accent combinant : même forme composée (NFC)
        ("Éric\u200b  BRIENS ", "éric briens"),  # espace de largeur nulle, espaces en trop
        ("\ufeffÉRIC briens", "éric briens"),
    ],
)
def test_cle_normalise_unicode_espaces_et_casse(saisi, cle):
    assert presences.cle(saisi) == cle


def test_quorum_est_plus_de_la_moitie_des_membres_en_exercice():
    assert presences.quorum(35) == 18
    assert presences.quorum(34) == 18
    assert presences.quorum(62) == 32


def test_membres_en_exercice_suivent_les_dates_de_mandat(val_exemple):
    conseil = val_exemple.dossier.assemblees[1]
    noms = lambda date: {m.prenom_nom for m in presences.en_exercice(conseil, date)}  # noqa: E731
    assert "Denis FAURE" in noms(datetime.date(2024, 5, 31)) and "Agathe COLLIN" not in noms(datetime.date(2024, 5, 31))
    assert "Denis FAURE" not in noms(datetime.date(2024, 6, 1)) and "Agathe COLLIN" in noms(datetime.date(2024, 6, 1))
    assert len(presences.en_exercice(conseil, datetime.date(2024, 6, 1))) == 20


def test_conseil_de_62_titulaires_controle_ses_votes(val_exemple):
    # Les votes unanimes 53, 53, 54, 54 passent les contrôles ; 54 au point 186 (avant l'arrivée) est refusé.
    def ecarts(pour):
        assemblee, seance = _conseil_de_62(pour=pour)
        president = {"civilite": "Monsieur", "prenom": "Prénom0", "nom": "NOM0"}
        collectivite = val_exemple.dossier.collectivite.model_copy(update={"president": val_exemple.dossier.collectivite.president.model_validate(president)})
        dossier = val_exemple.dossier.model_copy(update={"collectivite": collectivite, "assemblees": [assemblee], "seances": [seance], "convention": None, "avenants": []})
        return controler_seances(dossier)

    assert ecarts((53, 53, 54, 54)) == []
    assert ecarts((53, 54, 54, 54)) == [(
        ("seances", 0, "deliberations", 1, "vote"),
        "pour 54 + contre 0 + abstention 0 = 54, alors que 53 membres votent 186 (47 présents, 2 suppléants, 4 pouvoirs)",
    )]
