"""Étape 5 : écrire — fichiers tout ou rien, manifeste, PDF/A, exports."""
