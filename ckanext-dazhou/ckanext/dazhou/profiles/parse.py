"""Graph -> dataset dict: the `_parse_*` steps, the exact inverse of serialize.py.

Fields come back under their schema names with stored keys (never URIs); what only the
harvester needs (source URI, publisher as given) goes under `dazhou_source`.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ckanext.dazhou import formats
from ckanext.dazhou.profiles import concepts, departments, keep
from ckanext.dazhou.profiles.namespace import CODED_FIELDS, DZ, ITEM_TEXT_FIELDS, TEXT_FIELDS
from ckanext.dazhou.profiles.serialize import API_METHOD
from ckanext.dcat.profiles import DCAT, DCT, FOAF
from ckanext.dcat.utils import catalog_uri
from rdflib import Literal, URIRef
from rdflib.collection import Collection


def _text(value) -> str | None:
    return str(value) if value is not None else None


def _bool(value) -> bool | None:
    if value is None:
        return None
    python = value.toPython() if isinstance(value, Literal) else value
    return python if isinstance(python, bool) else str(python).lower() in ("true", "1")


_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")


def iso_date(value) -> str | None:
    """`2024-03-01`, `2024-03-01T…`, `2024/3/1`, `2024年3月1日` -> `2024-03-01`; else None
    (`03/01/2024` is ambiguous, `2024` has no day: neither is guessed)."""
    found = _DATE.match(str(value).strip())
    if not found:
        return None
    try:
        return dt.date(*map(int, found.groups())).isoformat()
    except ValueError:
        return None


class DatasetParseSteps:
    g: Any

    def _list(self, subject, predicate) -> list:
        head = self.g.value(subject, predicate)
        return list(Collection(self.g, head)) if head is not None else []

    def _parse_identity(self, dataset_dict, dataset_ref):
        identifier = self.g.value(dataset_ref, DCT.identifier)
        if identifier is not None:
            dataset_dict["resource_code"] = str(identifier)
        own_prefix = f"{catalog_uri()}/dataset/"
        for page in self.g.objects(dataset_ref, DCAT.landingPage):
            if str(page).startswith(own_prefix):
                dataset_dict["name"] = str(page)[len(own_prefix):]
        if not dataset_dict.get("title"):  # fragments (the official examples) may lack one
            last_segment = str(dataset_ref).rstrip("/").rsplit("/", 1)[-1]
            dataset_dict["title"] = last_segment.rsplit("#", 1)[-1]
        issued = self.g.value(dataset_ref, DCT.issued)
        modified = self.g.value(dataset_ref, DCT.modified)
        dataset_dict["dazhou_source"] = {
            "uri": str(dataset_ref) if isinstance(dataset_ref, URIRef) else "",
            "modified": _text(modified),
            # the source's own Latin slug, for a readable name (landing page, identifier)
            "slugs": [str(page) for page in self.g.objects(dataset_ref, DCAT.landingPage)]
            + ([str(identifier)] if identifier is not None else []),
        }
        if issued is not None:
            date = iso_date(issued)
            if date:
                dataset_dict["published_date"] = date
            else:  # kept as given and reported by the harvester, never a refused record
                dataset_dict["dazhou_source"]["issued_unparsed"] = str(issued)

    def _parse_publisher(self, dataset_dict, dataset_ref):
        agent = self.g.value(dataset_ref, DCT.publisher)
        if agent is None:
            return
        code = self.g.value(agent, DZ.departmentCode) or self.g.value(agent, DCT.identifier)
        name = self.g.value(agent, FOAF.name)
        stock = (self._agents_details(dataset_ref, DCT.publisher) or [{}])[0]
        dataset_dict["dazhou_source"]["publisher"] = {
            # what the stock parse reads of the agent (e-mail, homepage, type) is kept too
            **{k: v for k, v in stock.items() if k in ("email", "url", "type") and v},
            "uri": str(agent) if isinstance(agent, URIRef) else "",
            "name": _text(name), "department_code": _text(code)}
        department = departments.by_code(_text(code))
        if department is not None:
            dataset_dict["owner_org"] = department.id

    def _parse_themes(self, dataset_dict, dataset_ref):
        from dazhou_vocab import loader

        scheme = loader.scheme("resource_category")
        for theme in self.g.objects(dataset_ref, DCAT.theme):
            key = concepts.key_of("resource_category", theme)
            if key is None:
                continue
            field = "resource_subcategory" if scheme.by_key[key].broader else "resource_category"
            dataset_dict[field] = key
        sub = dataset_dict.get("resource_subcategory")
        if sub and not dataset_dict.get("resource_category"):
            dataset_dict["resource_category"] = scheme.by_key[sub].broader

    def _parse_eu_codes(self, dataset_dict, dataset_ref):
        for key, predicate, scheme in (
            ("open_type", DCT.accessRights, "open_type"),
            ("update_cycle", DCT.accrualPeriodicity, "update_cycle"),
        ):
            for value in self.g.objects(dataset_ref, predicate):
                found = concepts.key_of(scheme, value)
                if found:
                    dataset_dict[key] = found

    def _parse_share(self, dataset_dict, dataset_ref):
        for key, predicate, scheme in CODED_FIELDS:
            found = concepts.key_of(scheme, self.g.value(dataset_ref, predicate))
            if found:
                dataset_dict[key] = found
        for key, predicate in TEXT_FIELDS:
            value = self.g.value(dataset_ref, predicate)
            if value is not None:
                dataset_dict[key] = str(value)
        methods = [concepts.key_of("share_method", m)
                   for m in self._list(dataset_ref, DZ.shareMethods)]
        if methods:
            dataset_dict["share_methods"] = [m for m in methods if m]
        approval = _bool(self.g.value(dataset_ref, DZ.crossDepartmentApproval))
        if approval is not None:
            dataset_dict["cross_department_approval"] = approval
        review_date = self.g.value(dataset_ref, DZ.confidentialityReviewDate)
        if review_date is not None:
            dataset_dict["confidentiality_review_date"] = str(review_date)[:10]
        codes = self._list(dataset_ref, DZ.relatedResourceCodes)
        if codes:
            dataset_dict["related_resource_codes"] = [str(c) for c in codes]

    def _parse_data_items(self, dataset_dict, dataset_ref):
        items = []
        for node in self._list(dataset_ref, DZ.dataItems):
            item: dict[str, Any] = {}
            for key, predicate in ITEM_TEXT_FIELDS:
                value = self.g.value(node, predicate)
                if value is not None:
                    item[key] = str(value)
            data_type = concepts.key_of("item_data_type", self.g.value(node, DZ.itemDataType))
            if data_type:
                item["data_type"] = data_type
            authoritative = _bool(self.g.value(node, DZ.authoritative))
            if authoritative is not None:
                item["authoritative"] = authoritative
            items.append(item)
        if items:
            dataset_dict["data_items"] = items

    def _parse_api_service(self, dataset_dict, dataset_ref):
        service = next(self.g.subjects(DCAT.servesDataset, dataset_ref), None)
        if service is None:
            return
        if not _bool(self.g.value(service, DZ.restricted)):
            endpoint = self.g.value(service, DCAT.endpointURL)
            if endpoint is not None:
                dataset_dict["api_endpoint"] = str(endpoint)
        node = self.g.value(service, DCAT.endpointDescription)
        if node is not None:
            description = self.g.value(node, DCT.description)
            dataset_dict["api_description"] = str(description if description is not None else node)
        if "share_methods" not in dataset_dict:  # a foreign service still means an interface
            dataset_dict["share_methods"] = [API_METHOD]

    def _parse_distributions(self, dataset_dict, dataset_ref):
        resources = []
        for distribution in self.g.objects(dataset_ref, DCAT.distribution):
            if _bool(self.g.value(distribution, DZ.serviceOnly)):
                continue
            resources.append((self._order(distribution), self._resource(distribution)))
        resources.sort(key=lambda pair: pair[0])
        dataset_dict["resources"] = [resource for _order, resource in resources]

    def _order(self, distribution) -> tuple:
        order = self.g.value(distribution, DZ.order)
        return (0, int(order), "") if order is not None else (1, 0, str(distribution))

    def _resource(self, distribution) -> dict[str, Any]:
        g = self.g
        stock = getattr(self, "_stock_resources", {}).get(str(distribution)) or {}
        resource: dict[str, Any] = keep.kept_resource_fields(stock)
        resource["uri"] = str(distribution) if isinstance(distribution, URIRef) else ""
        for key, predicate in (("name", DCT.title), ("description", DCT.description)):
            value = g.value(distribution, predicate)
            if value is not None:
                resource[key] = str(value)
        restricted = _bool(g.value(distribution, DZ.restricted))
        url = g.value(distribution, DCAT.downloadURL) or g.value(distribution, DCAT.accessURL)
        resource["url"] = "" if restricted or url is None else str(url)
        fmt = concepts.key_of("format", g.value(distribution, DZ["format"]))
        for value in g.objects(distribution, DCT["format"]):
            fmt = fmt or concepts.key_of("format", value) or formats.canonical(value)
        fmt = fmt or formats.canonical(g.value(distribution, DCAT.mediaType))
        # what the stock parse read (a dct:IMT node's value or label, a literal)
        fmt = fmt or formats.canonical(resource.get("mimetype")) or formats.canonical(
            resource.get("source_format"))
        if fmt:
            resource["format"] = fmt
            resource.pop("source_format", None)
        sample = _bool(g.value(distribution, DZ.collectionSample))
        if sample is not None:
            resource["collection_sample"] = sample
        return resource

