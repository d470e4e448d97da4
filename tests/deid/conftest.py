"""Presidio + spaCy are loaded ONCE per session (seconds); every test shares them."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest

KEY = bytes(range(32))


def findings_of(scrubber: Any, text: str) -> dict[str, str]:
    """What the scrubber finds in ``text``: each found string and its entity type."""
    return {text[f.start:f.end]: f.entity_type for f in scrubber.find(text)}
OTHER_KEY = bytes(range(1, 33))


class _Blocked:
    """Replace socket connects with a recorder that raises (no network, ever)."""

    def __init__(self) -> None:
        self.attempts: list[Any] = []
        self._saved: tuple[Any, Any] | None = None

    def __enter__(self) -> _Blocked:
        self._saved = (socket.socket.connect, socket.create_connection)

        def refuse(*args: Any, **kwargs: Any) -> Any:
            self.attempts.append(args[1:] if args else kwargs)
            raise OSError("network disabled in tests")

        socket.socket.connect = refuse  # type: ignore[method-assign]
        socket.create_connection = refuse
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._saved is not None
        socket.socket.connect, socket.create_connection = self._saved  # type: ignore[method-assign]


@pytest.fixture(scope="session")
def offline_build() -> Iterator[tuple[Any, list[Any]]]:
    """The default Scrubber, built *and first used on e-mails/URLs* with sockets blocked."""
    from dataprotocol.deid import Scrubber

    with _Blocked() as blocked:
        scrubber = Scrubber()
        scrubber.scrub("mail jane.doe@example.co.uk or see https://portal.example.org/u/jane")
    yield scrubber, blocked.attempts


@pytest.fixture(scope="session")
def scrubber(offline_build: tuple[Any, list[Any]]) -> Any:
    return offline_build[0]


@pytest.fixture(scope="session")
def keyed(scrubber: Any) -> Any:
    """Pseudonyms for everything, shares the loaded pipeline."""
    from dataprotocol.deid import ScrubConfig

    return scrubber.reconfigured(ScrubConfig(operator="pseudonym", key=KEY))


@pytest.fixture
def blocked_network() -> Iterator[_Blocked]:
    with _Blocked() as blocked:
        yield blocked
