"""The query tests' fixtures: a published package and a grantee."""

from tests.query.conftest import analyst, package, publisher  # noqa: F401
