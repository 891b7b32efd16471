"""SQL statements and Solr queries per page: bounded, and the same with 5 and 50 datasets.

Issue 17: a department user's page cost 118 SQL statements where an anonymous visitor's cost
39, and the dataset page ran 7 Solr queries. Counted at the boundaries (counting.py) against
the real database and Solr.
"""
from __future__ import annotations

import os

import pytest
from ckan.tests import factories, helpers

from ckanext.dazhou.tests.factories import (
    create_dataset, create_department, department_user, site_context)
from ckanext.dazhou.tests.speed.counting import counting

OPEN_TYPES = ("open", "conditional", "closed")
# the signed-in user's constant (token, viewer, grants, header): 9-14 since the header's
# dashboard count takes one question (logic/dashboard_count.py); CKAN's count alone was 8 more
STAFF_EXTRA_SQL = 14
SHARE_TYPES = ("unconditional", "conditional", "none")


def _add_datasets(org: dict, count: int, start: int) -> list[dict]:
    made = []
    for n in range(start, start + count):
        open_type = OPEN_TYPES[n % 3]
        share_type = "none" if open_type == "closed" and n % 2 else SHARE_TYPES[n % 2]
        extra = {}
        if share_type == "conditional":
            extra["share_conditions"] = "仅限政务用途"
        if share_type == "none":
            extra.update(non_share_basis_type="law", non_share_basis="《保守国家秘密法》")
        if open_type == "conditional":
            extra["open_conditions"] = "科研用途，签署协议"
        made.append(create_dataset(owner_org=org["id"], open_type=open_type, share_type=share_type,
                                   **extra,
                                   title=f"达州市人口统计数据{n}", notes="达州市各区县人口统计。",
                                   resources=[{"name": "数据", "format": "csv",
                                               "url": f"https://data.dazhou.gov.cn/f/{n}.csv"}]))
    return made


PAGES = {
    "home": lambda w: "/",
    "search": lambda w: "/dataset/",
    "search_q": lambda w: "/dataset/?q=人口",
    "dataset": lambda w: f"/dataset/{w['dataset']['name']}",
    "organization": lambda w: f"/organization/{w['org']['name']}",
    "api_search": lambda w: "/api/3/action/package_search?q=人口&rows=20",
}


# the bureau's dashboards (Art. 28, 31): set-based over the whole catalog
BUREAU_PAGES = {
    "supervision": lambda w: "/dashboard/supervision",
    "evaluation": lambda w: "/dashboard/evaluation",
}


def measure(app, world, who: str) -> dict[str, tuple[int, int]]:
    headers = {} if who == "anonymous" else {"Authorization": world["tokens"][who]}
    figures = {}
    for page, url_of in (BUREAU_PAGES if who == "bureau" else PAGES).items():
        url = url_of(world)
        app.get(url, headers=headers)  # warm: vocabularies, templates, the department table
        with counting() as counts:
            response = app.get(url, headers=headers)
        assert response.status_code == 200, (page, response.status_code)
        figures[page] = (len(counts.sql), len(counts.solr_queries))
        if os.environ.get("DAZHOU_COUNT_DUMP"):  # what was sent, to find where it comes from
            with open(f"{os.environ['DAZHOU_COUNT_DUMP']}-{who}-{page}.txt", "w") as out:
                out.write("\n\n".join(counts.solr + ["----"] + counts.sql))
    return figures


@pytest.fixture
def world(clean_db, clean_index):
    org = create_department()
    bureau = create_department(name="dz-dsjj")
    other = create_department()
    user = department_user(org, "member")
    bureau_user = department_user(bureau, "member")
    tokens = {"staff": factories.APIToken(user=user["name"])["token"],
              "bureau": factories.APIToken(user=bureau_user["name"])["token"]}
    # both departments from the start: what a page reads depends on whose datasets it shows
    datasets = _add_datasets(org, 3, 0) + _add_datasets(other, 2, 3)
    return {"org": org, "other": other, "user": user, "tokens": tokens, "dataset": datasets[0]}


def test_counts_are_bounded_and_independent_of_catalog_size(app, world):
    small = {who: measure(app, world, who) for who in ("anonymous", "staff", "bureau")}
    _add_datasets(world["org"], 25, 5)
    _add_datasets(world["other"], 20, 30)
    for n in range(3):  # more departments too: lists of departments must not cost a query each
        create_department()
    large = {who: measure(app, world, who) for who in ("anonymous", "staff", "bureau")}
    print("\nSQL statements, Solr queries per page (5 datasets → 50):")
    for who in small:
        for page in small[who]:
            print(f"{who:<10} {page:<13} {small[who][page]} → {large[who][page]}")
    assert small == large
    for who, pages in large.items():
        for page, (_sql, solr) in pages.items():
            assert solr <= 2, (who, page, solr)
    for page in PAGES:  # CKAN's header for a signed-in user, the token, the viewer: a constant
        assert large["staff"][page][0] <= large["anonymous"][page][0] + STAFF_EXTRA_SQL, page


def test_a_membership_change_is_seen_on_the_next_request(app, world):
    """The viewer is cached for one request only: access stays exact."""
    closed = next(d for d in _add_datasets(world["org"], 3, 100) if d["open_type"] == "closed")
    headers = {"Authorization": world["tokens"]["staff"]}
    assert app.get(f"/dataset/{closed['name']}", headers=headers).status_code == 200
    helpers.call_action("organization_member_delete", site_context(), id=world["org"]["id"],
                        username=world["user"]["name"])
    assert app.get(f"/dataset/{closed['name']}", headers=headers).status_code == 404
    helpers.call_action("organization_member_create", site_context(), id=world["org"]["id"],
                        username=world["user"]["name"], role="member")
    assert app.get(f"/dataset/{closed['name']}", headers=headers).status_code == 200
