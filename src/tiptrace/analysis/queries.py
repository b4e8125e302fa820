"""Moved to tiptrace.services.analysis (the one front door the CLI, API, pages and Python API
use); this name stays for older callers and is that same module."""

import sys

from ..services import analysis as _moved

sys.modules[__name__] = _moved
