"""Dataset dict -> graph: the `_graph_from_*` steps of the Dazhou profile."""
from __future__ import annotations

import functools
import re
from typing import Any

import ckan.plugins.toolkit as tk
from ckanext.dazhou.profiles import concepts, departments
from ckanext.dazhou.profiles.namespace import (
    CODED_FIELDS,
    DZ,
    EU_LANGUAGE,
    ITEM_TEXT_FIELDS,
    TEXT_FIELDS,
)
from ckanext.dazhou import formats
from ckanext.dcat.profiles import DCAT, DCT, FOAF, RDF, RDFS, VCARD, XSD
from ckanext.dcat.utils import catalog_uri, resource_uri
from rdflib import BNode, Literal, URIRef

API_METHOD = "api"
IANA_MEDIA_TYPES = "http://www.iana.org/assignments/media-types/"
PUBLIC_OPEN_TYPES = ("open", "conditional")


def landing_page(dataset_dict: dict[str, Any]) -> URIRef:
    return URIRef(f"{catalog_uri()}/dataset/{dataset_dict.get('name') or dataset_dict['id']}")


def service_uri(dataset_ref: URIRef) -> URIRef:
    return URIRef(f"{dataset_ref}#api-service")


def resource_access(dataset_dict: dict[str, Any]) -> bool:
    """False when the caller may not use the resources (the access rules redacted them)."""
    return dataset_dict.get("dazhou_resource_access", True) is not False


def license_uri(dataset_dict: dict[str, Any]) -> URIRef | None:
    """The dataset's licence, or the platform licence for open data (open_license_id)."""
    license_id = dataset_dict.get("license_id")
    if not license_id and dataset_dict.get("open_type") in PUBLIC_OPEN_TYPES:
        license_id = tk.config.get("ckanext.dazhou.open_license_id")
    if not license_id:
        return None
    url = _license_url(str(license_id))
    return URIRef(url) if url else None


@functools.lru_cache(maxsize=64)
def _license_url(license_id: str) -> str:
    from ckan.model.license import LicenseRegister

    found = LicenseRegister().get(license_id)
    return (found.url if found is not None else "") or (
        license_id if license_id.startswith("http") else "")


def is_catalog_record(dataset_dict: dict[str, Any]) -> bool:
    """One of our catalog's records (open_type is required by our schema), not any dict."""
    return bool(dataset_dict.get("open_type"))


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _date(value: str) -> Literal:
    return Literal(str(value)[:10], datatype=XSD.date)


