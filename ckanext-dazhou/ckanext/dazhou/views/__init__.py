"""Blueprints of the dazhou plugin, registered by toolkit.blanket.blueprints (via __all__)."""
from ckanext.dazhou.datastore.interface import resource_interface
from ckanext.dazhou.datastore.views import datastore_preview
from ckanext.dazhou.feeds.views import dcat_feeds
from ckanext.dazhou.views.calendar import calendar_views
from ckanext.dazhou.usage.views import usage_counter
from ckanext.dazhou.spreadsheet.views import catalog_spreadsheet
from ckanext.dazhou.views.departments import departments
from ckanext.dazhou.views.locale import locale
from ckanext.dazhou.views.saved_messages import saved_messages
from ckanext.dazhou.views.search_log import search_log_views
from ckanext.dazhou.views.sharing import sharing
from ckanext.dazhou.views.supervision import supervision
from ckanext.dazhou.views.vocab import vocab
from ckanext.dazhou.views.work import work
from ckanext.dazhou.views.withdrawal import withdrawal
from ckanext.dazhou.views.workflows import workflows

__all__ = ["datastore_preview", "resource_interface", "usage_counter", "locale", "sharing", "vocab", "catalog_spreadsheet", "workflows", "supervision", "work", "dcat_feeds",
           "search_log_views", "departments", "saved_messages", "withdrawal", "calendar_views"]
