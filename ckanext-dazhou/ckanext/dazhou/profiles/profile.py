"""`dazhou_dcat_ap`: ckanext-dcat's DCAT-AP 3 profile plus every catalog attribute."""
from __future__ import annotations

from ckanext.dazhou.profiles.parse import DatasetParseSteps
from ckanext.dazhou.profiles.serialize import CatalogGraphSteps, DatasetGraphSteps
from ckanext.dcat.profiles import EuropeanDCATAP3Profile

# keys the stock steps would misread (organization: one organization_show per dataset)
_HANDLED_HERE = ("organization", "issued")


class DazhouDCATAPProfile(DatasetGraphSteps, CatalogGraphSteps, DatasetParseSteps,
                          EuropeanDCATAP3Profile):

    def graph_from_dataset(self, dataset_dict, dataset_ref):
        stock = {k: v for k, v in dataset_dict.items() if k not in _HANDLED_HERE}
        super().graph_from_dataset(stock, dataset_ref)
        self.g.bind("dzv", "https://data.dazhou.gov.cn/vocab/ns#")
        self._graph_from_identity(dataset_dict, dataset_ref)
        self._graph_from_publisher(dataset_dict, dataset_ref)
        self._graph_from_themes(dataset_dict, dataset_ref)
        self._graph_from_eu_codes(dataset_dict, dataset_ref)
        self._graph_from_share(dataset_dict, dataset_ref)
        self._graph_from_data_items(dataset_dict, dataset_ref)
        self._graph_from_distributions(dataset_dict, dataset_ref)
        self._graph_from_api_service(dataset_dict, dataset_ref)

    def graph_from_catalog(self, catalog_dict, catalog_ref):
        super().graph_from_catalog(catalog_dict, catalog_ref)
        self._graph_from_catalog_dazhou(catalog_dict, catalog_ref)

    def parse_dataset(self, dataset_dict, dataset_ref):
        dataset_dict = super().parse_dataset(dataset_dict, dataset_ref)
        dataset_dict["extras"] = []  # the stock extras are all mapped to schema fields below
        self._parse_identity(dataset_dict, dataset_ref)
        self._parse_publisher(dataset_dict, dataset_ref)
        self._parse_themes(dataset_dict, dataset_ref)
        self._parse_eu_codes(dataset_dict, dataset_ref)
        self._parse_share(dataset_dict, dataset_ref)
        self._parse_data_items(dataset_dict, dataset_ref)
        self._parse_api_service(dataset_dict, dataset_ref)
        self._parse_distributions(dataset_dict, dataset_ref)
        for key in ("license_id", "url", "version"):
            if not dataset_dict.get(key):
                dataset_dict.pop(key, None)
        return dataset_dict
