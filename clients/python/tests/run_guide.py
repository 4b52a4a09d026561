"""Runs every Python block of the usage guide, in order, in one namespace (the guide is read top to
bottom: later blocks use the `client` of earlier ones), against the stack the environment points at.

Usage: run_guide.py RESULTS.json — the working directory holds the input files the blocks open.
The only edit made to a block is the guide's ports replaced by the stack's (guide.Block.for_stack);
the input data the blocks expect in the services is put there by the fixtures below, before the block.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import threading
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from guide import blocks  # noqa: E402

PORTS = {name: int(os.environ[f'ISA_{name.upper()}_PORT'])
         for name in ('minio', 'duckdb', 'mqtt', 'loki', 'redis', 'nats', 'supabase')}
HOST = os.environ.get('ISA_CLOUD_HOST', '127.0.0.1')


def objects_for_minio_integration() -> None:
    """The objects the DuckDB "MinIO Integration" block imports and queries: data.parquet and data.csv
    in user_123's bucket "mybucket" (made by DuckDB itself, as a user of the platform would)."""
    from grpc_clients import DuckDBClient, MinIOClient

    with MinIOClient(HOST, PORTS['minio'], 'user_123', raise_on_error=True) as minio:
        if not minio.bucket_exists('mybucket'):
            minio.create_bucket('mybucket')
        minio.upload_object('mybucket', 'data.csv', 'city,temperature\nBerlin,12.5\nLisbon,21.0\nOslo,4.25\n',
                            content_type='text/csv')
    with DuckDBClient(HOST, PORTS['duckdb'], 'user_123', raise_on_error=True) as duckdb:
        duckdb.create_database('fixtures', if_not_exists=True)
        duckdb.export_to_minio('fixtures', "SELECT * FROM (VALUES (1, 'north', 52.5), (2, 'south', 12.25)) "
                               't(id, region, amount)', 'mybucket', 'data.parquet', file_format='parquet')


def stream_for_nats_blocks() -> None:
    """A JetStream stream of user_123 (my-org) over "events.>", so the NATS blocks' statistics and the
    JetStream block's list_streams() have a stream to show."""
    from grpc_clients import NATSClient

    with NATSClient(HOST, PORTS['nats'], 'user_123', 'my-org', raise_on_error=True) as nats:
        nats.create_stream('events', ['events.>'])


class Responder:
    """Answers the NATS block's request on "api.user.get" (as user_123 of my-org), so the block's
    `if response:` branch runs."""

    def __init__(self) -> None:
        from grpc_clients import NATSClient

        self.client = NATSClient(HOST, PORTS['nats'], 'user_123', 'my-org', raise_on_error=True)
        self.stream = self.client.subscribe('api.user.get')
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        for message in self.stream:
            self.client.publish(message['reply_to'], b'{"user_id": "123", "name": "Alice"}')

    def close(self) -> None:
        self.stream.close()
        self.client.close()


def main(results_path: str) -> None:
    namespace: dict[str, object] = {'__name__': '__main__'}
    results = []
    responder: Responder | None = None
    for block in blocks():
        code = block.for_stack(PORTS)
        if 'import_from_minio(' in code and 'data.parquet' in code and 'def ' not in code:
            objects_for_minio_integration()
        if "'api.user.get'" in code and responder is None:
            stream_for_nats_blocks()
            responder = Responder()
        before = {k: id(v) for k, v in namespace.items()}
        out, err = io.StringIO(), io.StringIO()
        started = time.monotonic()
        outcome: dict[str, object] = {'ok': True}
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                compiled = compile(code, f'<guide block {block.index} (line {block.line})>', 'exec')
                exec(compiled, namespace)
            except BaseException as exc:  # noqa: BLE001 - a block's failure is the result, whatever it is
                outcome = {'ok': False, 'error': type(exc).__name__, 'message': str(exc),
                           'traceback': traceback.format_exc(limit=4)}
        # What the block left behind (the values it assigned), for the tests to check beyond its prints.
        assigned = {k: repr(v)[:4000] for k, v in namespace.items()
                    if before.get(k) != id(v) and not k.startswith('__') and not isinstance(v, type)
                    and not callable(v) and type(v).__name__ != 'module'}
        results.append({'index': block.index, 'line': block.line, 'heading': block.heading,
                        'seconds': round(time.monotonic() - started, 3), 'stdout': out.getvalue(),
                        'stderr': err.getvalue(), 'assigned': assigned, **outcome})
    if responder is not None:
        responder.close()
    Path(results_path).write_text(json.dumps(results, indent=1))


if __name__ == '__main__':
    main(sys.argv[1])
