"""The one error type of event operations: a message a person can act on."""


class EventError(ValueError):
    """An event operation refused; the message names what is wrong. Nothing was written."""
