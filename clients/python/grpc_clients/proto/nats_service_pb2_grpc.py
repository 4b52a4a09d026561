"""The usage guide's name for isa/nats/v1/nats.proto's generated module (generated, do not edit)."""
from grpc_clients.proto.isa.nats.v1.nats_pb2_grpc import *  # noqa: F401,F403
