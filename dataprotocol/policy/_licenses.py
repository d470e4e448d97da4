"""License definitions (data in ``policies/licenses/*.yaml``) and their registry.

A license says, per action (``read``, ``train``, ``publish-model``, ``publish-data``),
whether it is allowed -- possibly differently per profile --, whether the output of
that action is an *adaptation* bound by the license's share-alike / adaptation rules,
and which obligations it carries. Malformed files are rejected with file, line, field.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dataprotocol._files import line_of, load_yaml
from dataprotocol.errors import InputError
from dataprotocol.policy._paths import builtin_policies_dir, user_license_dirs

__all__ = [
    "ACTIONS",
    "GRANT_ACTIONS",
    "RULE_OF",
    "PROFILES",
    "OBLIGATION_TEXTS",
    "ActionRule",
    "License",
    "LicenseRegistry",
    "load_license_file",
    "default_registry",
    "UNSPECIFIED",
    "LICENSE_KINDS",
    "is_spdx_id",
    "unknown_license_text",
]

ACTIONS = ("read", "train", "publish-model", "publish-data")
#: actions a grant may name and a request may ask for: a license's own actions, plus
#: ``query`` (DP statistics, ``dataprotocol.query``), which license files need not
#: define -- its license rules and obligations are those of ``read`` (RULE_OF).
GRANT_ACTIONS = (*ACTIONS, "query")
RULE_OF = {"query": "read"}
PROFILES = ("conservative", "permissive")
UNSPECIFIED = "LicenseRef-unspecified"

#: what each obligation kind asks of the user (decide() fills in the dataset's credits)
OBLIGATION_TEXTS: dict[str, str] = {
    "attribution": "credit the creator and source and name the license",
    "modified-notice": "state that the material was modified (e.g. used to train a model)",
    "license-link": "include the license or a link to it with the shared data",
    "license-text": "include the text of the license with the shared data",
    "share-alike": "license the output under the same license family",
    "non-commercial": "no use primarily intended for commercial advantage",
    "odbl-notice": "add a notice that the work was produced from a database under the ODbL",
    "produced-work-notice": "add a notice naming the database the work was produced from",
    "no-redistribution": "do not redistribute the data or anything derived from it",
    "use-restrictions": "pass the license's use restrictions on to every downstream user and derivative",
    "acceptable-use-policy": "follow the licensor's acceptable use policy and make derivatives' users follow it",
    "mau-limit": "a licensee above 700 million monthly active users needs the licensor's own license",
    "built-with-notice": "display \"Built with Llama\" and start a derivative model's name with \"Llama\"",
    "odbl-waiver": "before releasing under ODbL-1.0, obtain the CC licensor's waiver of its attribution and "
                   "no-technical-measures terms (CC BY 2(a)(5)(B), 3(a)), as OpenStreetMap requires",
}

#: what a license is for: data licenses are offered as output licenses; software and model
#: licenses enter a combination only as inputs (a base model's license)
LICENSE_KINDS = ("data", "software", "model")

_TOP_KEYS = {"id", "name", "url", "conditions", "adaptation_licenses", "actions", "description", "kind",
             "hub_id", "suggest"}
_CONDITION_KEYS = {"commercial", "attribution", "share_alike", "no_derivatives", "results_exempt"}
_RULE_KEYS = {"allowed", "adaptation", "obligations", "reason"}


@dataclass(frozen=True)
class ActionRule:
    """What a license says about one action, resolved per profile."""

    allowed: Mapping[str, bool]
    adaptation: Mapping[str, bool]
    obligations: tuple[str, ...] = ()
    reason: str | None = None

    def allowed_in(self, profile: str) -> bool:
        return self.allowed[profile]

    def is_adaptation(self, profile: str) -> bool:
        return self.adaptation[profile]


@dataclass(frozen=True)
class License:
    """One license definition. ``adaptation_licenses`` None means "any license"."""

    id: str
    name: str
    url: str | None
    commercial: bool
    attribution: bool
    share_alike: str | None
    no_derivatives: bool
    results_exempt: bool
    adaptation_licenses: tuple[str, ...] | None
    actions: Mapping[str, ActionRule]
    source: str = field(default="", compare=False)
    #: data | software | model (see LICENSE_KINDS)
    kind: str = "data"
    #: the Hugging Face Hub's license id, None when the Hub has none (cards then say "other")
    hub_id: str | None = None
    #: offered as an output license when no input uses it (older CC versions are not)
    suggest: bool = True

    def rule(self, action: str) -> ActionRule:
        return self.actions[RULE_OF.get(action, action)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "url": self.url,
            "conditions": {"commercial": self.commercial, "attribution": self.attribution,
                           "share_alike": self.share_alike, "no_derivatives": self.no_derivatives,
                           "results_exempt": self.results_exempt},
            "adaptation_licenses": ["*"] if self.adaptation_licenses is None
            else list(self.adaptation_licenses),
            "actions": {
                a: {"allowed": dict(r.allowed), "adaptation": dict(r.adaptation),
                    "obligations": list(r.obligations), "reason": r.reason}
                for a, r in self.actions.items()
            },
            "source": self.source, "kind": self.kind, "hub_id": self.hub_id, "suggest": self.suggest,
        }


class _Checker:
    """Type checks that name file, line and field."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, msg: str, mapping: Any, key: Any, fld: str, expected: str | None = None) -> InputError:
        return InputError(msg, file=self.path, line=line_of(mapping, key), field=fld, expected=expected)

    def mapping(self, value: Any, parent: Any, key: Any, fld: str, allowed: set[str]) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail("missing" if value is None else "must be a mapping", parent, key, fld, "a YAML mapping")
        for k in value:
            if k not in allowed:
                raise self.fail(f"unknown key {k!r}", value, k, f"{fld}.{k}" if fld else str(k),
                                "one of " + ", ".join(sorted(allowed)))
        return value

    def boolean(self, m: Mapping[str, Any], key: str, fld: str, default: bool | None = None) -> bool:
        if key not in m:
            if default is None:
                raise self.fail("missing", m, key, fld, "true or false")
            return default
        if not isinstance(m[key], bool):
            raise self.fail(f"must be true or false, not {m[key]!r}", m, key, fld, "true or false")
        return bool(m[key])

    def per_profile(self, m: Mapping[str, Any], key: str, fld: str, default: bool) -> dict[str, bool]:
        value = m.get(key, default)
        if isinstance(value, bool):
            return {p: value for p in PROFILES}
        if not isinstance(value, Mapping):
            raise self.fail(f"must be true, false or a per-profile mapping, not {value!r}", m, key, fld,
                            "true, false or {conservative: .., permissive: ..}")
        spec = self.mapping(value, m, key, fld, set(PROFILES))
        out = {}
        for p in PROFILES:
            out[p] = self.boolean(spec, p, f"{fld}.{p}")
        return out

    def text(self, m: Mapping[str, Any], key: str, fld: str, *, optional: bool = False) -> str | None:
        value = m.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail("missing or not a string" if value is None else f"must be a string, not {value!r}",
                            m, key, fld, "a non-empty string")
        return value

    def str_list(self, m: Mapping[str, Any], key: str, fld: str) -> tuple[str, ...]:
        value = m.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail("must be a list of strings", m, key, fld, "a list of strings")
        return tuple(value)


