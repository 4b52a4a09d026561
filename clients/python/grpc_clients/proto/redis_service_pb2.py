"""The usage guide's name for isa/redis/v1/redis.proto's generated module (generated, do not edit)."""
from grpc_clients.proto.isa.redis.v1.redis_pb2 import *  # noqa: F401,F403
