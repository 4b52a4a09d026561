"""One real stack per test run (tests/stack.py), and clients for it."""

from __future__ import annotations

import sys
import uuid
from pathlib import Path
from typing import Any, Iterator

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from stack import Stack, start_stack  # noqa: E402

import grpc_clients  # noqa: E402


@pytest.fixture(scope='session')
def stack() -> Iterator[Stack]:
    started = start_stack()
    try:
        yield started
    finally:
        started.stop()


@pytest.fixture
def user() -> str:
    """A tenant no other test uses."""
    return f'py_{uuid.uuid4().hex[:12]}'


@pytest.fixture
def connect(stack: Stack) -> Iterator[Any]:
    """connect('minio', user_id=..., **options): a client of the stack, closed after the test."""
    made: list[Any] = []

    def make(service: str, **options: Any) -> Any:
        client = grpc_clients.get_client(service, host=stack.host, port=stack.ports[service], **options)
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()
