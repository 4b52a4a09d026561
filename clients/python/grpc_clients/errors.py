"""The one exception type of the package."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

import grpc

_PERCENT_ESCAPE = re.compile(r'%[0-9A-Fa-f]{2}')


def metadata_text(value: Any) -> str:
    """A metadata value as text. Servers may percent-encode what they put there (metadata must be
    printable ASCII); an encoded value is decoded, a plain one kept as it is."""
    text = value.decode('utf-8', 'replace') if isinstance(value, (bytes, bytearray)) else str(value)
    return unquote(text) if _PERCENT_ESCAPE.search(text) else text


class IsaCloudError(grpc.RpcError):
    """A failed call: which service and operation, the gRPC status, the request field the server
    refused (when it named one) and the server's request id (to find the call in its log).

    Like the errors grpcio raises, it answers ``code()`` and ``details()``, so ``except grpc.RpcError``
    handlers written for grpcio work with ``raise_on_error=True`` unchanged."""

    def __init__(
        self,
        service: str,
        operation: str,
        code: grpc.StatusCode,
        details: str,
        field: str | None = None,
        request_id: str | None = None,
    ) -> None:
        self.service = service
        self.operation = operation
        self.status_code = code
        self._details = details
        self.field = field
        self.request_id = request_id
        super().__init__(self.message)

    @property
    def message(self) -> str:
        extra = []
        if self.field:
            extra.append(f'field {self.field}')
        if self.request_id:
            extra.append(f'request id {self.request_id}')
        suffix = f' ({", ".join(extra)})' if extra else ''
        return f'[{self.service}] {self.operation} failed: {self.status_code.name}: {self._details}{suffix}'

    def code(self) -> grpc.StatusCode:
        return self.status_code

    def details(self) -> str:
        return self._details

    def __str__(self) -> str:
        return self.message

    @classmethod
    def of(cls, err: BaseException, service: str, operation: str) -> 'IsaCloudError':
        if isinstance(err, IsaCloudError):
            return err
        if isinstance(err, grpc.RpcError) and callable(getattr(err, 'code', None)):
            found: dict[str, str] = {}
            trailing = getattr(err, 'trailing_metadata', None)
            for key, value in (trailing() if callable(trailing) else None) or ():
                # A binary ("-bin") variant carries the same text as bytes.
                name = key[:-4] if key.endswith('-bin') else key
                if name in ('isa-field', 'isa-request-id') and name not in found:
                    found[name] = metadata_text(value)
            details = err.details() if callable(getattr(err, 'details', None)) else None
            return cls(
                service,
                operation,
                err.code(),
                details or str(err),
                field=found.get('isa-field') or None,
                request_id=found.get('isa-request-id') or None,
            )
        code = grpc.StatusCode.INVALID_ARGUMENT if isinstance(err, (TypeError, ValueError)) else grpc.StatusCode.UNKNOWN
        return cls(service, operation, code, f'{type(err).__name__}: {err}')
