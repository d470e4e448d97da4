"""Saving any trained torch module into a model directory.

transformers models save themselves (``save_pretrained``); a plain ``nn.Module`` from a
user's own loop is saved as ``model.safetensors`` (its state dict -- no pickle, so the
released weights cannot run code when loaded) so that the card can hash and sign it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["savable", "StateDictModel"]


class StateDictModel:
    """A ``save_pretrained`` for a module that has none."""

    def __init__(self, module: Any) -> None:
        self.module = module

    def save_pretrained(self, directory: str | Path) -> None:
        from safetensors.torch import save_file

        state = {name: tensor.detach().cpu().contiguous()
                 for name, tensor in self.module.state_dict().items()}
        save_file(state, str(Path(directory) / "model.safetensors"),
                  metadata={"format": "pt", "class": type(self.module).__name__})


def savable(model: Any) -> Any:
    """``model`` itself when it can ``save_pretrained``, else a :class:`StateDictModel`."""
    if callable(getattr(model, "save_pretrained", None)):
        return model
    return StateDictModel(model)
