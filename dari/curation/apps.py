from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CurationConfig(AppConfig):
    name = "dari.curation"
    label = "curation"
    verbose_name = _("Curation")

    def ready(self) -> None:
        """Extraction's Korean common-noun test reads the process's one Korean analyser (the
        matching engine's, loaded lazily when first needed), not a second copy."""
        from dari.extraction import nouns_ko
        from dari.matching.text import korean_analyser

        nouns_ko.use_analyser(korean_analyser)
