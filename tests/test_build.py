"""The packaged dataset is exactly what scripts/build_record.py makes from the sources."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"


@pytest.mark.skipif(not SHARED.is_dir(), reason="the assembled source tables are not beside "
                    "this checkout (../shared/data)")
def test_packaged_data_is_reproducible_from_sources():
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_record.py"), "--check"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
