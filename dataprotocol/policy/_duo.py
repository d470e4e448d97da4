"""GA4GH Data Use Ontology (DUO) codes, and the DUOS ``DataUse`` JSON they travel in.

A dataset's consent is a *primary* permission (``NRES``, ``GRU``, ``HMB``, ``DS``,
``POA``, ``CC``) plus *modifiers* (DUO v2021, https://github.com/EBISPOT/DUO). The
primary codes are nodes of the purpose tree (``policies/purposes.yaml`` gives each its
``code`` and DUO id); the modifiers live here because each one changes *how* a request
is matched rather than *what* topic it is about:

* ``NPU`` / ``NCU`` / ``NPUNCU`` forbid commercial use;
* ``NMDS`` withdraws the methods-research allowance ("methods research is permitted on
  controlled-access data so long as it is not expressly prohibited" -- DUOS);
* ``COL``, ``IRB``, ``GS``, ``US``, ``PS``, ``IS``, ``GSO`` need a person to look: an
  automated decision is **needs-review** until a grant records the review
  (``conditions.reviewed: [COL, IRB]``);
* ``PUB``, ``RTN``, ``MOR:DATE``, ``TS:DATE`` become obligations (``TS`` also ends the
  permission at its date).

Research purposes (requests) may carry flags DUOS never decides automatically
(``controls``, ``pediatric``, ``gender:F``, ...): each makes the answer needs-review.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from dataprotocol.errors import InputError

__all__ = ["Modifier", "MODIFIERS", "REVIEW_FLAGS", "parse_modifier", "duos_dataset_purposes",
           "duos_request"]


@dataclass(frozen=True)
class Modifier:
    """One DUO modifier code: its term id, what it does, and a sentence for people."""

    code: str
    duo: str
    kind: str  # "noncommercial" | "no-methods" | "review" | "obligation" | "time-limit"
    text: str


MODIFIERS: dict[str, Modifier] = {m.code: m for m in (
    Modifier("NPU", "DUO:0000018", "noncommercial", "not-for-profit use only"),
    Modifier("NCU", "DUO:0000046", "noncommercial", "non-commercial use only"),
    Modifier("NPUNCU", "DUO:0000045", "noncommercial", "not-for-profit, non-commercial use only"),
    Modifier("NMDS", "DUO:0000015", "no-methods", "no general methods research"),
    Modifier("COL", "DUO:0000020", "review", "collaboration with the primary study investigators required"),
    Modifier("IRB", "DUO:0000021", "review", "ethics approval required"),
    Modifier("GS", "DUO:0000022", "review", "use limited to a geographical region"),
    Modifier("US", "DUO:0000026", "review", "use limited to approved users"),
    Modifier("PS", "DUO:0000027", "review", "use limited to an approved project"),
    Modifier("IS", "DUO:0000028", "review", "use limited to approved institutions"),
    Modifier("GSO", "DUO:0000016", "review", "genetic studies only"),
    Modifier("PUB", "DUO:0000019", "obligation", "publication of results required"),
    Modifier("RTN", "DUO:0000029", "obligation", "derived or enriched data must be returned to the resource"),
    Modifier("MOR", "DUO:0000024", "obligation", "no publication before the moratorium date"),
    Modifier("TS", "DUO:0000025", "time-limit", "use approved only until the date given"),
)}
_BY_ID = {m.duo: m for m in MODIFIERS.values()}
_DATED = {"MOR", "TS"}

#: research-purpose flags DUOS abstains on (sensitive research, or no category at all)
REVIEW_FLAGS = frozenset({
    "controls", "population", "gender", "pediatric", "vulnerable-populations", "illegal-behavior",
    "sexual-diseases", "psychological-traits", "not-health", "stigmatized-diseases",
    "collaboration", "ethics-approval", "other",
})


def parse_modifier(text: str) -> tuple[Modifier, date | None] | None:
    """``NPU``, ``DUO:0000018``, ``MOR:2027-01-31`` -> (modifier, date); None if not a modifier."""
    head, _, rest = text.strip().partition(":")
    if head == "DUO":  # a DUO id, possibly followed by a date for MOR/TS
        term, _, rest = rest.partition(":")
        modifier = _BY_ID.get(f"DUO:{term}")
    else:
        modifier = MODIFIERS.get(head.upper())
    if modifier is None:
        return None
    if modifier.code in _DATED:
        try:
            return modifier, date.fromisoformat(rest)
        except ValueError:
            raise InputError(f"modifier {modifier.code} needs a date", field="purposes",
                             expected=f"{modifier.code}:YYYY-MM-DD") from None
    if rest:
        raise InputError(f"modifier {modifier.code} takes no value", field="purposes",
                         expected=modifier.code)
    return modifier, None


# ---- DUOS DataUse JSON (consent-ontology's V3/V4 schema) -------------------------------

_PRIMARY = (("generalUse", "GRU"), ("hmbResearch", "HMB"), ("populationOriginsAncestry", "POA"),
            ("methodsResearch", "MDS"))
_DATASET_FLAGS = (("collaboratorRequired", "COL"), ("ethicsApprovalRequired", "IRB"),
                  ("geneticStudiesOnly", "GSO"), ("publicationResults", "PUB"),
                  ("geographicalRestrictions", "GS"))
_PURPOSE_FLAGS = (("controls", "controls"), ("population", "population"), ("pediatric", "pediatric"),
                  ("vulnerablePopulations", "vulnerable-populations"),
                  ("illegalBehavior", "illegal-behavior"), ("sexualDiseases", "sexual-diseases"),
                  ("psychologicalTraits", "psychological-traits"), ("notHealth", "not-health"),
                  ("stigmatizeDiseases", "stigmatized-diseases"),
                  ("collaboratorRequired", "collaboration"), ("ethicsApprovalRequired", "ethics-approval"))


def _diseases(data_use: Mapping[str, Any]) -> list[str]:
    items = data_use.get("diseaseRestrictions") or []
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise InputError("diseaseRestrictions must be a list of ontology ids", field="diseaseRestrictions")
    return [f"DS:{i}" for i in items]


def duos_dataset_purposes(data_use: Mapping[str, Any]) -> list[str]:
    """A dataset's DUOS ``DataUse`` as a dataset card's ``purposes`` list.

    ``nonProfitUse: true`` (V4) or ``commercialUse: false`` (V3) is the NPU modifier; a
    dataset with no primary permission at all allows nothing (an empty topic list).
    """
    out = [code for key, code in _PRIMARY[:3] if data_use.get(key) is True]
    out += _diseases(data_use)
    if data_use.get("nonProfitUse") is True or data_use.get("commercialUse") is False:
        out.append("NPU")
    if data_use.get("commercialUse") is True and not out:
        out.append("commercial")  # DUO-coded permissions allow commercial use already
    out += [code for key, code in _DATASET_FLAGS if data_use.get(key)]
    return out


def duos_request(data_use: Mapping[str, Any]) -> str:
    """A research purpose's DUOS ``DataUse`` as a purpose text (``HMB+pediatric``, ...).

    A purpose that states no research category (only ``nonProfitUse``, say) becomes
    ``none``: DUOS abstains on it, and so does the matcher.
    """
    topics = [code for key, code in _PRIMARY if data_use.get(key) is True] + _diseases(data_use)
    flags = [flag for key, flag in _PURPOSE_FLAGS if data_use.get(key)]
    if data_use.get("gender"):
        flags.append(f"gender:{data_use['gender']}")
    if data_use.get("other") or data_use.get("secondaryOther"):
        flags.append("other")
    if data_use.get("commercialUse") is True or data_use.get("nonProfitUse") is False:
        flags.append("commercial")
    return "+".join([*(topics or ["none"]), *flags])
