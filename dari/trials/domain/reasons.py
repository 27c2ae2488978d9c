"""The site finder's reasons in the reader's language (the engine gives codes and numbers)."""

from __future__ import annotations

from typing import Any

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dari.trials.engine import Reason


def reason_text(reason: Reason, phase: str | None) -> str:
    return str(_reason_text(reason, phase))


def _reason_text(reason: Reason, phase: str | None) -> Any:
    v = reason.values
    n = int(v.get("n", 0))
    if reason.code == "phase_trials":
        if "first" in v and v["first"] == v["last"]:  # one year: "(2022)", not "(2022–2022)"
            year = {"year": v["first"]}
            if phase:
                return ngettext(
                    "%(n)d matching phase %(phase)s trial (%(year)s)",
                    "%(n)d matching phase %(phase)s trials (%(year)s)",
                    n,
                ) % {"n": n, "phase": phase, **year}
            return ngettext(
                "%(n)d matching trial (%(year)s)", "%(n)d matching trials (%(year)s)", n
            ) % {"n": n, **year}
        if "first" in v:
            years = {"first": v["first"], "last": v["last"]}
            if phase:
                return ngettext(
                    "%(n)d matching phase %(phase)s trial (%(first)s–%(last)s)",
                    "%(n)d matching phase %(phase)s trials (%(first)s–%(last)s)",
                    n,
                ) % {"n": n, "phase": phase, **years}
            return ngettext(
                "%(n)d matching trial (%(first)s–%(last)s)",
                "%(n)d matching trials (%(first)s–%(last)s)",
                n,
            ) % {"n": n, **years}
        return ngettext("%(n)d matching trial", "%(n)d matching trials", n) % {"n": n}
    if reason.code == "all_trials":
        return ngettext(
            "%(n)d trial of this condition in any phase",
            "%(n)d trials of this condition in any phase",
            n,
        ) % {"n": n}
    if reason.code == "industry_share":
        return _("%(share)d%% industry-sponsored") % {"share": round(float(v["share"]) * 100)}
    if reason.code == "median_enrolment":
        # Grouped by thousands as everywhere else ("1,040", not "1040").
        return _("median planned enrolment %(n)s") % {"n": intcomma(n)}
    if reason.code == "competing":
        return ngettext(
            "%(n)d competing trial recruiting now",
            "%(n)d competing trials recruiting now",
            n,
        ) % {"n": n}
    if reason.code == "stopped_share":
        return _("%(share)d%% terminated or withdrawn") % {"share": round(float(v["share"]) * 100)}
    if reason.code == "phase1_unit":
        if v.get("stated"):
            return _("has a phase 1 unit")
        return ngettext("runs phase 1 trials (%(n)d)", "runs phase 1 trials (%(n)d)", n) % {"n": n}
    return reason.code
