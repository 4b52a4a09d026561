"""A server in JWT mode: the tenant is the bearer token's; naming another tenant is refused."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Iterator

import grpc
import pytest

from grpc_clients import IsaCloudError, MinIOClient
from stack import Stack, start_stack

SECRET = 'a-test-secret-that-is-at-least-32-characters'


def jwt(sub: str, org: str | None = None) -> str:
    """An HS256 token (RFC 7519), made with the standard library."""
    def part(value: object) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b'=').decode()
    claims = {'sub': sub, 'exp': int(time.time()) + 600, **({'org_id': org} if org else {})}
    head = f"{part({'alg': 'HS256', 'typ': 'JWT'})}.{part(claims)}"
    signature = hmac.new(SECRET.encode(), head.encode(), hashlib.sha256).digest()
    return f"{head}.{base64.urlsafe_b64encode(signature).rstrip(b'=').decode()}"


@pytest.fixture(scope='module')
def jwt_stack() -> Iterator[Stack]:
    started = start_stack({'ISA_AUTH_MODE': 'jwt', 'ISA_JWT_SECRET': SECRET}, services=('minio',))
    try:
        yield started
    finally:
        started.stop()


def test_the_token_is_the_tenant(jwt_stack: Stack) -> None:
    port = jwt_stack.ports['minio']
    with MinIOClient('127.0.0.1', port, token=jwt('alice_jwt'), raise_on_error=True) as alice:
        alice.create_bucket('mine')
        assert [b['owner_id'] for b in alice.list_buckets()] == ['alice_jwt']
    # A token can come from a function, called before every call.
    with MinIOClient('127.0.0.1', port, token=lambda: jwt('bob_jwt'), raise_on_error=True) as bob:
        assert bob.list_buckets() == []


def test_no_token_or_another_tenant_is_refused(jwt_stack: Stack) -> None:
    port = jwt_stack.ports['minio']
    with MinIOClient('127.0.0.1', port, user_id='alice_jwt', raise_on_error=True) as anonymous:
        with pytest.raises(IsaCloudError) as caught:
            anonymous.list_buckets()
        assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED
    with MinIOClient('127.0.0.1', port, user_id='alice_jwt', token=jwt('mallory_jwt'), raise_on_error=True) as mallory:
        with pytest.raises(IsaCloudError) as caught:
            mallory.list_buckets()
        assert caught.value.code() == grpc.StatusCode.PERMISSION_DENIED
