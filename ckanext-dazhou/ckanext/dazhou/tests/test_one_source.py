"""One data, one source (Art. 14): one authoritative dataset per data item, catalog-wide."""
from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa
from ckan import model
from ckan.plugins import toolkit as tk
from ckan.tests import helpers

from ckanext.dazhou import catalog_sync
from ckanext.dazhou.model import AuthoritativeItem
from ckanext.dazhou.tests.factories import create_dataset, site_context


def item(name, code="", authoritative=True, data_type="C"):
    return {"name": name, "code": code, "data_type": data_type, "length": "18",
            "description": "", "authoritative": authoritative}


def claimed_by() -> dict[str, str]:
    rows = model.Session.execute(sa.select(AuthoritativeItem.identity, AuthoritativeItem.package_id))
    return dict(rows.all())


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "with_request_context")
class TestOneSource:
    def test_second_claim_names_the_owner(self):
        owner = create_dataset(title="达州市人口基础信息库", data_items=[item("公民身份号码", "DE00001")])
        with pytest.raises(tk.ValidationError) as raised:
            create_dataset(data_items=[item("姓名"), item("公民身份号码", "DE00001")])
        message = raised.value.error_dict["data_items"][1]["authoritative"][0]
        assert "达州市人口基础信息库" in message and owner["name"] in message and "第十四条" in message

    def test_identity_is_the_code_when_given_else_the_normalized_name(self):
        create_dataset(data_items=[item("公民身份号码", "de00001"), item(" 户籍 地址 ")])
        with pytest.raises(tk.ValidationError):  # same code, other name
            create_dataset(data_items=[item("身份证号", "DE00001")])
        with pytest.raises(tk.ValidationError):  # same name once spaces are gone
            create_dataset(data_items=[item("户籍地址")])

    def test_non_authoritative_reference_is_allowed(self):
        owner = create_dataset(data_items=[item("公民身份号码", "DE00001")])
        user = create_dataset(data_items=[item("公民身份号码", "DE00001", authoritative=False)])
        assert claimed_by() == {"code:DE00001": owner["id"]}
        assert user["data_items"][0]["authoritative"] is False

    def test_duplicate_claim_inside_one_dataset(self):
        with pytest.raises(tk.ValidationError) as raised:
            create_dataset(data_items=[item("姓名"), item("姓名")])
        assert "重复" in raised.value.error_dict["data_items"][1]["authoritative"][0]

    def test_update_moves_and_releases_claims(self):
        owner = create_dataset(data_items=[item("姓名"), item("性别")])
        helpers.call_action("package_patch", site_context(), id=owner["id"],
                            data_items=[item("姓名")])
        assert claimed_by() == {"name:姓名": owner["id"]}
        other = create_dataset(data_items=[item("性别")])
        assert claimed_by()["name:性别"] == other["id"]

    def test_deleting_a_dataset_releases_its_claims(self):
        owner = create_dataset(data_items=[item("姓名")])
        helpers.call_action("package_delete", site_context(), id=owner["id"])
        assert create_dataset(data_items=[item("姓名")])

    def test_failed_claim_stores_nothing(self):
        create_dataset(data_items=[item("姓名")])
        with pytest.raises(tk.ValidationError):
            create_dataset(name="loser", data_items=[item("性别"), item("姓名")])
        assert "name:性别" not in claimed_by()
        with pytest.raises(tk.ObjectNotFound):
            helpers.call_action("package_show", id="loser")


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
class TestConcurrentClaims:
    def test_parallel_claims_exactly_one_wins(self, monkeypatch):
        """All claimants pass validation before any writes: only the unique key decides."""
        contenders = 4
        barrier = threading.Barrier(contenders, timeout=30)
        real_saved = catalog_sync.dataset_saved

        def saved_after_everyone_validated(pkg_dict):
            barrier.wait()
            real_saved(pkg_dict)

        monkeypatch.setattr(catalog_sync, "dataset_saved", saved_after_everyone_validated)
        from ckanext.dazhou.tests.factories import create_department
        # Different departments: the code sequence row of one department would serialize them.
        org_ids = [create_department()["id"] for _ in range(contenders)]
        results: list[str] = []

        def claim(n):
            try:
                create_dataset(name=f"claimant-{n}", owner_org=org_ids[n],
                               data_items=[item("统一社会信用代码", "DE00101")])
                results.append("won")
            except tk.ValidationError as error:
                assert "data_items" in error.error_dict
                results.append("lost")
            except Exception as error:  # surfaces in the assertion below
                results.append(repr(error))
            finally:
                model.Session.remove()

        threads = [threading.Thread(target=claim, args=(n,)) for n in range(contenders)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert sorted(results) == ["lost"] * (contenders - 1) + ["won"]
        winners = helpers.call_action("package_search", q="name:claimant-*")["results"]
        assert len(winners) == 1
        assert list(claimed_by().values()) == [winners[0]["id"]]
