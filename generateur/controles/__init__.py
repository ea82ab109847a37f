"""Étape 2 : contrôler la cohérence d'un dossier lu (séances, votes, convention, avenants)."""