def _parse_rule(chk: _Checker, actions: Mapping[str, Any], action: str) -> ActionRule:
    fld = f"actions.{action}"
    spec = chk.mapping(actions[action], actions, action, fld, _RULE_KEYS)
    obligations = chk.str_list(spec, "obligations", f"{fld}.obligations")
    for kind in obligations:
        if kind not in OBLIGATION_TEXTS:
            raise chk.fail(f"unknown obligation {kind!r}", spec, "obligations", f"{fld}.obligations",
                           "one of " + ", ".join(sorted(OBLIGATION_TEXTS)))
    if "allowed" not in spec:
        raise chk.fail("missing", spec, None, f"{fld}.allowed",
                       "true, false or {conservative: .., permissive: ..}")
    return ActionRule(
        allowed=chk.per_profile(spec, "allowed", f"{fld}.allowed", default=False),
        adaptation=chk.per_profile(spec, "adaptation", f"{fld}.adaptation", default=action == "publish-data"),
        obligations=obligations,
        reason=chk.text(spec, "reason", f"{fld}.reason", optional=True),
    )


def _parse_license(doc: Any, path: str) -> License:
    chk = _Checker(path)
    top = chk.mapping(doc, doc, None, "", _TOP_KEYS)
    lic_id = chk.text(top, "id", "id")
    assert lic_id is not None
    cond = chk.mapping(top.get("conditions"), top, "conditions", "conditions", _CONDITION_KEYS)
    share_alike = cond.get("share_alike")
    if share_alike is not None and not isinstance(share_alike, str):
        raise chk.fail("must be a family name or null", cond, "share_alike", "conditions.share_alike")
    flags = {k: chk.boolean(cond, k, f"conditions.{k}") for k in ("commercial", "attribution", "no_derivatives")}
    actions = chk.mapping(top.get("actions"), top, "actions", "actions", set(ACTIONS))
    for action in ACTIONS:
        if action not in actions:
            raise chk.fail(f"action {action!r} is not defined", actions, None, f"actions.{action}",
                           "a rule for each of " + ", ".join(ACTIONS))
    adapt = chk.str_list(top, "adaptation_licenses", "adaptation_licenses")
    kind = top.get("kind", "data")
    if kind not in LICENSE_KINDS:
        raise chk.fail(f"unknown kind {kind!r}", top, "kind", "kind", " | ".join(LICENSE_KINDS))
    return License(
        id=lic_id, name=chk.text(top, "name", "name") or lic_id,
        url=chk.text(top, "url", "url", optional=True),
        commercial=flags["commercial"], attribution=flags["attribution"], share_alike=share_alike,
        no_derivatives=flags["no_derivatives"],
        results_exempt=chk.boolean(cond, "results_exempt", "conditions.results_exempt", default=False),
        adaptation_licenses=None if "*" in adapt else adapt,
        actions={a: _parse_rule(chk, actions, a) for a in ACTIONS},
        source=path, kind=str(kind), hub_id=chk.text(top, "hub_id", "hub_id", optional=True),
        suggest=chk.boolean(top, "suggest", "suggest", default=True),
    )


