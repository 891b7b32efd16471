"""Blueprints of the dazhou plugin, registered by toolkit.blanket.blueprints (via __all__)."""
from ckanext.dazhou.views.sharing import sharing
from ckanext.dazhou.views.vocab import vocab

__all__ = ["sharing", "vocab"]
