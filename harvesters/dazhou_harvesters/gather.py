"""The province harvester's gather stage: pages read safely, never a crash (issue 11 §4).

Replaces ckanext-dcat's loop, which opens local paths, follows any redirect, quotes parse
errors (with the content) and tracebacks (with the dataset) into gather errors readable by
the department, and lets any other exception kill the gather consumer. Here:
- each page is fetched by fetch.get (safe hops, size and time limits) and refused before
  parsing when unsafe (safe_rdf), within a time limit for the whole gather;
- an error on a page ends the paging with a gather error naming what failed; what was
  gathered until then is still imported, but a gather with errors deletes nothing;
- a gather that received fewer datasets than a page announced (hydra:totalItems), or whose
  next page repeats one already read, is partial: a gather error, nothing deleted;
- any unexpected exception ends the gather with a gather error (its class only) and no
  harvest objects left waiting, so the job finishes.
"""
from __future__ import annotations

import hashlib
import json
import logging
import time

import ckan.plugins as p
import ckan.plugins.toolkit as tk
import rdflib
import requests
from ckan import model
from ckanext.dcat.interfaces import IDCATRDFHarvester
from ckanext.dcat.processors import HYDRA, SUPPORTED_PAGINATION_COLLECTION_DESIGNS, RDFParser
from ckanext.harvest.model import HarvestObject

from dazhou_harvesters import fetch, safe_rdf

log = logging.getLogger(__name__)

GATHER_TIME_LIMIT = "ckanext.dazhou.harvest.gather_time_limit"
FETCH_TIME_LIMIT = "ckanext.dazhou.harvest.fetch_time_limit"
MAX_PAGES = "ckanext.dazhou.harvest.max_pages"
MAX_FILE_SIZE_MB = "ckanext.dcat.max_file_size"


class PageFailed(Exception):
    """This page ends the gather; the message is safe to show the department."""


def _session():
    session = requests.Session()  # our update_session hook adds the timeouts
    for harvester in p.PluginImplementations(IDCATRDFHarvester):
        session = harvester.update_session(session)
    return session


def _announced_total(graph: rdflib.Graph) -> int | None:
    totals = []
    for collection_type in SUPPORTED_PAGINATION_COLLECTION_DESIGNS:
        for node in graph.subjects(rdflib.RDF.type, collection_type):
            for value in graph.objects(node, HYDRA.totalItems):
                try:
                    totals.append(int(str(value)))
                except ValueError:
                    continue
    return max(totals) if totals else None


