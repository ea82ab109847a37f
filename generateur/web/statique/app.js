// Amélioration progressive, sans chaîne de build : tout marche sans JavaScript, ceci évite
// seulement des rechargements. Aucune donnée n'est interprétée comme du code : le HTML reçu
// vient de l'application, dont les gabarits échappent tout.
"use strict";

const PERIODE_ACTUALISATION = 2000;

// Une zone marquée data-actualiser="URL" est remplacée par la version du serveur quand elle change
// (un fichier du dossier modifié sur disque).
function actualiser(zone) {
  let enCours = false;
  setInterval(async () => {
    if (enCours || document.hidden) return;
    enCours = true;
    try {
      const reponse = await fetch(zone.dataset.actualiser, { cache: "no-store" });
      if (reponse.ok) {
        const texte = await reponse.text();
        if (texte.trim() !== zone.innerHTML.trim()) zone.innerHTML = texte;
      }
    } catch (erreur) {
      // Serveur arrêté : on réessaiera.
    } finally {
      enCours = false;
    }
  }, PERIODE_ACTUALISATION);
}

// Un formulaire marqué data-essai="URL" envoie sa saisie au serveur, qui dit ce qui serait
// refusé et recalcule les comptes : l'utilisateur le voit avant d'enregistrer.
function essayer(formulaire) {
  const cible = document.getElementById("essai");
  let minuterie = null;
  let numero = 0;
  const envoyer = async () => {
    const demande = ++numero;
    const donnees = new FormData(formulaire);
    donnees.delete("jeton");
    const reponse = await fetch(formulaire.dataset.essai, {
      method: "POST",
      body: donnees,
      headers: { "X-Jeton": formulaire.dataset.jetonEssai },
    });
    if (demande !== numero) return;
    const texte = await reponse.text();
    if (cible) cible.innerHTML = texte;
    marquerLesChamps(formulaire, cible);
  };
  const planifier = () => {
    clearTimeout(minuterie);
    minuterie = setTimeout(envoyer, 300);
  };
  formulaire.addEventListener("input", planifier);
  formulaire.addEventListener("change", planifier);
}

// Les champs que l'essai refuse sont encadrés dans le formulaire même, et annoncés comme invalides.
function marquerLesChamps(formulaire, cible) {
  formulaire.querySelectorAll(".fautive-essai").forEach((cellule) => cellule.classList.remove("fautive-essai"));
  formulaire.querySelectorAll("[data-invalide-essai]").forEach((champ) => {
    champ.removeAttribute("aria-invalid");
    champ.removeAttribute("data-invalide-essai");
  });
  if (!cible) return;
  cible.querySelectorAll("[data-champ]").forEach((ligne) => {
    const champ = formulaire.querySelector(`[name="${CSS.escape(ligne.dataset.champ)}"]`);
    if (!champ) return;
    champ.setAttribute("aria-invalid", "true");
    champ.setAttribute("data-invalide-essai", "");
    champ.closest("td")?.classList.add("fautive-essai");
  });
}

document.querySelectorAll("[data-actualiser]").forEach(actualiser);
document.querySelectorAll("form[data-essai]").forEach(essayer);
