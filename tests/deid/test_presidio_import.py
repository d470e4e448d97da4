"""Presidio is imported without transformers' pipeline machinery (seconds per scrubber
start-up), and transformers still imports normally afterwards."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_presidio_imports_without_transformers_and_transformers_still_loads_after() -> None:
    script = textwrap.dedent("""
        import sys
        from dataprotocol.deid._engine import import_presidio
        import_presidio()
        assert "presidio_analyzer" in sys.modules and "presidio_anonymizer" in sys.modules
        assert "transformers" not in sys.modules, "presidio pulled transformers in"
        from presidio_analyzer.nlp_engine import SpacyNlpEngine  # what the scrubber builds
        import transformers
        from transformers import AutoConfig, pipeline
        assert callable(pipeline) and AutoConfig.__name__ == "AutoConfig"
        loaded = sys.modules["transformers"]
        import_presidio()  # a second call (presidio already imported) changes nothing
        assert sys.modules["transformers"] is loaded
        print("ok", SpacyNlpEngine.__name__)
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split() == ["ok", "SpacyNlpEngine"]


def test_when_transformers_is_already_imported_presidio_imports_as_shipped() -> None:
    script = textwrap.dedent("""
        import transformers
        from dataprotocol.deid._engine import import_presidio
        import_presidio()
        from presidio_analyzer.nlp_engine import huggingface_token_pipe
        assert huggingface_token_pipe.hf_pipeline is not None
        print("ok")
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "ok"
