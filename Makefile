# Deux commandes suffisent sur une machine neuve (Python 3.11+ et make) :
#   make exemple   crée l'environnement, installe, génère le dossier d'exemple dans sorties/
#   make test      crée l'environnement, installe, lance les tests
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: exemple test installer modeles-texte banc

$(BIN)/generateur: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

installer: $(BIN)/generateur

exemple: installer
	$(BIN)/generateur generer donnees/cotentin --force

test: installer
	$(BIN)/pytest

# Réécrit le texte des modèles (balises comprises) suivi par git : tout changement d'un .docx se lit dans le diff.
modeles-texte: installer
	$(BIN)/generateur modeles afficher > modeles/modeles.txt

# Banc d'essai (pas un test) : vitesses comparées côte à côte dans un même lancement.
banc: installer
	$(BIN)/python benchmarks/banc.py
