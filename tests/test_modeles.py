"""Les modèles Word restent lisibles en revue : leur texte, balises comprises, est suivi par git."""

from __future__ import annotations

from generateur.etapes import MODELES
from tests.conftest import lancer


def test_texte_des_modeles_a_jour():
    attendu = (MODELES / "modeles.txt").read_text(encoding="utf-8")
    resultat = lancer("modeles", "afficher")
    assert resultat.exit_code == 0
    assert resultat.stdout == attendu, "un modèle a changé : lancez « make modeles-texte » et relisez le diff"


def test_modele_affiche_avec_ses_balises_et_ses_tabulations():
    texte = lancer("modeles", "afficher", MODELES / "decision.docx").stdout
    assert "{%p for visa in decision.visas %}\nVu {{ visa }},\n{%p endfor %}\n" in texte
    assert "{{ loop.index }}.\t{{ element }}\n" in texte


def test_pied_de_page_et_ses_champs_suivis():
    """Le pied de page d'un acte est dans le texte suivi, ses champs PAGE et NUMPAGES nommés."""
    texte = lancer("modeles", "afficher", MODELES / "decision.docx").stdout
    assert "--- pied de page word/footer1.xml\nDécision n° {{ decision.numero }} – page ⟨PAGE⟩ / ⟨NUMPAGES⟩\n" in texte
