from .minio import MinIOClient
from .errors import IsaCloudError
