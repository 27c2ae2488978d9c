"""Every literal text the code marks for translation has a Korean translation: a string in
`_()`/`gettext`/`pgettext` in Python and in `{% translate "..." %}` in templates and e-mails.
A new text without one would reach a Korean page in English (the curation models' verbose
names did, on the admin pages). Texts that read the same in Korean are listed."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from django.utils import translation

import dari

ROOT = Path(dari.__file__).parent
CALLS = {"_", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy"}
TAG = re.compile(r'\{%\s*translate\s+"((?:[^"\\]|\\.)*)"(?:\s+context\s+"([^"]*)")?')
SAME_IN_KOREAN = {
    "%(field)s: %(error)s",
    "%(name)s: %(error)s",
    "%(name)s (%(organization)s)",
    "%(day)s %(time)s",
    "RNA",
    "CSV",
    "API",
}


def python_texts() -> dict[tuple[str | None, str], str]:
    found: dict[tuple[str | None, str], str] = {}
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name not in CALLS:
                continue
            args, context = node.args, None
            if name.startswith("pgettext"):
                if not (args and isinstance(args[0], ast.Constant)):
                    continue
                context, args = args[0].value, args[1:]
            if args and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
                found.setdefault(
                    (context, args[0].value), f"{path.relative_to(ROOT)}:{node.lineno}"
                )
    return found


def template_texts() -> dict[tuple[str | None, str], str]:
    found: dict[tuple[str | None, str], str] = {}
    for path in sorted(ROOT.rglob("templates/**/*")):
        if path.suffix in (".html", ".txt"):
            for m in TAG.finditer(path.read_text(encoding="utf-8")):
                # The template tag escapes % as the catalogue does.
                text = m.group(1).replace("%", "%%")
                found.setdefault((m.group(2), text), str(path.relative_to(ROOT)))
    return found


def untranslated(texts: dict[tuple[str | None, str], str]) -> dict[str, str]:
    with translation.override("ko"):
        return {
            text: where
            for (context, text), where in texts.items()
            if text.replace("%%", "%") not in SAME_IN_KOREAN
            and (translation.pgettext(context, text) if context else translation.gettext(text))
            == text
        }


def test_every_text_of_the_code_has_a_korean_translation():
    texts = python_texts()
    assert len(texts) > 1000
    assert untranslated(texts) == {}


def test_every_text_of_the_templates_has_a_korean_translation():
    texts = template_texts()
    assert len(texts) > 500
    assert untranslated(texts) == {}


def test_the_curation_models_read_in_korean():
    from dari.curation.models import Candidate

    with translation.override("ko"):
        assert (str(Candidate._meta.verbose_name), str(Candidate._meta.verbose_name_plural)) == (
            "후보 기록",
            "후보 기록",
        )


def test_the_catalogue_keeps_no_obsolete_or_fuzzy_entry_and_is_compiled():
    """A fuzzy entry is not compiled (its page reads English), an obsolete one (`#~`) is dead
    weight; the compiled catalogue holds every translated entry of the source one."""
    import gettext

    from babel.messages.pofile import read_po

    folder = ROOT / "locale" / "ko" / "LC_MESSAGES"
    source = (folder / "django.po").read_text(encoding="utf-8")
    with (folder / "django.po").open("rb") as f:
        catalogue = read_po(f)
    with (folder / "django.mo").open("rb") as f:
        compiled = gettext.GNUTranslations(f)._catalog  # type: ignore[attr-defined]
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        if m.context is None
        else f"{m.context}\x04{m.id if isinstance(m.id, str) else m.id[0]}"
        for m in catalogue
        if m.id and m.string and (m.string if isinstance(m.string, str) else m.string[0])
    }
    keys = {k if isinstance(k, str) else k[0] for k in compiled if k}
    assert [
        [line for line in source.splitlines() if line.startswith("#~")],
        [m.id for m in catalogue if m.fuzzy and m.id],
        sorted(translated - keys),
    ] == [[], [], []]
