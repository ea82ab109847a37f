"""Étape 3 : les vues — ce que chaque document affiche, calculé une fois depuis le dossier contrôlé."""
