"""Every Python block of the usage guide, run as written against a fresh stack (tests/run_guide.py).

The only edits: the guide's ports become the stack's (the environment's ISA_<SERVICE>_PORT, which the
package's defaults also honour, so blocks that name no port reach the same stack), the input files the
blocks open (file.txt, sales_data.csv) are created in the working directory, and the data the blocks
read from the services (data.csv and data.parquet in user_123's bucket, a NATS stream, a responder on
"api.user.get") is put there before the block that reads it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from guide import blocks
from stack import REPO, Stack

RUNNER = Path(__file__).with_name('run_guide.py')

# Blocks that are not runnable Python as the guide prints them: placeholders ("...") where arguments
# belong, or a `return` outside a function. No product can make them run; the test pins exactly these
# (by their failure) so that any other block failing fails the test.
FRAGMENTS = {
    '1. Always Use Context Managers': ('TypeError', "upload_object() missing 2 required positional arguments"),
    '3. Use Service Discovery in Production': ('SyntaxError', 'positional argument follows keyword argument'),
    '4. Handle Errors Gracefully': ('SyntaxError', "'return' outside function"),
    '5. Use Appropriate Isolation': ('SyntaxError', 'positional argument follows keyword argument'),
}


@pytest.fixture(scope='module')
def results(stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp('guide')
    (work / 'file.txt').write_text('Hello World from file.txt\n')
    shutil.copy(REPO / 'examples' / 'data' / 'sales_data.csv', work / 'sales_data.csv')
    out = work / 'results.json'
    env = {**os.environ, **stack.client_env, 'PYTHONPATH': str(Path(__file__).parents[1])}
    done = subprocess.run([sys.executable, str(RUNNER), str(out)], cwd=work, env=env, timeout=300,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return {r['heading'] + f"@{r['index']}": r for r in json.loads(out.read_text())}


def by_index(results: dict[str, Any], index: int) -> dict[str, Any]:
    return next(r for r in results.values() if r['index'] == index)


ALL = blocks()


def test_the_guide_has_the_blocks_this_test_knows() -> None:
    assert len(ALL) == 28
    headings = {b.heading for b in ALL}
    assert set(FRAGMENTS) <= headings


@pytest.mark.parametrize('block', ALL, ids=lambda b: f'{b.index:02d}-{b.heading}')
def test_block_runs(results: dict[str, Any], block: Any) -> None:
    r = by_index(results, block.index)
    if block.heading in FRAGMENTS:
        error, message = FRAGMENTS[block.heading]
        assert (r['ok'], r.get('error')) == (False, error), r
        assert message in r['message']
        return
    assert r['ok'], f"block {block.index} (line {block.line}) failed:\n{r.get('traceback')}"


def lines(r: dict[str, Any]) -> list[str]:
    return r['stdout'].splitlines()


def test_setup_block_prints_every_service_serving(results: dict[str, Any], stack: Stack) -> None:
    out = lines(by_index(results, 0))
    assert out[0].split() == ['Service', 'Port', 'Status', 'Description']
    for name, port in stack.ports.items():
        row = next(line for line in out if line.lower().startswith(name if name != 'minio' else 'minio'))
        assert f' {port} ' in row and 'SERVING' in row, row


def test_consul_blocks_find_the_running_service(results: dict[str, Any], stack: Stack) -> None:
    assigned = by_index(results, 4)['assigned']
    assert (assigned['host'], assigned['port']) == ("'127.0.0.1'", str(stack.ports['minio']))
    assert by_index(results, 5)['stderr'] == '', 'the discovered clients made failing calls'


def test_minio_block(results: dict[str, Any]) -> None:
    out = lines(by_index(results, 6))
    assert out[0].startswith('Buckets: [') and "'mybucket'" in out[0]
    assert re.fullmatch(r'Uploaded: path/to/file\.txt, ETag: [0-9a-f]{32}', out[1])
    assert out[2] == '  path/to/file.txt - 26 bytes'
    assert re.match(r'Download URL: http://127\.0\.0\.1:\d+/', out[3])


def test_duckdb_blocks(results: dict[str, Any]) -> None:
    out = lines(by_index(results, 7))
    assert out[0] == "Databases: ['analytics']"
    assert out[1] == 'Inserted 2 rows'
    assert out[2].startswith("  {'id': 1, 'name': 'Alice', 'age': 30, 'created_at': datetime.datetime(")
    assert out[3].startswith("  {'id': 2, 'name': 'Bob', 'age': 25, 'created_at': datetime.datetime(")
    assert out[4] == "Tables: ['users']"
    # MinIO integration: the CSV object queried in place.
    assert by_index(results, 8)['assigned']['results'] == (
        "[{'city': 'Berlin', 'temperature': 12.5}, {'city': 'Lisbon', 'temperature': 21.0}, "
        "{'city': 'Oslo', 'temperature': 4.25}]")
    assert by_index(results, 8)['stderr'] == ''


def test_supabase_blocks(results: dict[str, Any]) -> None:
    out = lines(by_index(results, 9))
    # The guide queries before it inserts, so a fresh tenant finds nobody yet.
    assert out[0] == 'Found 0 users'
    # Ids come from one sequence shared by every tenant (other tests insert users too).
    assert re.match(r"Inserted: \[\{'id': \d+, 'user_id': 'user_123', 'name': 'Alice', 'email': 'alice@example.com', "
                    r"'age': 30, 'created_at': '[0-9T:.+-]+'\}, \{'id': \d+, 'user_id': 'user_123', 'name': 'Bob'", out[1])
    assert out[2:] == ['Updated 1 rows', 'Deleted 0 rows']
    vectors = by_index(results, 10)
    assert vectors['assigned']['doc_id'] == "'doc_001'" and vectors['assigned']['count'] == '100'
    assert re.match(r'  ID: doc_001, Similarity: 0\.\d{3}$', lines(vectors)[0])
    assert lines(vectors)[1] == "  Metadata: {'title': 'Test Document', 'category': 'tech'}"
    assert lines(vectors)[-1] == 'Batch inserted 100 embeddings'


def test_mqtt_block(results: dict[str, Any]) -> None:
    out = lines(by_index(results, 11))
    assert out[0] == 'Broker status: connected'
    assert re.fullmatch(r'Active connections: \d+', out[1])
    assert re.fullmatch(r'Connected with session: \S+', out[2])
    assert out[3] == 'Topic valid: True'
    assert re.fullmatch(r'Published message: \S+', out[4])
    assert out[5:] == ['Total devices: 0', 'Online devices: 0', 'Total topics: 1']


def test_nats_blocks(results: dict[str, Any]) -> None:
    assert lines(by_index(results, 12)) == [
        'NATS status: CONNECTED', 'JetStream enabled: True', 'Published to: events.user.login',
        """Response: b'{"user_id": "123", "name": "Alice"}'""", 'Total streams: 1', 'Total messages: 1']
    jetstream = lines(by_index(results, 13))
    assert jetstream[:3] == ['Stream: events', "  Subjects: ['events.>']", '  Messages: 1']
    assert re.fullmatch(r'  Bytes: [1-9]\d*', jetstream[3])
    assert lines(by_index(results, 14)) == ['KV revision: 1', 'Value: 1.0.0', 'Revision: 1']


def test_error_handling_blocks(results: dict[str, Any]) -> None:
    failed = by_index(results, 16)
    assert lines(failed) == ['Operation failed - check logs for details']
    # One log line naming the service, the operation, the code and the field.
    assert failed['stderr'].count('\n') == 1
    assert failed['stderr'].startswith('[MinIO] create_bucket failed: INVALID_ARGUMENT: bucket_name:')
    assert '(field bucket_name, request id ' in failed['stderr']
    # "my-bucket" exists since the Quick Start blocks, so the guide's else-branch cannot print.
    assert lines(by_index(results, 17)) == ['❌ Bucket creation failed']
    assert 'ALREADY_EXISTS' in by_index(results, 17)['stderr']
    assert lines(by_index(results, 18)) == [f'{name:12} ✅ Healthy' for name in
                                            ('MinIO', 'DuckDB', 'MQTT', 'NATS', 'Supabase')]


def test_proto_introspection_block(results: dict[str, Any]) -> None:
    assert lines(by_index(results, 26)) == ['  - database_name', '  - metadata', '  - if_not_exists']


def test_complete_workflow(results: dict[str, Any]) -> None:
    r = by_index(results, 27)
    out = lines(r)
    assert out[0] == '=== Step 1: Upload raw data ==='
    monthly = next(line for line in out if line.startswith('Monthly aggregation: '))
    assert monthly.count("'num_transactions'") == 6 and "'month': datetime.datetime(2025, 1, 1, 0, 0)" in monthly
    report = next(line for line in out if line.startswith('Last 12 months: '))
    assert report.startswith("Last 12 months: [{'month': '2025-06-01', 'total_sales': 2191.22")
    assert report.count("'month'") == 6
    assert out[-1] == '✅ Analytics workflow completed!'
    assert r['stderr'] == ''
