"""The usage guide's name for isa/duckdb/v1/duckdb.proto's generated module (generated, do not edit)."""
from grpc_clients.proto.isa.duckdb.v1.duckdb_pb2 import *  # noqa: F401,F403
