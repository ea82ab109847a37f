"""Étape 1 : lire un dossier — fichiers YAML, schéma, chemins des champs, validation."""
