"""Capacity pages, one module per use case; ``capacity/urls.py`` maps each route to its view."""