class DatasetGraphSteps:
    g: Any

    def _graph_from_identity(self, dataset_dict, dataset_ref):
        """Our resource code and publication date replace stock's id and creation time; a
        dict without them (not one of our catalog records) keeps what stock wrote."""
        if dataset_dict.get("resource_code"):
            self.g.remove((dataset_ref, DCT.identifier, None))
            self.g.add((dataset_ref, DCT.identifier, Literal(dataset_dict["resource_code"])))
        self.g.add((dataset_ref, DCAT.landingPage, landing_page(dataset_dict)))
        self.g.add((landing_page(dataset_dict), RDF.type, FOAF.Document))
        # the catalog's issue date is when the entry was published, not when the row was made
        if dataset_dict.get("published_date") or is_catalog_record(dataset_dict):
            self.g.remove((dataset_ref, DCT.issued, None))
        if dataset_dict.get("published_date"):
            self.g.add((dataset_ref, DCT.issued, _date(dataset_dict["published_date"])))

    def _graph_from_publisher(self, dataset_dict, dataset_ref):
        department = departments.by_id(dataset_dict.get("owner_org"))
        if department is None:
            return
        ref = URIRef(f"{catalog_uri()}/organization/{department.name}")
        concepts.add_agent(self.g, ref, department.title)
        if department.code:
            self.g.add((ref, DCT.identifier, Literal(department.code)))
            self.g.add((ref, DZ.departmentCode, Literal(department.code)))
        self.g.add((dataset_ref, DCT.publisher, ref))
        self._graph_from_contact(department, ref, dataset_ref)

    def _graph_from_contact(self, department, department_ref, dataset_ref):
        """The department as dcat:contactPoint (vCard): its page, and e-mail/phone if set.
        A harvested record keeps the contact point its source gave (stock extras)."""
        if (dataset_ref, DCAT.contactPoint, None) in self.g:
            return
        contact = URIRef(f"{department_ref}#contact")
        self.g.add((contact, RDF.type, VCARD.Kind))
        self.g.add((contact, RDF.type, VCARD.Organization))
        self.g.add((contact, VCARD.fn, Literal(department.title)))
        self.g.add((contact, VCARD.hasURL, department_ref))
        if department.email:
            self.g.add((contact, VCARD.hasEmail, URIRef(f"mailto:{department.email}")))
        if department.phone:
            self.g.add((contact, VCARD.hasTelephone, URIRef(f"tel:{department.phone}")))
        self.g.add((dataset_ref, DCAT.contactPoint, contact))

    def _graph_from_kept(self, dataset_dict, dataset_ref):
        """Kept stock fields the stock serializer leaves out: a spatial URI without text or
        geometry (it writes dct:spatial only with one of them)."""
        extras = {e.get("key"): e.get("value") for e in dataset_dict.get("extras") or []}
        uri = dataset_dict.get("spatial_uri") or extras.get("spatial_uri")
        if uri and (dataset_ref, DCT.spatial, None) not in self.g:
            self.g.add((dataset_ref, DCT.spatial, URIRef(uri)))
            self.g.add((URIRef(uri), RDF.type, DCT.Location))

    def _graph_from_titles(self, dataset_dict, dataset_ref):
        """Titles and descriptions are Chinese: tagged @zh, so consumers can tell."""
        for key, predicate in (("title", DCT.title), ("notes", DCT.description)):
            text = dataset_dict.get(key)
            if isinstance(text, str) and _CJK.search(text):  # other text keeps stock's literal
                self.g.remove((dataset_ref, predicate, None))
                self.g.add((dataset_ref, predicate, Literal(text, lang="zh")))

    def _graph_from_themes(self, dataset_dict, dataset_ref):
        for key in ("resource_category", "resource_subcategory"):
            ref = concepts.uri_of("resource_category", dataset_dict.get(key))
            if ref is not None:
                self.g.add((dataset_ref, DCAT.theme, ref))
                concepts.add_concept(self.g, "resource_category", dataset_dict[key])
                eu = concepts.eu_uri_of("resource_category", dataset_dict[key])
                if eu is not None:  # the EU data theme, for consumers of the EU table
                    self.g.add((dataset_ref, DCAT.theme, eu))

    def _graph_from_eu_codes(self, dataset_dict, dataset_ref):
        for key, predicate, scheme in (
            ("open_type", DCT.accessRights, "open_type"),
            ("update_cycle", DCT.accrualPeriodicity, "update_cycle"),
        ):
            ref = concepts.eu_uri_of(scheme, dataset_dict.get(key))
            if ref is not None:  # ours replace stock's; without our code stock's stay
                self.g.remove((dataset_ref, predicate, None))
                self.g.add((dataset_ref, predicate, ref))
                concepts.add_concept(self.g, scheme, dataset_dict[key])

    def _graph_from_share(self, dataset_dict, dataset_ref):
        for key, predicate, scheme in CODED_FIELDS:
            ref = concepts.uri_of(scheme, dataset_dict.get(key))
            if ref is not None:
                self.g.add((dataset_ref, predicate, ref))
                concepts.add_concept(self.g, scheme, dataset_dict[key])
        for key, predicate in TEXT_FIELDS:
            if dataset_dict.get(key):
                self.g.add((dataset_ref, predicate, Literal(dataset_dict[key])))
        methods = [m for m in dataset_dict.get("share_methods") or []
                   if concepts.uri_of("share_method", m) is not None]
        if methods:
            for method in methods:
                concepts.add_concept(self.g, "share_method", method)
            self._add_list(dataset_ref, DZ.shareMethods,
                           [concepts.uri_of("share_method", m) for m in methods])
        if dataset_dict.get("cross_department_approval") is not None:
            self.g.add((dataset_ref, DZ.crossDepartmentApproval,
                        Literal(tk.asbool(dataset_dict["cross_department_approval"]))))
        if dataset_dict.get("confidentiality_review_date"):
            self.g.add((dataset_ref, DZ.confidentialityReviewDate,
                        _date(dataset_dict["confidentiality_review_date"])))
        codes = dataset_dict.get("related_resource_codes") or []
        if codes:
            self._add_list(dataset_ref, DZ.relatedResourceCodes, [Literal(c) for c in codes])

    def _graph_from_data_items(self, dataset_dict, dataset_ref):
        nodes = []
        for item in dataset_dict.get("data_items") or []:
            node = BNode()
            self.g.add((node, RDF.type, DZ.DataItem))
            for key, predicate in ITEM_TEXT_FIELDS:
                if item.get(key):
                    self.g.add((node, predicate, Literal(item[key])))
            ref = concepts.uri_of("item_data_type", item.get("data_type"))
            if ref is not None:
                self.g.add((node, DZ.itemDataType, ref))
                concepts.add_concept(self.g, "item_data_type", item["data_type"])
            if item.get("authoritative") is not None:
                self.g.add((node, DZ.authoritative, Literal(tk.asbool(item["authoritative"]))))
            nodes.append(node)
        if nodes:
            self._add_list(dataset_ref, DZ.dataItems, nodes)

    def _graph_from_distributions(self, dataset_dict, dataset_ref):
        usable = resource_access(dataset_dict)
        licence = license_uri(dataset_dict)
        if licence is not None:
            self.g.add((licence, RDF.type, DCT.LicenseDocument))
        for position, resource in enumerate(dataset_dict.get("resources") or []):
            ref = URIRef(resource_uri(resource))
            self.g.add((ref, DZ.order, Literal(position)))
            fmt = resource.get("format")
            if concepts.uri_of("format", fmt) is not None:
                # ours replace the stock triples; a harvested record's unknown format keeps them
                self.g.remove((ref, DCT["format"], None))
                self.g.remove((ref, DCAT.mediaType, None))
                self.g.add((ref, DZ["format"], concepts.uri_of("format", fmt)))
                concepts.add_concept(self.g, "format", fmt)
                eu = concepts.eu_uri_of("format", fmt)
                if eu is not None:
                    self.g.add((ref, DCT["format"], eu))
                media_type = formats.media_type(fmt)
                if media_type:  # IANA, for consumers that read mediaType, not the EU table
                    self._add_media_type(ref, media_type)
            for value in list(self.g.objects(ref, DCAT.mediaType)):
                if isinstance(value, Literal):  # a stored mimetype: DCAT-AP wants the IANA IRI
                    self.g.remove((ref, DCAT.mediaType, value))
                    self._add_media_type(ref, str(value))
            if licence is not None and (ref, DCT.license, None) not in self.g:
                self.g.add((ref, DCT.license, licence))
            if resource.get("collection_sample") is not None:
                self.g.add((ref, DZ.collectionSample,
                            Literal(tk.asbool(resource["collection_sample"]))))
            if not usable or not resource.get("url"):
                # DCAT-AP wants an access URL: where to apply for access, never the data itself
                self.g.remove((ref, DCAT.accessURL, None))
                self.g.remove((ref, DCAT.downloadURL, None))
                self.g.add((ref, DCAT.accessURL, landing_page(dataset_dict)))
                self.g.add((ref, DZ.restricted, Literal(True)))

    def _add_media_type(self, distribution, media_type: str) -> None:
        """`dcat:mediaType <IANA IRI>`, labelled with the type itself: ckanext-dcat reads a
        labelled mediaType as `text/csv` and, finding it in CKAN's resource_formats.json,
        stores the format `CSV`; unlabelled it would store the IRI and the EU file-type URI."""
        iana = URIRef(IANA_MEDIA_TYPES + media_type)
        self.g.add((distribution, DCAT.mediaType, iana))
        self.g.add((iana, RDF.type, DCT.MediaType))
        self.g.add((iana, RDFS.label, Literal(media_type)))

    def _graph_from_api_service(self, dataset_dict, dataset_ref):
        """The `api` share method as a dcat:DataService reached from its distributions."""
        endpoint = dataset_dict.get("api_endpoint")
        description = dataset_dict.get("api_description")
        methods = dataset_dict.get("share_methods") or []
        if API_METHOD not in methods and not (endpoint or description):
            return
        service = service_uri(dataset_ref)
        g = self.g
        g.add((service, RDF.type, DCAT.DataService))
        g.add((service, DCT.title, Literal(f"{dataset_dict.get('title', '')}（接口）")))
        g.add((service, DCAT.servesDataset, dataset_ref))
        for predicate in (DCT.accessRights, DCT.publisher):
            for value in g.objects(dataset_ref, predicate):
                g.add((service, predicate, value))
        if endpoint and resource_access(dataset_dict):
            endpoint_ref = URIRef(endpoint)
        else:
            endpoint_ref = landing_page(dataset_dict)
            g.add((service, DZ.restricted, Literal(True)))
            g.add((service, DZ.hasEndpoint, Literal(bool(endpoint))))
        g.add((service, DCAT.endpointURL, endpoint_ref))
        g.add((endpoint_ref, RDF.type, RDFS.Resource))
        if description:
            # a URL (the landing page shows the description), not a blank node whose id a
            # stock consumer would store as the description
            node = URIRef(f"{landing_page(dataset_dict)}#api-description")
            g.add((node, RDF.type, FOAF.Document))
            g.add((node, RDF.type, RDFS.Resource))
            g.add((node, DCT.description, Literal(description, lang="zh")))
            g.add((service, DCAT.endpointDescription, node))
        distributions = [URIRef(resource_uri(r)) for r in dataset_dict.get("resources") or []
                         if r.get("format") == API_METHOD]
        if not distributions:
            distribution = URIRef(f"{dataset_ref}#api-distribution")
            g.add((dataset_ref, DCAT.distribution, distribution))
            g.add((distribution, RDF.type, DCAT.Distribution))
            g.add((distribution, DCAT.accessURL, next(g.objects(service, DCAT.endpointURL))))
            g.add((distribution, DZ.serviceOnly, Literal(True)))
            distributions = [distribution]
        for distribution in distributions:
            g.add((distribution, DCAT.accessService, service))

    def _add_list(self, subject, predicate, values):
        """An rdf:List written directly (rdflib's Collection re-reads the graph per item)."""
        values = list(values)
        nodes = [BNode() for _value in values]
        self.g.add((subject, predicate, nodes[0] if nodes else RDF.nil))
        for index, (node, value) in enumerate(zip(nodes, values, strict=True)):
            self.g.add((node, RDF.first, value))
            self.g.add((node, RDF.rest, nodes[index + 1] if index + 1 < len(nodes) else RDF.nil))


