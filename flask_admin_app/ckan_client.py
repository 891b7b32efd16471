"""The app's only door to CKAN: its action API through ckanapi."""
from __future__ import annotations

from typing import Any

import ckanapi
from ckanapi.errors import CKANAPIError


class CKANUnavailable(Exception):
    """CKAN cannot be reached, or does not offer the action; the message is shown to users."""


def remote(ckan_url: str, token: str) -> ckanapi.RemoteCKAN:
    return ckanapi.RemoteCKAN(ckan_url, apikey=token or None, user_agent="dazhou-admin/0.1")


def _unknown_action(error: Exception) -> bool:
    return "Action name not known" in str(error)


def call(ckan_url: str, token: str, action: str, data: dict[str, Any] | None = None) -> Any:
    """Call an action; unreachable CKAN and unknown actions become CKANUnavailable.

    CKAN's own errors (NotAuthorized, ValidationError, NotFound) pass through unchanged.
    """
    try:
        return remote(ckan_url, token).call_action(action, data or {})
    except CKANAPIError as error:
        if _unknown_action(error):
            raise CKANUnavailable(f"CKAN 尚未提供接口 {action}（相关功能尚未部署），暂无法显示。") from error
        raise CKANUnavailable(f"调用 CKAN 接口 {action} 失败：{error}") from error
    except OSError as error:  # connection refused, timeouts (requests' errors are OSErrors)
        raise CKANUnavailable(f"无法连接 CKAN（{ckan_url}）：{error}") from error
