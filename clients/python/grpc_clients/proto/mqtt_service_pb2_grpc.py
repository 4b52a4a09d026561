"""The usage guide's name for isa/mqtt/v1/mqtt.proto's generated module (generated, do not edit)."""
from grpc_clients.proto.isa.mqtt.v1.mqtt_pb2_grpc import *  # noqa: F401,F403
