"""Object storage (S3-compatible), port 50051."""

from __future__ import annotations

import os
import re
from typing import Any, BinaryIO, Iterable, Iterator

import grpc

from ._base import CALL_OPTIONS, BaseClient, Health, chunks_of
from ._catalog import SERVICES
from ._convert import enum_number, to_dict
from .errors import IsaCloudError
from .proto.isa.minio.v1 import minio_pb2 as pb

CHUNK = 256 * 1024
_COMPRESSIBLE = re.compile(r'^(text/|application/(json|x-ndjson|xml|csv|javascript|sql|yaml))')


def _bucket(info: Any) -> dict[str, Any]:
    out = to_dict(info)
    out['bucket'] = out['name']
    return out


def _object(info: Any) -> dict[str, Any]:
    out = to_dict(info)
    out['object_key'] = out['key']
    # The reference client's alias of the key.
    out['name'] = out['key']
    return out


class MinIOClient(BaseClient):
    """Object storage. Bucket names are your own: the server stores them as ``user-{user_id}-{name}``
    and no other tenant can reach them."""

    SERVICE = SERVICES['minio']

    def health_check(self, detailed: bool = False, **call: Any) -> Health | None:
        """Service and backend health: healthy, status, backend, message, details, checked_at."""
        return self._run('health_check', call, lambda: Health(
            to_dict(self._unary('HealthCheck', pb.HealthCheckRequest(detailed=detailed), call))))

    # ---- buckets ----

    def create_bucket(self, bucket_name: str, region: str = '', tags: dict[str, str] | None = None,
                      **call: Any) -> dict[str, Any] | None:
        """Creates a bucket; returns its info (``result['bucket']`` is its name). ``organization_id=``
        names the organization the bucket belongs to (as for every call)."""
        return self._run('create_bucket', call, lambda: _bucket(self._unary(
            'CreateBucket', pb.CreateBucketRequest(bucket_name=bucket_name, region=region, tags=tags or {}),
            call).bucket))

    def list_buckets(self, prefix: str = '', **call: Any) -> list[dict[str, Any]] | None:
        return self._run('list_buckets', call, lambda: [_bucket(b) for b in self._unary(
            'ListBuckets', pb.ListBucketsRequest(prefix=prefix), call).buckets])

    def delete_bucket(self, bucket_name: str, force: bool = False, **call: Any) -> int | None:
        """Deletes a bucket (with ``force`` its objects, versions and uploads first); returns how many
        objects were deleted."""
        return self._run('delete_bucket', call, lambda: self._unary(
            'DeleteBucket', pb.DeleteBucketRequest(bucket_name=bucket_name, force=force), call).deleted_objects)

    def get_bucket_info(self, bucket_name: str, **call: Any) -> dict[str, Any] | None:
        return self._run('get_bucket_info', call, lambda: _bucket(self._unary(
            'GetBucketInfo', pb.GetBucketInfoRequest(bucket_name=bucket_name), call).bucket))

    def bucket_exists(self, bucket_name: str, **call: Any) -> bool | None:
        return self._run('bucket_exists', call, lambda: self._unary(
            'BucketExists', pb.BucketExistsRequest(bucket_name=bucket_name), call).exists)

    def set_bucket_tags(self, bucket_name: str, tags: dict[str, str], **call: Any) -> bool | None:
        return self._done('set_bucket_tags', 'SetBucketTags', pb.SetBucketTagsRequest(
            bucket_name=bucket_name, tags=tags), call)

    def get_bucket_tags(self, bucket_name: str, **call: Any) -> dict[str, str] | None:
        return self._run('get_bucket_tags', call, lambda: dict(self._unary(
            'GetBucketTags', pb.GetBucketTagsRequest(bucket_name=bucket_name), call).tags))

    def delete_bucket_tags(self, bucket_name: str, **call: Any) -> bool | None:
        return self._done('delete_bucket_tags', 'DeleteBucketTags', pb.DeleteBucketTagsRequest(
            bucket_name=bucket_name), call)

    def set_bucket_versioning(self, bucket_name: str, enabled: bool, **call: Any) -> bool | None:
        return self._done('set_bucket_versioning', 'SetBucketVersioning', pb.SetBucketVersioningRequest(
            bucket_name=bucket_name, enabled=enabled), call)

    def get_bucket_versioning(self, bucket_name: str, **call: Any) -> bool | None:
        return self._run('get_bucket_versioning', call, lambda: self._unary(
            'GetBucketVersioning', pb.GetBucketVersioningRequest(bucket_name=bucket_name), call).enabled)

    def set_bucket_lifecycle(self, bucket_name: str, rules: list[dict[str, Any]], **call: Any) -> bool | None:
        """Rules: dicts with id, enabled (default True), prefix, expiration_days,
        noncurrent_version_expiration_days, abort_incomplete_multipart_upload_days."""
        return self._done('set_bucket_lifecycle', 'SetBucketLifecycle', pb.SetBucketLifecycleRequest(
            bucket_name=bucket_name, rules=[{'enabled': True, **r} for r in rules]), call)

    def get_bucket_lifecycle(self, bucket_name: str, **call: Any) -> list[dict[str, Any]] | None:
        return self._run('get_bucket_lifecycle', call, lambda: [to_dict(r) for r in self._unary(
            'GetBucketLifecycle', pb.GetBucketLifecycleRequest(bucket_name=bucket_name), call).rules])

    def delete_bucket_lifecycle(self, bucket_name: str, **call: Any) -> bool | None:
        return self._done('delete_bucket_lifecycle', 'DeleteBucketLifecycle', pb.DeleteBucketLifecycleRequest(
            bucket_name=bucket_name), call)

    def set_bucket_policy(self, bucket_name: str, policy: str, **call: Any) -> bool | None:
        """A canned policy ("private", "public-read", "public-write", "public-read-write") or an S3
        policy document (JSON) whose resources name the bucket by your own name."""
        canned = policy.replace('-', '_').lower() in ('private', 'public_read', 'public_write', 'public_read_write')
        request = (pb.SetBucketPolicyRequest(bucket_name=bucket_name,
                                             policy_type=enum_number(pb.PolicyType.DESCRIPTOR, policy))
                   if canned else
                   pb.SetBucketPolicyRequest(bucket_name=bucket_name, policy_type=pb.POLICY_TYPE_CUSTOM,
                                             custom_policy=policy))
        return self._done('set_bucket_policy', 'SetBucketPolicy', request, call)

    def get_bucket_policy(self, bucket_name: str, **call: Any) -> dict[str, Any] | None:
        """{'policy_type': 'private' | 'public_read' | ... | 'custom', 'policy_json': str}."""
        return self._run('get_bucket_policy', call, lambda: to_dict(self._unary(
            'GetBucketPolicy', pb.GetBucketPolicyRequest(bucket_name=bucket_name), call)))

    def delete_bucket_policy(self, bucket_name: str, **call: Any) -> bool | None:
        return self._done('delete_bucket_policy', 'DeleteBucketPolicy', pb.DeleteBucketPolicyRequest(
            bucket_name=bucket_name), call)

    # ---- objects ----

    def upload_object(self, bucket_name: str, object_key: str, data: bytes | str | BinaryIO | Iterable[bytes],
                      content_type: str = '', metadata: dict[str, str] | None = None,
                      tags: dict[str, str] | None = None, content_length: int | None = None,
                      chunk_size: int = CHUNK, **call: Any) -> dict[str, Any] | None:
        """Streams `data` (bytes, str, a binary file or an iterable of chunks) into an object; returns its
        info with ``object_key`` and ``etag``. Memory stays at one chunk for file and iterable sources."""
        if content_length is None and isinstance(data, (bytes, bytearray, memoryview)):
            content_length = len(data)
        elif content_length is None and isinstance(data, str):
            content_length = len(data.encode('utf-8'))

        def requests() -> Iterator[pb.PutObjectRequest]:
            yield pb.PutObjectRequest(header=pb.PutObjectHeader(
                bucket_name=bucket_name, object_key=object_key, content_type=content_type,
                metadata=metadata or {}, tags=tags or {}, content_length=content_length or 0))
            for chunk in chunks_of(data, chunk_size):
                yield pb.PutObjectRequest(chunk=chunk)

        # Binary payloads are sent as they are: gzip costs CPU and saves nothing on them.
        compression = None if _COMPRESSIBLE.match(content_type or '') else grpc.Compression.NoCompression
        return self._run('upload_object', call, lambda: _object(
            self._client_stream('PutObject', requests(), call, compression=compression).object))

    def put_object(self, bucket_name: str, object_key: str, data: Any, **options: Any) -> dict[str, Any] | None:
        """Alias of upload_object (the reference client's name)."""
        return self.upload_object(bucket_name, object_key, data, **options)

    def upload_file(self, bucket_name: str, object_key: str, file_path: str, **options: Any) -> dict[str, Any] | None:
        """Streams a local file into an object."""
        call = {k: v for k, v in options.items() if k in CALL_OPTIONS}

        def work() -> dict[str, Any] | None:
            with open(file_path, 'rb') as handle:
                size = os.fstat(handle.fileno()).st_size
                return self.upload_object(bucket_name, object_key, handle,
                                          **{'content_length': size, **options, 'raise_on_error': True})
        return self._run('upload_file', call, work)

    def get_object_stream(self, bucket_name: str, object_key: str, offset: int = 0, length: int = 0,
                          version_id: str = '', **call: Any) -> Iterator[bytes]:
        """The object's bytes, chunk by chunk (raises IsaCloudError on failure: a stream cannot return
        None half-way). A download that breaks is resumed where it stopped if the object is unchanged."""
        received = 0
        etag: str | None = None
        attempts = self.retry_policy.max_attempts if self.enable_retry else 1
        for attempt in range(1, attempts + 1):
            request = pb.GetObjectRequest(bucket_name=bucket_name, object_key=object_key,
                                          offset=offset + received,
                                          length=length - received if length > 0 else 0, version_id=version_id)
            try:
                cancel, messages = self._server_stream('GetObject', request, call)
                for message in messages:
                    if message.WhichOneof('part') == 'info':
                        if etag is None:
                            etag = message.info.etag
                        elif message.info.etag != etag:
                            raise self._changed(object_key)
                    elif message.WhichOneof('part') == 'chunk':
                        received += len(message.chunk)
                        yield message.chunk
                return
            except IsaCloudError as err:
                resumable = err.code() == grpc.StatusCode.UNAVAILABLE and etag is not None
                if not resumable or attempt >= attempts or (length > 0 and received >= length):
                    raise

    def _changed(self, object_key: str) -> IsaCloudError:
        return IsaCloudError(self.service_name, 'GetObject', grpc.StatusCode.ABORTED,
                             f'object "{object_key}" changed while it was being downloaded')

    def get_object(self, bucket_name: str, object_key: str, offset: int = 0, length: int = 0,
                   version_id: str = '', **call: Any) -> bytes | None:
        """The object's bytes (or `length` bytes from `offset`)."""
        return self._run('get_object', call, lambda: b''.join(self.get_object_stream(
            bucket_name, object_key, offset=offset, length=length, version_id=version_id,
            **{k: v for k, v in call.items() if k != 'raise_on_error'})))

    def download_file(self, bucket_name: str, object_key: str, file_path: str, version_id: str = '',
                      **call: Any) -> int | None:
        """Writes an object to a local file; returns the number of bytes written."""
        def work() -> int:
            written = 0
            with open(file_path, 'wb') as out:
                for chunk in self.get_object_stream(bucket_name, object_key, version_id=version_id,
                                                    **{k: v for k, v in call.items() if k != 'raise_on_error'}):
                    out.write(chunk)
                    written += len(chunk)
            return written
        return self._run('download_file', call, work)

    def stat_object(self, bucket_name: str, object_key: str, version_id: str = '', **call: Any) -> dict[str, Any] | None:
        return self._run('stat_object', call, lambda: _object(self._unary('StatObject', pb.StatObjectRequest(
            bucket_name=bucket_name, object_key=object_key, version_id=version_id), call).object))

    def get_object_metadata(self, bucket_name: str, object_key: str, **options: Any) -> dict[str, Any] | None:
        """Alias of stat_object (the reference client's name)."""
        return self.stat_object(bucket_name, object_key, **options)

    def list_objects_page(self, bucket_name: str, prefix: str = '', delimiter: str = '', max_keys: int = 0,
                          start_after: str = '', continuation_token: str = '', **call: Any) -> dict[str, Any] | None:
        """One page: objects, common_prefixes, is_truncated, next_continuation_token."""
        def work() -> dict[str, Any]:
            r = self._unary('ListObjects', pb.ListObjectsRequest(
                bucket_name=bucket_name, prefix=prefix, delimiter=delimiter, max_keys=max_keys,
                start_after=start_after, continuation_token=continuation_token), call)
            out = to_dict(r)
            out['objects'] = [_object(o) for o in r.objects]
            return out
        return self._run('list_objects', call, work)

    def list_objects(self, bucket_name: str, prefix: str = '', max_keys: int = 0, **options: Any) -> list[dict[str, Any]] | None:
        """The objects of one page (at most `max_keys`, default 1000): dicts with key, size, etag, ..."""
        page = self.list_objects_page(bucket_name, prefix=prefix, max_keys=max_keys, **options)
        return None if page is None else page['objects']

    def list_all_objects(self, bucket_name: str, prefix: str = '', **call: Any) -> Iterator[dict[str, Any]]:
        """Every object under a prefix, following continuation tokens (raises IsaCloudError on failure)."""
        token = ''
        while True:
            page = self.list_objects_page(bucket_name, prefix=prefix, continuation_token=token,
                                          **{**call, 'raise_on_error': True})
            assert page is not None
            yield from page['objects']
            token = page['next_continuation_token'] if page['is_truncated'] else ''
            if not token:
                return

    def list_object_versions(self, bucket_name: str, prefix: str = '', max_keys: int = 0, key_marker: str = '',
                             version_id_marker: str = '', **call: Any) -> dict[str, Any] | None:
        def work() -> dict[str, Any]:
            r = self._unary('ListObjectVersions', pb.ListObjectVersionsRequest(
                bucket_name=bucket_name, prefix=prefix, max_keys=max_keys, key_marker=key_marker,
                version_id_marker=version_id_marker), call)
            out = to_dict(r)
            out['versions'] = [_object(v) for v in r.versions]
            return out
        return self._run('list_object_versions', call, work)

    def copy_object(self, source_bucket: str, source_key: str, dest_bucket: str, dest_key: str,
                    source_version_id: str = '', metadata: dict[str, str] | None = None,
                    content_type: str | None = None, **call: Any) -> dict[str, Any] | None:
        """Copies source → destination (source first). Metadata or content_type replace the source's."""
        replace = metadata is not None or content_type is not None
        return self._run('copy_object', call, lambda: _object(self._unary('CopyObject', pb.CopyObjectRequest(
            source_bucket=source_bucket, source_key=source_key, source_version_id=source_version_id,
            dest_bucket=dest_bucket, dest_key=dest_key,
            metadata_directive=pb.METADATA_DIRECTIVE_REPLACE if replace else pb.METADATA_DIRECTIVE_COPY,
            metadata=metadata or {}, content_type=content_type or ''), call).object))

    def delete_object(self, bucket_name: str, object_key: str, version_id: str = '', **call: Any) -> dict[str, Any] | None:
        """{'version_id', 'delete_marker'}."""
        return self._run('delete_object', call, lambda: to_dict(self._unary('DeleteObject', pb.DeleteObjectRequest(
            bucket_name=bucket_name, object_key=object_key, version_id=version_id), call)))

    def delete_objects(self, bucket_name: str, object_keys: list[str | dict[str, str]], quiet: bool = False,
                       **call: Any) -> dict[str, Any] | None:
        """Deletes many objects: {'deleted': [...], 'errors': [...]} (per-key failures do not fail the call)."""
        objects = [{'key': k} if isinstance(k, str) else k for k in object_keys]
        return self._run('delete_objects', call, lambda: to_dict(self._unary('DeleteObjects', pb.DeleteObjectsRequest(
            bucket_name=bucket_name, objects=objects, quiet=quiet), call)))

    def set_object_tags(self, bucket_name: str, object_key: str, tags: dict[str, str], version_id: str = '',
                        **call: Any) -> bool | None:
        return self._done('set_object_tags', 'SetObjectTags', pb.SetObjectTagsRequest(
            bucket_name=bucket_name, object_key=object_key, tags=tags, version_id=version_id), call)

    def get_object_tags(self, bucket_name: str, object_key: str, version_id: str = '', **call: Any) -> dict[str, str] | None:
        return self._run('get_object_tags', call, lambda: dict(self._unary('GetObjectTags', pb.GetObjectTagsRequest(
            bucket_name=bucket_name, object_key=object_key, version_id=version_id), call).tags))

    def delete_object_tags(self, bucket_name: str, object_key: str, version_id: str = '', **call: Any) -> bool | None:
        return self._done('delete_object_tags', 'DeleteObjectTags', pb.DeleteObjectTagsRequest(
            bucket_name=bucket_name, object_key=object_key, version_id=version_id), call)

    # ---- URLs ----

    def get_presigned_url(self, bucket_name: str, object_key: str, expiry_seconds: int = 3600, version_id: str = '',
                          **call: Any) -> str | None:
        """A URL any HTTP client can GET the object from until it expires (1 s to 7 days)."""
        return self._run('get_presigned_url', call, lambda: self._unary('GetPresignedURL', pb.GetPresignedURLRequest(
            bucket_name=bucket_name, object_key=object_key, expiry_seconds=expiry_seconds,
            version_id=version_id), call).url)

    def get_presigned_put_url(self, bucket_name: str, object_key: str, expiry_seconds: int = 3600,
                              content_type: str = '', **call: Any) -> str | None:
        """A URL any HTTP client can PUT the object to; with `content_type` the upload must send it."""
        return self._run('get_presigned_put_url', call, lambda: self._unary(
            'GetPresignedPutURL', pb.GetPresignedPutURLRequest(
                bucket_name=bucket_name, object_key=object_key, expiry_seconds=expiry_seconds,
                content_type=content_type), call).url)

    def generate_presigned_url(self, bucket_name: str, object_key: str, expiry_seconds: int = 3600,
                               method: str = 'GET', **options: Any) -> str | None:
        if method.upper() == 'PUT':
            return self.get_presigned_put_url(bucket_name, object_key, expiry_seconds, **options)
        return self.get_presigned_url(bucket_name, object_key, expiry_seconds, **options)

    def get_public_url(self, bucket_name: str, object_key: str, **call: Any) -> str | None:
        """The unsigned URL of an object in a bucket whose policy allows anonymous reads."""
        return self._run('get_public_url', call, lambda: self._unary('GetPublicURL', pb.GetPublicURLRequest(
            bucket_name=bucket_name, object_key=object_key), call).url)

    # ---- multipart ----

    def initiate_multipart_upload(self, bucket_name: str, object_key: str, content_type: str = '',
                                  metadata: dict[str, str] | None = None, **call: Any) -> str | None:
        """Returns the upload id."""
        return self._run('initiate_multipart_upload', call, lambda: self._unary(
            'InitiateMultipartUpload', pb.InitiateMultipartUploadRequest(
                bucket_name=bucket_name, object_key=object_key, content_type=content_type,
                metadata=metadata or {}), call).upload_id)

    def upload_part(self, bucket_name: str, object_key: str, upload_id: str, part_number: int, data: Any,
                    chunk_size: int = CHUNK, **call: Any) -> dict[str, Any] | None:
        """{'part_number', 'etag', 'size'}."""
        def requests() -> Iterator[pb.UploadPartRequest]:
            yield pb.UploadPartRequest(header=pb.UploadPartHeader(
                bucket_name=bucket_name, object_key=object_key, upload_id=upload_id, part_number=part_number))
            for chunk in chunks_of(data, chunk_size):
                yield pb.UploadPartRequest(chunk=chunk)
        return self._run('upload_part', call, lambda: to_dict(self._client_stream(
            'UploadPart', requests(), call, compression=grpc.Compression.NoCompression)))

    def complete_multipart_upload(self, bucket_name: str, object_key: str, upload_id: str,
                                  parts: list[dict[str, Any]], **call: Any) -> dict[str, Any] | None:
        """`parts`: [{'part_number': 1, 'etag': ...}, ...] in ascending order; returns the object's info."""
        clean = [{'part_number': p['part_number'], 'etag': p['etag']} for p in parts]
        return self._run('complete_multipart_upload', call, lambda: _object(self._unary(
            'CompleteMultipartUpload', pb.CompleteMultipartUploadRequest(
                bucket_name=bucket_name, object_key=object_key, upload_id=upload_id, parts=clean), call).object))

    def abort_multipart_upload(self, bucket_name: str, object_key: str, upload_id: str, **call: Any) -> bool | None:
        return self._done('abort_multipart_upload', 'AbortMultipartUpload', pb.AbortMultipartUploadRequest(
            bucket_name=bucket_name, object_key=object_key, upload_id=upload_id), call)

    def list_multipart_uploads(self, bucket_name: str, prefix: str = '', **call: Any) -> list[dict[str, Any]] | None:
        return self._run('list_multipart_uploads', call, lambda: [to_dict(u) for u in self._unary(
            'ListMultipartUploads', pb.ListMultipartUploadsRequest(bucket_name=bucket_name, prefix=prefix),
            call).uploads])

    def list_parts(self, bucket_name: str, object_key: str, upload_id: str, **call: Any) -> list[dict[str, Any]] | None:
        return self._run('list_parts', call, lambda: [to_dict(p) for p in self._unary('ListParts', pb.ListPartsRequest(
            bucket_name=bucket_name, object_key=object_key, upload_id=upload_id), call).parts])
