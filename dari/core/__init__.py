"""Shared foundations of the data apps: no models, no views. The domain error type
(`errors.py`) and the helper that puts it on a form (`forms.py`)."""
