"""No public signing key in production: DEBUG off refuses to start without SECRET_KEY, and the
deployment check fails if the development key is ever used."""

import os
import subprocess
import sys

from django.conf import settings
from django.test import override_settings

from amplify.home.checks import check_secret_key_is_not_public


def _settings_import(**env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    environ.update(env, DJANGO_SETTINGS_MODULE="amplify.settings")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=environ,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )


def test_it_refuses_to_start_without_a_key_when_debug_is_off() -> None:
    # The old escape hatch (AMPLIFY_ALLOW_INSECURE_KEY=1) no longer lets a public key through.
    result = _settings_import(DEBUG="0", AMPLIFY_ALLOW_INSECURE_KEY="1")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_it_starts_with_a_key_or_in_debug() -> None:
    assert _settings_import(DEBUG="0", SECRET_KEY="x" * 60).returncode == 0
    assert _settings_import(DEBUG="1").returncode == 0


def test_it_fails_the_deploy_check_on_the_development_key() -> None:
    assert check_secret_key_is_not_public() == []
    with override_settings(SECRET_KEY=settings.DEVELOPMENT_SECRET_KEY):
        errors = check_secret_key_is_not_public()
    assert [e.id for e in errors] == ["amplify.E001"]


def test_it_runs_the_check_in_check_deploy() -> None:
    from django.core import checks

    with override_settings(SECRET_KEY=settings.DEVELOPMENT_SECRET_KEY):
        found = checks.run_checks(include_deployment_checks=True, tags=[checks.Tags.security])
    assert "amplify.E001" in {e.id for e in found}
