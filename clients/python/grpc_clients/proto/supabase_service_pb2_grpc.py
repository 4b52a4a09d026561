"""The usage guide's name for isa/supabase/v1/supabase.proto's generated module (generated, do not edit)."""
from grpc_clients.proto.isa.supabase.v1.supabase_pb2_grpc import *  # noqa: F401,F403
