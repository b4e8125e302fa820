"""Moved to tiptrace.services.rules (the one front door the CLI, API, pages and Python API
use); this name stays for older callers and is that same module."""

import sys

from ..services import rules as _moved

sys.modules[__name__] = _moved
