"""CLI commands of the `budget`  (budget audit; filled in by its issue)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Attach this layer's commands to the root app."""
