"""The guide's factory (get_client) and service table (show_available_services)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import grpc

from ._base import BaseClient
from ._catalog import SERVICES, default_host
from .proto.grpc.health.v1 import health_pb2


def client_class(name: str) -> type[BaseClient]:
    from .duckdb import DuckDBClient
    from .loki import LokiClient
    from .minio import MinIOClient
    from .mqtt import MQTTClient
    from .nats import NATSClient
    from .redis import RedisClient
    from .supabase import SupabaseClient

    classes: dict[str, type[BaseClient]] = {
        'minio': MinIOClient, 'duckdb': DuckDBClient, 'mqtt': MQTTClient, 'loki': LokiClient,
        'redis': RedisClient, 'nats': NATSClient, 'supabase': SupabaseClient,
    }
    key = str(name).lower()
    if key not in classes:
        raise ValueError(f'Unknown service "{name}": expected one of {", ".join(classes)}')
    return classes[key]


def get_client(service_name: str, host: str | None = None, port: int | None = None, user_id: str | None = None,
               **options: Any) -> Any:
    """A client by service name ("minio", "duckdb", ...; case-insensitive). Options are the clients'
    (organization_id, lazy_connect, enable_compression, enable_retry, raise_on_error, token, ...)."""
    return client_class(service_name)(host=host, port=port, user_id=user_id, **options)


def check_serving(host: str, port: int, service: str, timeout: float = 2.0) -> str:
    """The standard grpc.health.v1 status of one service: SERVING, NOT_SERVING, UNKNOWN or UNREACHABLE."""
    with grpc.insecure_channel(f'{host}:{port}') as channel:
        check = channel.unary_unary('/grpc.health.v1.Health/Check',
                                    request_serializer=health_pb2.HealthCheckRequest.SerializeToString,
                                    response_deserializer=health_pb2.HealthCheckResponse.FromString)
        try:
            status = check(health_pb2.HealthCheckRequest(service=service), timeout=timeout).status
        except grpc.RpcError:
            return 'UNREACHABLE'
    return health_pb2.HealthCheckResponse.ServingStatus.Name(status) if status in (1, 2) else 'UNKNOWN'


def show_available_services(host: str | None = None, ports: dict[str, int] | None = None, timeout: float = 2.0,
                            print_table: bool = True) -> list[dict[str, Any]]:
    """Prints the guide's service table with each service's live status, and returns it."""
    where = host or default_host()
    entries = list(SERVICES.values())

    def row(e: Any) -> dict[str, Any]:
        port = (ports or {}).get(e.name) or e.port_from_env()
        return {'name': e.name, 'display_name': e.display_name, 'port': port, 'description': e.description,
                'consul_name': e.consul_name, 'status': check_serving(where, port, e.full_name, timeout)}

    with ThreadPoolExecutor(len(entries)) as pool:
        rows = list(pool.map(row, entries))
    if print_table:
        print(f'{"Service":<10} {"Port":<6} {"Status":<12} Description')
        for r in rows:
            print(f'{r["display_name"]:<10} {r["port"]:<6} {r["status"]:<12} {r["description"]}')
    return rows


def list_services() -> list[str]:
    return list(SERVICES)
