"""A torchrun worker for test_distributed's resume test: ``dataprotocol ARGS``, with rank 0
dying abruptly (no clean-up, like a SIGKILL) when epoch ``DP_TEST_CRASH_AT_EPOCH`` starts,
and rank ``DP_TEST_NO_CHECKPOINT_ON_RANK`` finding no checkpoint to resume."""

from __future__ import annotations

import os
import sys
from typing import Any

import dataprotocol.train._trainer as trainer_module
from dataprotocol.cli.main import main

CRASH_AT = int(os.environ.get("DP_TEST_CRASH_AT_EPOCH", "-1"))
_real = trainer_module.run_epoch
if os.environ.get("DP_TEST_NO_CHECKPOINT_ON_RANK") == os.environ.get("RANK"):
    # this rank's --checkpoint-dir is storage the others' checkpoint never reached
    trainer_module.load_checkpoint = lambda directory: None  # type: ignore[assignment]


def _dying(*args: Any, **kwargs: Any) -> Any:
    if kwargs["epoch"] == CRASH_AT and os.environ.get("RANK") == "0":
        os._exit(17)  # the other rank blocks in its next all-reduce; torchrun stops it
    return _real(*args, **kwargs)


trainer_module.run_epoch = _dying  # type: ignore[assignment]
sys.exit(main(sys.argv[1:]))
