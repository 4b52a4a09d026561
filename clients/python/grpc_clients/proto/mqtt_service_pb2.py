"""The usage guide's name for isa/mqtt/v1/mqtt.proto's generated module (generated, do not edit)."""
from grpc_clients.proto.isa.mqtt.v1.mqtt_pb2 import *  # noqa: F401,F403
