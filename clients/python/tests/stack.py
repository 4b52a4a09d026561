"""The real platform for the tests: every service, embedded backends and the embedded Consul registry,
on free ports with a private data dir, started once per test run and killed by its pid afterwards."""

from __future__ import annotations

import os
import shlex
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
SERVICES = ('minio', 'duckdb', 'mqtt', 'loki', 'redis', 'nats', 'supabase')

# The one place that says how the stack starts (the CLI may become compiled JS: change it here, or set
# ISA_STACK_COMMAND). It must print a line starting with "metrics:" once every service is up.
DEFAULT_COMMAND = 'node packages/cli/bin/isa-cloud.js up'


def free_port() -> int:
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


@dataclass
class Stack:
    ports: dict[str, int]
    registry_port: int
    http_port: int
    data_dir: str
    process: subprocess.Popen[bytes]
    log_path: str
    host: str = '127.0.0.1'
    env: dict[str, str] = field(default_factory=dict)

    @property
    def client_env(self) -> dict[str, str]:
        """The variables that point the package's defaults (and python-consul) at this stack."""
        out = {f'ISA_{name.upper()}_PORT': str(port) for name, port in self.ports.items()}
        out['ISA_CLOUD_HOST'] = self.host
        out['CONSUL_HTTP_ADDR'] = f'{self.host}:{self.registry_port}'
        return out

    def stop(self) -> None:
        if self.process.poll() is None:
            # The stack runs in its own process group (redis-server and nats-server are its children).
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        subprocess.run(['rm', '-rf', self.data_dir], check=False)


def start_stack(extra_env: dict[str, str] | None = None, timeout: float = 90.0,
                services: tuple[str, ...] = SERVICES, replicas: int = 1) -> Stack:
    ports = {name: free_port() for name in services}
    registry_port, http_port = free_port(), free_port()
    data_dir = tempfile.mkdtemp(prefix='isa-python-stack-')
    env = {
        **os.environ,
        **{f'ISA_{name.upper()}_PORT': str(port) for name, port in ports.items()},
        'ISA_REGISTRY_PORT': str(registry_port),
        'ISA_HTTP_PORT': str(http_port),
        'ISA_DATA_DIR': data_dir,
        'ISA_HEALTH_INTERVAL_MS': '500',
        'ISA_CONSUL_CHECK_INTERVAL': '300ms',
        'ISA_SHUTDOWN_GRACE_MS': '2000',
        **(extra_env or {}),
    }
    for variable in ('CONSUL_HTTP_ADDR', 'CONSUL_HOST', 'REDIS_URL', 'NATS_URL', 'MQTT_URL', 'DATABASE_URL'):
        env.pop(variable, None)
    log_path = os.path.join(data_dir, 'stack.log')
    command = shlex.split(os.environ.get('ISA_STACK_COMMAND', DEFAULT_COMMAND))
    if services != SERVICES:
        command += ['--only', ','.join(services)]
    if replicas > 1:
        command += ['--replicas', str(replicas)]
    with open(log_path, 'wb') as log:
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    stack = Stack(ports, registry_port, http_port, data_dir, process, log_path, env=env)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = Path(log_path).read_text(errors='replace')
        if any(line.startswith('metrics:') for line in text.splitlines()):
            if 'NOT_SERVING' in text:
                stack.stop()
                raise RuntimeError(f'the stack came up with a service not serving:\n{text}')
            return stack
        if process.poll() is not None:
            raise RuntimeError(f'the stack exited with {process.returncode}:\n{text}')
        time.sleep(0.2)
    stack.stop()
    raise RuntimeError(f'the stack did not come up in {timeout} s:\n{Path(log_path).read_text()}')
