"""Date formats where Django's own for a language do not fit Dari (FORMAT_MODULE_PATH)."""