class Gather:
    def __init__(self, harvester, job):
        self.harvester, self.job = harvester, job
        self.rdf_format = json.loads(job.source.config or "{}").get("rdf_format")
        self.deadline = time.monotonic() + tk.config.get(GATHER_TIME_LIMIT)
        self.guids: list[str] = []
        self.object_ids: list[str] = []
        self.announced: int | None = None
        self.complete = False

    def error(self, message: str) -> None:
        self.harvester._save_gather_error(message, self.job)

    def _download(self, url: str) -> fetch.Page:
        max_bytes = 1024 * 1024 * int(tk.config.get(MAX_FILE_SIZE_MB) or 50)
        deadline = min(self.deadline, time.monotonic() + tk.config.get(FETCH_TIME_LIMIT))
        try:
            return fetch.get(_session(), url, max_bytes=max_bytes,
                             timeout=float(tk.config.get("ckanext.dazhou.province.timeout")),
                             deadline=deadline)
        except fetch.FetchError as error:
            raise PageFailed(str(error)) from None

    def _parse(self, content: str, content_type: str | None) -> RDFParser:
        rdf_format = self.rdf_format or content_type
        try:
            safe_rdf.refuse_unsafe(content, rdf_format)
        except safe_rdf.UnsafeRDF as error:
            raise PageFailed(f"page refused before parsing: {error}") from None
        parser = RDFParser()
        try:
            parser.parse(content, _format=rdf_format)
        except Exception as error:  # noqa: BLE001 - the message would quote the content
            cause = error.__cause__ or getattr(error, "args", [None])[0] or error
            raise PageFailed(f"the page could not be parsed as RDF ({rdf_format or 'RDF/XML'}: "
                             f"{type(cause).__name__})") from None
        return parser

    def _objects_from(self, parser: RDFParser) -> None:
        source_dataset = model.Package.get(self.job.source.id)
        for dataset in parser.datasets():
            if not dataset.get("name"):
                dataset["name"] = self.harvester._gen_new_name(dataset["title"])
            taken = self.harvester._names_taken
            if dataset["name"] in taken:
                suffix = len([n for n in taken if n.startswith(dataset["name"] + "-")]) + 1
                dataset["name"] = f"{dataset['name']}-{suffix}"
            taken.append(dataset["name"])
            if not dataset.get("owner_org") and source_dataset.owner_org:
                dataset["owner_org"] = source_dataset.owner_org
            guid = self.harvester._get_guid(dataset, source_url=source_dataset.url)
            if not guid:
                self.error(f"a dataset without URI or identifier was skipped "
                           f"(title of {len(dataset.get('title') or '')} characters)")
                continue
            dataset["extras"].append({"key": "guid", "value": guid})
            self.guids.append(guid)
            harvest_object = HarvestObject(guid=guid, job=self.job, content=json.dumps(dataset))
            harvest_object.save()
            self.object_ids.append(harvest_object.id)

    def _pages(self):
        """Read every page; raises PageFailed on the first one that fails."""
        url, seen, digests = self.job.source.url, set(), set()
        for _page in range(tk.config.get(MAX_PAGES)):
            for harvester in p.PluginImplementations(IDCATRDFHarvester):
                url, errors = harvester.before_download(url, self.job)
                for message in errors:
                    self.error(message)
                if not url:
                    raise PageFailed("a harvester plugin stopped the download")
            if url in seen:
                raise PageFailed("the next page repeats a page already read")
            seen.add(url)
            page = self._download(url)
            digest = hashlib.sha256(page.content.encode("utf-8")).digest()
            if digest in digests:
                raise PageFailed("the next page repeats the content of a page already read")
            digests.add(digest)
            content = page.content
            for harvester in p.PluginImplementations(IDCATRDFHarvester):
                content, errors = harvester.after_download(content, self.job)
                for message in errors:
                    self.error(message)
            if not content:
                raise PageFailed("the page is empty")
            parser = self._parse(content, page.content_type)
            for harvester in p.PluginImplementations(IDCATRDFHarvester):
                parser, errors = harvester.after_parsing(parser, self.job)
                for message in errors:
                    self.error(message)
                if not parser:
                    raise PageFailed("a harvester plugin stopped the parsing")
            total = _announced_total(parser.g)
            if total is not None:
                self.announced = max(total, self.announced or 0)
            self._objects_from(parser)
            url = parser.next_page()
            if not url:
                return
        raise PageFailed(f"more than {tk.config.get(MAX_PAGES)} pages")

    def run(self) -> list[str]:
        self.harvester._names_taken = []
        try:
            self._pages()
        except PageFailed as failure:
            self.error(f"gather stopped, nothing is deleted: {failure}")
        else:
            if self.announced is not None and len(self.guids) < self.announced:
                self.error(f"gather partial, nothing is deleted: the source announced "
                           f"{self.announced} datasets, {len(self.guids)} arrived")
        # _mark_datasets_for_deletion deletes nothing after any gather error
        return self.object_ids + self.harvester._mark_datasets_for_deletion(self.guids, self.job)


def run(harvester, job) -> list[str]:
    """The gather stage; never raises (a crash would kill the gather consumer)."""
    try:
        return Gather(harvester, job).run()
    except Exception as error:  # noqa: BLE001 - any failure ends the job, not the consumer
        log.exception("gather of job %s failed", job.id)
        model.Session.rollback()
        # none of them is sent to the fetch queue: left waiting, they would keep the job
        # Running for ever
        model.Session.query(HarvestObject).filter_by(harvest_job_id=job.id).update(
            {"state": "ERROR", "report_status": "errored"}, synchronize_session=False)
        model.Session.commit()
        harvester._save_gather_error(f"gather failed ({type(error).__name__}); nothing is "
                                     "imported or deleted", job)
        return []
