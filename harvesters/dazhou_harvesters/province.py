"""`dazhou_province`: harvests a provincial DCAT-AP feed (Art. 10, 24, 25).

A subclass of ckanext-dcat's RDF harvester, customised through its IDCATRDFHarvester hooks:
the `dazhou_dcat_ap` profile maps EU and Dazhou URIs back to local codes; rules.py decides
what may be written; deletions happen only after a complete, non-empty, full gather.
Source config (JSON): {"incremental": true, "defaults": {catalog field: value},
"overrides": {catalog field: value}} (defaults fill gaps, overrides always win).
Site config: ckanext.dazhou.province.timeout (seconds per HTTP read, default 30),
ckanext.dazhou.province.defer_solr_commit (default true, see search_commits.py).
"""
from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urlencode

import ckan.plugins as p
import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan import model
from ckanext.dazhou import codes
from ckanext.dazhou.profiles import departments
from ckanext.dcat.harvesters.rdf import DCATRDFHarvester
from ckanext.dcat.interfaces import IDCATRDFHarvester
from ckanext.harvest.model import (
    HarvestGatherError,
    HarvestJob,
    HarvestObjectError,
    HarvestObjectExtra,
)

from dazhou_harvesters import (
    adapt,
    gather,
    http,
    idle_queue,
    ownership,
    queue_guard,
    rules,
    safe_rdf,
    search_commits,
    sources,
)

SOURCE_TYPE = "dazhou_province"


def _config(harvest_job) -> dict:
    return json.loads(harvest_job.source.config or "{}")


def _harvest_facet_titles(facets_dict):
    titles = {"frequency": tk._("Update frequency"), "source_type": tk._("Source type")}
    for key in facets_dict:
        facets_dict[key] = titles.get(key, facets_dict[key])
    return facets_dict


def _ours(harvest_job) -> bool:
    return harvest_job is not None and harvest_job.source.type == SOURCE_TYPE