class CatalogGraphSteps:
    g: Any

    def _graph_from_catalog_dazhou(self, catalog_dict, catalog_ref):
        g = self.g
        g.bind("dzv", DZ)
        if not (catalog_dict or {}).get("language") and str(
                tk.config.get("ckan.locale_default") or "").lower().startswith("zh"):
            # stock writes the locale (`zh_Hans_CN`) as a literal; DCAT-AP wants the EU IRI.
            # A language the caller gave, or another locale, stays as stock wrote it.
            g.remove((catalog_ref, DCT.language, None))
            g.add((catalog_ref, DCT.language, EU_LANGUAGE.ZHO))
            concepts.add_eu_concept(g, EU_LANGUAGE.ZHO, {"zh": "中文", "en": "Chinese"})
        if (catalog_ref, DCT.description, None) not in g:  # mandatory in DCAT-AP
            g.add((catalog_ref, DCT.description,
                   Literal(tk.config.get("ckan.site_title") or catalog_uri())))
        for homepage in g.objects(catalog_ref, FOAF.homepage):
            g.add((homepage, RDF.type, FOAF.Document))
        bureau = departments.by_name(tk.config.get("ckanext.dazhou.bureau_org"))
        publisher = URIRef(f"{catalog_uri()}/organization/{bureau.name}" if bureau
                           else f"{catalog_uri()}#publisher")
        concepts.add_agent(g, publisher, bureau.title if bureau
                           else tk.config.get("ckan.site_title") or catalog_uri())
        g.add((catalog_ref, DCT.publisher, publisher))
