"""Service discovery against the stack's embedded registry: the package's discover() and
ServiceDiscovery, and python-consul (python3-consul2) used the guide's way."""

from __future__ import annotations

import json
import time
import urllib.request
from typing import Any

import consul

from grpc_clients import ServiceDiscovery, discover
from stack import Stack


def test_discover_calls_a_healthy_instance(stack: Stack, user: str) -> None:
    with discover('minio', user_id=user, consul_host=stack.host, consul_port=stack.registry_port) as minio:
        assert minio.create_bucket('found-me')['bucket'] == 'found-me'
        assert [b['name'] for b in minio.list_buckets()] == ['found-me']


def test_python_consul_sees_what_discovery_sees(stack: Stack) -> None:
    index, services = consul.Consul(host=stack.host, port=stack.registry_port).health.service(
        'duckdb-grpc-service', passing=True)
    assert [(s['Service']['Address'], s['Service']['Port']) for s in services] == [(stack.host, stack.ports['duckdb'])]
    with ServiceDiscovery(stack.host, stack.registry_port) as discovery:
        assert discovery.get_service_address('duckdb') == (stack.host, stack.ports['duckdb'])
        assert discovery.get_service_address('no-such-service' if False else 'loki') == (stack.host, stack.ports['loki'])


def _register(stack: Stack, service_id: str, port: int) -> None:
    """An instance registered with a passing TTL check that nothing serves (a crashed replica)."""
    body = json.dumps({'ID': service_id, 'Name': 'minio-grpc-service', 'Address': stack.host, 'Port': port,
                       'Check': {'TTL': '60s', 'Status': 'passing'}}).encode()
    request = urllib.request.Request(f'http://{stack.host}:{stack.registry_port}/v1/agent/service/register',
                                     data=body, method='PUT')
    urllib.request.urlopen(request, timeout=5).close()


def _deregister(stack: Stack, service_id: str) -> None:
    request = urllib.request.Request(
        f'http://{stack.host}:{stack.registry_port}/v1/agent/service/deregister/{service_id}', method='PUT')
    urllib.request.urlopen(request, timeout=5).close()


def test_a_dead_instance_is_stepped_around(stack: Stack, user: str) -> None:
    from stack import free_port

    _register(stack, 'minio-dead-replica', free_port())
    try:
        with ServiceDiscovery(stack.host, stack.registry_port) as discovery:
            assert len(discovery.instances('minio')) == 2
            minio: Any = discovery.get_client('minio', user_id=user, raise_on_error=True)
            # Round robin reaches the dead instance; the call fails over to the live one at once.
            for _ in range(6):
                assert minio.list_buckets() == []
            minio.close()
    finally:
        _deregister(stack, 'minio-dead-replica')



def test_calls_are_spread_over_every_healthy_instance(user: str) -> None:
    from stack import start_stack

    replicated = start_stack(services=('minio',), replicas=2)
    try:
        with ServiceDiscovery(replicated.host, replicated.registry_port) as discovery:
            deadline = time.monotonic() + 10
            while len(discovery.instances('minio')) < 2 and time.monotonic() < deadline:
                time.sleep(0.2)
            instances = {i.address for i in discovery.instances('minio')}
            assert len(instances) == 2
            minio: Any = discovery.get_client('minio', user_id=user, raise_on_error=True)
            for _ in range(4):
                assert minio.list_buckets() == []
            assert set(minio._transport._channels) == instances
            minio.close()
    finally:
        replicated.stop()
