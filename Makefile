# Assoc: Odoo 18 addons for French associations. See README.md.
PYTHON ?= python3
CTL = $(PYTHON) tools/assocctl.py
VENV_PY = .local/venv/bin/python
SCALE ?= 2000

.PHONY: demo test stop lint bench bootstrap

demo:
	@$(CTL) demo --contacts $(SCALE)

test:
	@$(CTL) test

stop:
	@$(CTL) stop

bootstrap:
	@$(CTL) bootstrap

lint: bootstrap
	@$(VENV_PY) -m ruff check addons tools tests
	@$(VENV_PY) -m pylint --rcfile=.pylintrc --disable=all --enable=E,F \
		--disable=no-member,import-error,no-name-in-module,unsubscriptable-object,access-member-before-definition,not-callable \
		addons/*
	@$(VENV_PY) tools/check_xml.py addons

bench:
	@$(CTL) bench --contacts $(SCALE)
