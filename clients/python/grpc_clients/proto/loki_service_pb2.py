"""The usage guide's name for isa/loki/v1/loki.proto's generated module (generated, do not edit)."""
from grpc_clients.proto.isa.loki.v1.loki_pb2 import *  # noqa: F401,F403
