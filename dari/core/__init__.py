"""Shared foundations of the data apps: no models, no views (the domain error type)."""
