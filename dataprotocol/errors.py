"""One exception hierarchy for the whole package.

Every error the library raises on purpose derives from :class:`DataProtocolError`.
The CLI maps them to exit codes at its edge only (see ``dataprotocol.cli``):

* ``InputError`` (and subclasses) -> exit 2: bad input or usage;
* every other ``DataProtocolError`` -> exit 1: a decision or check said no.

Security checks *raise*; they never return ``False`` (pyca/cryptography's rule).
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "DataProtocolError",
    "InputError",
    "KeyFileError",
    "PolicyError",
    "PolicyDenied",
    "GrantRefused",
    "IntegrityError",
    "SignatureError",
    "DecryptionError",
    "BudgetError",
    "BudgetExceeded",
    "AuditFailed",
]


class DataProtocolError(Exception):
    """Root of every error dataprotocol raises on purpose."""

    #: exit code the CLI uses for this kind of error
    exit_code: int = 1


class InputError(DataProtocolError):
    """Bad input: a missing or malformed file, an unknown id, a wrong value.

    The message names where (file, line, field) and what was expected.
    """

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        field: str | None = None,
        line: int | None = None,
        expected: str | None = None,
    ) -> None:
        self.file = str(file) if file is not None else None
        self.field = field
        self.line = line
        self.expected = expected
        self.detail = message
        super().__init__(self._render())

    def _render(self) -> str:
        where = []
        if self.file:
            where.append(self.file + (f":{self.line}" if self.line else ""))
        if self.field:
            where.append(f"field '{self.field}'")
        text = (", ".join(where) + ": " if where else "") + self.detail
        if self.expected:
            text += f" (expected {self.expected})"
        return text


class KeyFileError(InputError):
    """A key or identity file could not be read (wrong format, wrong passphrase)."""


class PolicyError(DataProtocolError):
    """The policy engine could not decide: e.g. a malformed grant or license definition."""


class PolicyDenied(PolicyError):
    """A request was denied. ``reasons`` lists every failing rule."""

    def __init__(self, message: str, reasons: list[str] | tuple[str, ...] = ()) -> None:
        self.reasons = tuple(reasons)
        full = message if not self.reasons else message + ": " + "; ".join(self.reasons)
        super().__init__(full)


class GrantRefused(PolicyDenied):
    """A grant request was refused before signing: ``reasons`` lists every way it breaks
    the rules, ``field`` names what is wrong (``grant``: the request breaks the
    organisation policy; ``issuer``: the signing key is not the dataset's publisher) and
    ``expected`` what would be accepted.

    Refused input, not a decision about data: the CLI reports it as bad input (exit 2),
    adding the file the field came from (the key file for ``issuer``)."""

    exit_code = 2

    def __init__(self, reasons: list[str] | tuple[str, ...], *, field: str, expected: str) -> None:
        self.field = field
        self.expected = expected
        super().__init__(f"grant refused ({field})", reasons)


class IntegrityError(DataProtocolError):
    """Something was altered, swapped, truncated or rolled back."""


class SignatureError(IntegrityError):
    """A signature did not verify, or was made by an unexpected key."""


class DecryptionError(IntegrityError):
    """Authenticated decryption failed.

    Deliberately opaque: wrong key, tampered ciphertext, wrong associated data and
    truncation all raise this same error with the same message, so that an attacker
    learns nothing from which check failed.
    """

    def __init__(self, where: str | None = None) -> None:
        self.where = where
        super().__init__("decryption failed" + (f": {where}" if where else ""))


class BudgetError(DataProtocolError):
    """The privacy-budget ledger refused or could not complete an operation."""


class BudgetExceeded(BudgetError):
    """A run would spend more (epsilon, delta) than the dataset has left."""


class AuditFailed(DataProtocolError):
    """An audit or a verification found at least one failing check (``failures``): a
    model-card / budget audit turned into an error, the canary guard, residual PII."""

    def __init__(self, message: str, failures: list[str] | tuple[str, ...] = ()) -> None:
        self.failures = tuple(failures)
        super().__init__(message + (": " + "; ".join(self.failures) if self.failures else ""))
