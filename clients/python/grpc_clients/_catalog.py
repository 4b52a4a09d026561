"""The platform's services as the usage guide names them: client name, default port, Consul name."""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import import_module
from types import ModuleType


@dataclass(frozen=True)
class ServiceEntry:
    name: str
    display_name: str
    description: str
    default_port: int
    consul_name: str
    # The proto package's generated module, e.g. grpc_clients.proto.isa.minio.v1.minio_pb2.
    module_path: str
    service_name: str

    @property
    def pb2(self) -> ModuleType:
        return import_module(self.module_path)

    @property
    def pb2_grpc(self) -> ModuleType:
        return import_module(self.module_path + '_grpc')

    @property
    def full_name(self) -> str:
        """The proto service name, as grpc.health.v1 knows it ("isa.minio.v1.MinIOService")."""
        return self.pb2.DESCRIPTOR.services_by_name[self.service_name].full_name

    @property
    def port_variable(self) -> str:
        return f'ISA_{self.name.upper()}_PORT'

    def port_from_env(self) -> int:
        """The service's port: ISA_<SERVICE>_PORT when set (as the servers read it), else the guide's."""
        value = os.environ.get(self.port_variable, '')
        return int(value) if value.isdigit() and int(value) > 0 else self.default_port


def _entry(name: str, display: str, description: str, port: int, service: str) -> ServiceEntry:
    return ServiceEntry(
        name=name,
        display_name=display,
        description=description,
        default_port=port,
        consul_name=f'{name}-grpc-service',
        module_path=f'grpc_clients.proto.isa.{name}.v1.{name}_pb2',
        service_name=service,
    )


SERVICES: dict[str, ServiceEntry] = {
    e.name: e
    for e in (
        _entry('minio', 'MinIO', 'Object storage (S3-compatible)', 50051, 'MinIOService'),
        _entry('duckdb', 'DuckDB', 'OLAP analytics database', 50052, 'DuckDBService'),
        _entry('mqtt', 'MQTT', 'IoT messaging broker', 50053, 'MQTTService'),
        _entry('loki', 'Loki', 'Log aggregation', 50054, 'LokiService'),
        _entry('redis', 'Redis', 'In-memory cache', 50055, 'RedisService'),
        _entry('nats', 'NATS', 'Cloud-native messaging', 50056, 'NATSService'),
        _entry('supabase', 'Supabase', 'PostgreSQL + pgvector', 50057, 'SupabaseService'),
    )
}

HOST_VARIABLE = 'ISA_CLOUD_HOST'


def default_host() -> str:
    """Where clients connect when no host is given: ISA_CLOUD_HOST, else "localhost" (the guide's)."""
    return os.environ.get(HOST_VARIABLE) or 'localhost'


def entry_for(name: str) -> ServiceEntry:
    """The service named by its client name ("minio") or its Consul name ("minio-grpc-service")."""
    key = str(name).lower()
    for e in SERVICES.values():
        if key in (e.name, e.consul_name):
            return e
    raise ValueError(f'Unknown service "{name}": expected one of {", ".join(SERVICES)}')
