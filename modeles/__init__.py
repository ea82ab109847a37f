"""Les modèles Word livrés avec generateur (paquet `generateur.modeles` une fois installé)."""