def load_license_file(path: str | Path) -> License:
    """Parse one license YAML file; raise :class:`InputError` naming file, line, field."""
    return _parse_license(load_yaml(path, what="license file"), str(path))


def is_spdx_id(license_id: str) -> bool:
    """True for an id on the SPDX license list (or ScanCode's LicenseRef list) that
    ``license-expression`` ships: a real license, even if this registry has no definition."""
    from license_expression import get_spdx_licensing  # its list is large: load on first use

    return str(license_id).casefold() in _spdx_keys(get_spdx_licensing)


_SPDX_KEYS: frozenset[str] | None = None


def _spdx_keys(factory: Any) -> frozenset[str]:
    global _SPDX_KEYS
    if _SPDX_KEYS is None:
        _SPDX_KEYS = frozenset(str(k).casefold() for k in factory().known_symbols)
    return _SPDX_KEYS


def unknown_license_text(license_id: str) -> str:
    """Tell a real-but-undefined SPDX id from a made-up one."""
    if is_spdx_id(license_id):
        return (f"license {license_id!r} is a valid SPDX id but has no definition here; add a YAML "
                "definition to a folder named by $DATAPROTOCOL_POLICIES (see docs/policy.md)")
    return f"unknown license {license_id!r}: not an SPDX license id"


class LicenseRegistry:
    """Licenses by SPDX id. Adding an id twice is an error (no silent overwrite)."""

    def __init__(self, licenses: Iterable[License] = ()) -> None:
        self._licenses: dict[str, License] = {}
        self._folded: dict[str, License] = {}  # SPDX ids match case-insensitively (SPDX spec, annex B)
        for lic in licenses:
            self.add(lic)

    def add(self, lic: License) -> None:
        old = self._folded.get(lic.id.casefold())
        if old is not None:
            raise InputError(f"license {lic.id!r} is already defined in {old.source}",
                             file=lic.source, field="id", expected="a new license id")
        self._licenses[lic.id] = lic
        self._folded[lic.id.casefold()] = lic

    def add_folder(self, folder: str | Path) -> None:
        folder = Path(folder)
        if not folder.is_dir():
            raise InputError("license folder not found", file=folder, expected="a folder of *.yaml")
        for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
            self.add(load_license_file(path))

    def get(self, license_id: str) -> License | None:
        lic = self._licenses.get(license_id)
        return lic if lic is not None else self._folded.get(str(license_id).casefold())

    def __getitem__(self, license_id: str) -> License:
        lic = self.get(license_id)
        if lic is None:
            raise InputError(unknown_license_text(license_id), field="license",
                             expected="one of " + ", ".join(self._licenses))
        return lic

    def require_known(self, license_text: str, *, file: str | Path | None = None,
                      field: str = "license") -> None:
        """Every id in a card's license (an id or an SPDX expression) must be defined here.

        Publishing or granting a dataset under an id no one can interpret makes every
        later decision a denial; refuse it up front as bad input (exit 2, as DESIGN.md
        says), the same way ``check``, ``publish`` and ``grant issue`` all see it.
        """
        from dataprotocol.policy._expression import parse_license_expression

        expression = parse_license_expression(license_text, file=None if file is None else str(file),
                                              field=field)
        unknown = [i for i in expression.ids() if i not in self]
        if unknown:
            raise InputError(f"unknown license {', '.join(map(repr, unknown))}", file=file,
                             field=field, expected="one of " + ", ".join(self._licenses) +
                             " (or a folder of definitions given with --licenses)")

    def __contains__(self, license_id: object) -> bool:
        return isinstance(license_id, str) and self.get(license_id) is not None

    def __iter__(self) -> Iterator[License]:
        return iter(self._licenses.values())

    def __len__(self) -> int:
        return len(self._licenses)

    def ids(self) -> tuple[str, ...]:
        return tuple(self._licenses)

    @classmethod
    def load(cls, *folders: str | Path, builtin: bool = True, env: bool = True) -> LicenseRegistry:
        """Built-ins, then ``$DATAPROTOCOL_POLICIES`` folders, then ``folders``."""
        reg = cls()
        if builtin:
            reg.add_folder(builtin_policies_dir() / "licenses")
        for folder in [*(user_license_dirs() if env else []), *folders]:
            reg.add_folder(folder)
        return reg


_DEFAULT: LicenseRegistry | None = None


def default_registry() -> LicenseRegistry:
    """The built-in licenses plus ``$DATAPROTOCOL_POLICIES`` (loaded once, then cached)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = LicenseRegistry.load()
    return _DEFAULT
