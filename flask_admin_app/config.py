"""Settings from environment variables, with development defaults."""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV_DIR = ROOT / ".dev"
SCHEMA = "dazhou_admin"


def _dev_secret_key() -> str:
    # Generated once per checkout, so sessions survive restarts without a secret in git.
    path = DEV_DIR / "admin-secret-key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(32))
        path.chmod(0o600)
    return path.read_text().strip()


def _dev_token() -> str:
    path = DEV_DIR / "api-token"
    return path.read_text().strip() if path.exists() else ""


@dataclass(frozen=True)
class Settings:
    database_url: str
    ckan_url: str
    ckan_token: str  # service token, used only where no signed-in user is involved (tests, CLI)
    review_threshold_yuan: int
    bureau_org: str
    secret_key: str
    secure_cookies: bool
    recheck_seconds: int  # how long a sign-in's bureau check is trusted before asking CKAN again

    @classmethod
    def from_env(cls, **overrides) -> Settings:
        env = os.environ.get
        values = dict(
            database_url=env("DAZHOU_ADMIN_DATABASE_URL",
                             "postgresql://ckan_default:ckan_default@127.0.0.1:5432/ckan_dev"),
            ckan_url=env("DAZHOU_CKAN_URL", "http://127.0.0.1:5000").rstrip("/"),
            ckan_token=env("DAZHOU_CKAN_TOKEN") or _dev_token(),
            review_threshold_yuan=int(env("DAZHOU_REVIEW_THRESHOLD_YUAN", "300000")),
            bureau_org=env("DAZHOU_BUREAU_ORG", "dz-dsjj"),
            secret_key=env("SECRET_KEY") or _dev_secret_key(),
            # Secure by default; the dev server on plain http sets DAZHOU_ADMIN_SECURE_COOKIES=0.
            secure_cookies=env("DAZHOU_ADMIN_SECURE_COOKIES", "1") not in ("0", "false", "no"),
            recheck_seconds=int(env("DAZHOU_ADMIN_RECHECK_SECONDS", "300")),
        )
        values.update(overrides)
        return cls(**values)
