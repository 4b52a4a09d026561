"""The usage guide's name for isa/minio/v1/minio.proto's generated module (generated, do not edit)."""
from grpc_clients.proto.isa.minio.v1.minio_pb2 import *  # noqa: F401,F403