class DazhouProvinceHarvester(DCATRDFHarvester):
    p.implements(IDCATRDFHarvester, inherit=True)
    p.implements(p.IConfigurable, inherit=True)
    p.implements(p.IConfigDeclaration)
    p.implements(p.IFacets, inherit=True)
    p.implements(p.IActions)

    _incremental_jobs: set[str] = set()
    _importing = None  # the harvest object import_stage is working on

    def info(self):
        return {
            "name": SOURCE_TYPE,
            "title": "达州市：省级 DCAT-AP 目录 (Provincial DCAT-AP catalog)",
            "description": "Harvests the provincial platform's DCAT-AP feed into the catalog.",
        }

    def validate_config(self, source_config):
        config = json.loads(source_config or "{}")
        for key in ("defaults", "overrides"):
            if not isinstance(config.get(key, {}), dict):
                raise ValueError(f"{key} must be an object of catalog fields")
        return super().validate_config(source_config)

    # IConfigurable

    def configure(self, config):
        idle_queue.install()
        safe_rdf.install()

    # IActions

    def get_actions(self):
        return {
            "package_create": sources.package_create,
            "package_update": sources.package_update,
            "harvest_source_reindex": sources.harvest_source_reindex,
            "harvest_send_job_to_gather_queue": queue_guard.harvest_send_job_to_gather_queue,
        }

    # IConfigDeclaration

    def declare_config_options(self, declaration, key):
        declaration.annotate("dazhou_province harvester")
        declaration.declare_int(key.ckanext.dazhou.province.timeout, 30).set_description(
            "Seconds the province harvester waits for the provincial feed (connect and read).")
        defer = declaration.declare_bool(key.ckanext.dazhou.province.defer_solr_commit, True)
        defer.set_description(
            "Leave the Solr commit of each harvested dataset to Solr's autoSoftCommit (1 s in "
            "solr/conf/solrconfig.xml); false commits after every dataset, as CKAN does.")
        declaration.annotate("Safe harvesting (every harvest source)")
        declaration.declare_list(key.ckanext.dazhou.harvest.allowed_hosts, []).set_description(
            "Hosts (host or host:port) and networks (CIDR) that harvests may open although "
            "they are loopback, link-local or private; everything else must be public."
        ).set_example("10.20.0.0/16 feed.sc.gov.cn:8443")
        declaration.declare_int(key.ckanext.dazhou.harvest.gather_time_limit, 600).set_description(
            "Seconds a whole gather (every page of a feed) may take before it stops, partial.")
        declaration.declare_int(key.ckanext.dazhou.harvest.fetch_time_limit, 120).set_description(
            "Seconds one page download may take in total (a slow drip is cut off).")
        declaration.declare_int(key.ckanext.dazhou.harvest.max_pages, 1000).set_description(
            "Most pages one gather reads; a feed with more is partial (nothing deleted).")

    # IFacets: ckanext-harvest titles its source list's facets in English, untranslatable

    def dataset_facets(self, facets_dict, package_type):
        return _harvest_facet_titles(facets_dict) if package_type == "harvest" else facets_dict

    def organization_facets(self, facets_dict, organization_type, package_type):
        return self.dataset_facets(facets_dict, package_type)

    # IDCATRDFHarvester

    def before_download(self, url, harvest_job):
        if not _ours(harvest_job) or url != harvest_job.source.url:
            return url, []
        departments.forget()
        incremental = _config(harvest_job).get("incremental")
        since = self._last_clean_gather(harvest_job) if incremental else None
        if since is None:
            return url, []
        self._incremental_jobs.add(harvest_job.id)
        separator = "&" if "?" in url else "?"
        return f"{url}{separator}{urlencode({'modified_since': since.isoformat()})}", []

    def update_session(self, session):
        return http.with_timeout(session, tk.config.get("ckanext.dazhou.province.timeout"))

    def before_create(self, harvest_object, dataset_dict, temp_dict):
        self._before_save(harvest_object, dataset_dict, None)

    def before_update(self, harvest_object, dataset_dict, temp_dict):
        self._before_save(harvest_object, dataset_dict, dataset_dict.get("id"))

    def _get_guid(self, dataset_dict, source_url=None):
        """The dataset's URI at the source: the profile keeps it under `dazhou_source`, so
        the stock lookup would fall back to a title-based guid and every full harvest would
        replace each dataset with a new one (new id, new resource code)."""
        uri = (dataset_dict.get("dazhou_source") or {}).get("uri")
        return uri or super()._get_guid(dataset_dict, source_url)

    def _get_existing_dataset(self, guid):
        """This source's own dataset with this guid (ownership.py: never another source's
        or a department's), read as the site user (a closed dataset is private and the stock
        lookup reads as an anonymous visitor)."""
        importing = getattr(self, "_importing", None)
        if importing is None:
            found = self._read_datasets_from_db(guid)
            package_id = found[0][0] if found else None
        else:
            package_id = ownership.own_dataset(guid, importing.harvest_source_id)
        if not package_id:
            return None
        site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
        return tk.get_action("package_show")({"ignore_auth": True, "user": site_user["name"]},
                                             {"id": package_id})

    def gather_stage(self, harvest_job):
        if not _ours(harvest_job):
            return super().gather_stage(harvest_job)
        return gather.run(self, harvest_job)

    def import_stage(self, harvest_object):
        """Never raises: an exception would kill the fetch consumer."""
        if not _ours(harvest_object.job):
            return super().import_stage(harvest_object)
        try:
            return self._import_own(harvest_object)
        except Exception as error:  # noqa: BLE001 - any failure is this object's error
            model.Session.rollback()
            try:
                self._save_object_error(f"import failed ({type(error).__name__})",
                                        harvest_object, "Import")
            except Exception:  # noqa: BLE001 - the database itself is failing
                model.Session.rollback()
            return False
        finally:
            self._importing = None

    def _import_own(self, harvest_object):
        holder = ownership.held_elsewhere(harvest_object.guid, harvest_object.harvest_source_id)
        if holder and self._get_object_extra(harvest_object, "status") != "delete":
            title = json.loads(harvest_object.content or "{}").get("title") or ""
            ownership.record_conflict(harvest_object, title, holder)
            self._save_object_error(ownership.message(harvest_object.guid, holder),
                                    harvest_object, "Import")
            return False
        self._importing = harvest_object
        if not tk.config.get("ckanext.dazhou.province.defer_solr_commit"):
            return super().import_stage(harvest_object)
        with search_commits.left_to_solr():
            return super().import_stage(harvest_object)

    def _save_object_error(self, message, harvest_object, stage="Fetch", line=None):
        """ckanext-dcat appends tracebacks (server paths, dataset content) to object errors
        the department reads: keep the message, log the rest."""
        head, _sep, _traceback = str(message).partition(" / Traceback")
        HarvestObjectError.create(head[:2000], harvest_object, stage, line)

    # the harvest

    def _mark_datasets_for_deletion(self, guids_in_source, harvest_job):
        """Deletes only after a complete full gather: never on an empty, failed or
        incremental one (a missing dataset there means nothing)."""
        if _ours(harvest_job):
            errors = model.Session.query(HarvestGatherError).filter_by(
                harvest_job_id=harvest_job.id).count()
            if not guids_in_source or errors or harvest_job.id in self._incremental_jobs:
                return []
        return super()._mark_datasets_for_deletion(guids_in_source, harvest_job)

    def _last_clean_gather(self, harvest_job) -> dt.datetime | None:
        """When the last finished job of this source without gather errors started."""
        failed = sa.select(HarvestGatherError.harvest_job_id)
        return model.Session.execute(
            sa.select(HarvestJob.gather_started)
            .where(HarvestJob.source_id == harvest_job.source.id, HarvestJob.id != harvest_job.id,
                   HarvestJob.status == "Finished", HarvestJob.id.notin_(failed))
            .order_by(HarvestJob.gather_started.desc()).limit(1)
        ).scalar_one_or_none()

    def _before_save(self, harvest_object, dataset, package_id):
        if not _ours(harvest_object.job):
            return
        source = harvest_object.job.source
        provenance = dataset.pop("dazhou_source", {}) or {}
        # the source's URI is provenance here (original_uri), not an extra of ours
        dataset["extras"] = [e for e in dataset.get("extras") or [] if e.get("key") != "uri"]
        if dataset.get("resource_code") and not codes.CODE_PATTERN.match(dataset["resource_code"]):
            provenance["identifier"] = dataset.pop("resource_code")
        owner = rules.local_owner_of(dataset.get("resource_code"), source.id)
        if owner and owner != package_id:
            self._save_object_error(
                f"{dataset.get('title')}: resource code {dataset['resource_code']} belongs to a "
                "local department's dataset, which a harvest never takes over", harvest_object,
                "Import")
            dataset.clear()
            return
        source_package = model.Package.get(source.id)
        dataset["owner_org"] = source_package.owner_org if source_package else None
        config = _config(harvest_object.job)
        rules.apply_defaults(dataset, config.get("defaults", {}), config.get("overrides", {}))
        for line in adapt.apply(dataset, package_id, provenance, config, source.url):
            self._save_object_error(f"adapted (listed for review): {line}", harvest_object,
                                    "Adapted")
        conflicts = rules.drop_conflicting_claims(dataset, package_id)
        rules.record_conflicts(harvest_object, provenance.get("uri"), dataset, conflicts)
        for conflict in conflicts:
            self._save_object_error(conflict.message, harvest_object, "Import")
        self._record_provenance(harvest_object, provenance)

    def _record_provenance(self, harvest_object, provenance: dict) -> None:
        values = {
            "original_uri": provenance.get("uri") or harvest_object.guid,
            "source_url": harvest_object.job.source.url,
            "harvested_at": dt.datetime.utcnow().isoformat(),
            "original_identifier": provenance.get("identifier") or "",
            "original_publisher": json.dumps(provenance.get("publisher") or {}, ensure_ascii=False),
        }
        # added to the import's own transaction (ckanext-dcat commits it): one commit, not five
        model.Session.add_all(HarvestObjectExtra(harvest_object_id=harvest_object.id, key=key,
                                                 value=value) for key, value in values.items())
