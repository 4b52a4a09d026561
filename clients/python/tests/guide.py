"""The usage guide's Python code blocks, extracted from the guide file as they are written."""

from __future__ import annotations

import os
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
GUIDE = Path(os.environ.get('ISA_GUIDE_FILE', REPO.parent.parent / 'shared' / '000_f5b84221778b4830.txt'))
if not GUIDE.exists():
    GUIDE = Path('/work/shared/000_f5b84221778b4830.txt')

# The guide's ports, per service (the blocks name them literally).
GUIDE_PORTS = {50051: 'minio', 50052: 'duckdb', 50053: 'mqtt', 50054: 'loki', 50055: 'redis', 50056: 'nats',
               50057: 'supabase'}
_FENCE = re.compile(r'^([ \t]*)```python[ \t]*\n(.*?)^\1```[ \t]*$', re.MULTILINE | re.DOTALL)
_HEADING = re.compile(r'^#{2,4} (.+)$', re.MULTILINE)
_PORT = re.compile(r'\b(5005[1-7])\b')


@dataclass(frozen=True)
class Block:
    index: int
    line: int
    heading: str
    code: str

    def for_stack(self, ports: dict[str, int]) -> str:
        """The block with the guide's ports replaced by the test stack's (the only edit made)."""
        return _PORT.sub(lambda m: str(ports[GUIDE_PORTS[int(m.group(1))]]), self.code)


def blocks(text: str | None = None) -> list[Block]:
    text = GUIDE.read_text(encoding='utf-8') if text is None else text
    headings = [(m.start(), m.group(1).strip()) for m in _HEADING.finditer(text)]
    out = []
    for i, m in enumerate(_FENCE.finditer(text)):
        heading = next((h for start, h in reversed(headings) if start < m.start()), '')
        code = textwrap.dedent(m.group(2))
        out.append(Block(i, text.count('\n', 0, m.start()) + 1, heading, code))
    return out
