"""The ledger's pages, one module per use case; ``ledger/urls.py`` maps each route to its view."""
