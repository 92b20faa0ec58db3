"""Safe fetching under hostile redirects (issue 8), against a real local server.

``tests/test_fetch.py`` covers schemes, the private-host guard on the first request,
redirect limits and gzip bombs; these add what a hostile site does with redirects: send
a fetch that started at a public host on to a private one, or to a non-HTTP scheme.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import replace

import pytest
from fakesite import FakeSite, serve_site

import articlekit

# The module, not the function articlekit.fetch that shadows it on the package.
fetch_module = importlib.import_module("articlekit.fetch")

FAST = articlekit.FetchOptions(
    allow_private_hosts=False, delay=0, backoff=0.01, connect_timeout=2, read_timeout=2, total_timeout=10
)


@pytest.fixture(scope="module")
def site() -> Iterator[FakeSite]:
    with serve_site() as fake:
        yield fake


def test_a_redirect_to_a_private_host_is_refused_at_connect_time(
    site: FakeSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first host passes as public (patched); the redirect to another host name that
    resolves to a loopback address must be checked again when it connects."""
    checked: list[str] = []

    def first_is_public(address: str) -> bool:
        checked.append(address)
        return len(checked) == 1

    monkeypatch.setattr(fetch_module, "is_public_address", first_is_public)
    port = site.server.port
    site.serve("/hostile/to-private/", "", status=302, headers={"Location": f"http://127.0.0.1:{port}/x/"})
    with pytest.raises(articlekit.BlockedHost):
        articlekit.fetch(f"http://localhost:{port}/hostile/to-private/", replace(FAST, max_redirects=3))
    assert len(checked) >= 2


@pytest.mark.parametrize(
    "target", ["file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1:70/", "javascript:alert(1)"]
)
def test_a_redirect_to_another_scheme_is_refused(site: FakeSite, target: str) -> None:
    site.serve("/hostile/to-scheme/", "", status=302, headers={"Location": target})
    with pytest.raises(articlekit.FetchError):
        articlekit.fetch(f"{site.url}/hostile/to-scheme/", replace(FAST, allow_private_hosts=True))
