from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "dari.directory"
    label = "directory"
    verbose_name = _("Directory")

    def ready(self) -> None:
        """Reasons of recommendations speak the reader's language (the core is keyed by
        the English text; dari.directory.domain.reason_catalogue marks every string; an
        indication named in a reason goes through the glossary: 위암 for "gastric cancer", and
        for a Korean reader a longer phrase the glossary has no entry for by its gist; a quote
        from a bundled record's text comes from its Korean rendering); the asset search index
        and the directory generation follow every save; a partner or CDA link
        stamps the assets it shares (dari.directory.sharing)."""
        from django.utils.translation import gettext

        from dari.core.names import choose_name, local_quote, term_gist
        from dari.matching.reasons import (
            set_name_chooser,
            set_quote_chooser,
            set_term_translator,
            set_translator,
        )

        set_translator(gettext)
        set_term_translator(term_gist)
        set_name_chooser(choose_name)
        set_quote_chooser(local_quote)

        from dari.directory import generation, search, sharing

        search.connect_signals()
        generation.connect_signals()
        sharing.connect_signals()
