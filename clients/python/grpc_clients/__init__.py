"""grpc_clients: Python clients of the ISA Cloud gRPC services, with the usage guide's API.

    from grpc_clients import MinIOClient, get_client, show_available_services

    with MinIOClient(host='localhost', port=50051, user_id='user_123') as minio:
        minio.create_bucket('my-bucket')

A failed call logs one line (logger "grpc_clients") and returns None; with raise_on_error=True it raises
IsaCloudError instead (service, operation, code(), details(), field, request_id).
"""

from ._base import BaseClient, Health, LiveStream, RetryPolicy
from ._catalog import SERVICES
from ._discovery import ServiceDiscovery, ServiceInstance, discover
from ._factory import check_serving, get_client, list_services, show_available_services
from .duckdb import DuckDBClient
from .duckdb_values import Interval, Typed
from .errors import IsaCloudError
from .loki import LokiClient
from .minio import MinIOClient
from .mqtt import MQTTClient
from .nats import NATSClient
from .redis import RedisClient
from .supabase import SupabaseClient

__version__ = '0.1.0'

__all__ = [
    'BaseClient', 'DuckDBClient', 'Health', 'Interval', 'IsaCloudError', 'LiveStream', 'LokiClient', 'MQTTClient',
    'MinIOClient', 'NATSClient', 'RedisClient', 'RetryPolicy', 'SERVICES', 'ServiceDiscovery', 'ServiceInstance',
    'SupabaseClient', 'Typed', 'check_serving', 'discover', 'get_client', 'list_services', 'show_available_services',
]
