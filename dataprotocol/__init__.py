"""dataprotocol: privacy-preserving data sharing for machine learning.

Sub-packages, one per concern (DESIGN.md): ``keys``, ``policy``, ``deid``, ``package``,
``budget``, ``train``, ``cli``. Heavy dependencies (torch, Presidio) load only when the
layer that needs them is imported.
"""

from __future__ import annotations

from dataprotocol.errors import (
    AuditFailed,
    BudgetExceeded,
    DataProtocolError,
    DecryptionError,
    InputError,
    IntegrityError,
    PolicyDenied,
    PolicyError,
    SignatureError,
)

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "DataProtocolError",
    "InputError",
    "PolicyError",
    "PolicyDenied",
    "IntegrityError",
    "SignatureError",
    "DecryptionError",
    "BudgetExceeded",
    "AuditFailed",
]
