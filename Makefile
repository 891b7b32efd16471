# 达州市公共数据目录. Quick start: `make dev`, then `make test`. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTEST_ARGS ?=

.PHONY: help install services dev test interop-check stop admin deploy-check scaleout-check

help:
	@echo "make dev    install, start PostgreSQL/Redis/Solr/CKAN, load demo data"
	@echo "make test   run the whole test suite against the real services"
	@echo "make interop-check  slow checks against a stock CKAN (not part of make test)"
	@echo "make stop   stop what make dev/make test started"
	@echo "make admin  run the bureau admin app alone in the foreground (127.0.0.1:5050)"
	@echo "make deploy-check  build the production images and check the topology (about 20 min cold, 8-13 warm; docker/)"
	@echo "make scaleout-check  PostgreSQL standby + pgbouncer, Redis Sentinel, 3 ZooKeepers: failovers on loopback (about 1 min)"

install:
	@scripts/install.sh

services: install
	@scripts/services.sh start

dev: services
	@scripts/ckan.sh setup
	@scripts/ckan.sh start
	@scripts/admin.sh start
	@scripts/dev-summary.sh

test: services
	@scripts/ckan.sh init-test-db
	@.venv/bin/pytest -m "not second_site" $(PYTEST_ARGS)

# slow checks beside a stock CKAN (harvesting our feeds; ckanext-dcat's own suite on our profile)
interop-check: services
	@scripts/ckan.sh init-test-db
	@.venv/bin/pytest -m second_site $(PYTEST_ARGS)

stop:
	@scripts/admin.sh stop
	@scripts/ckan.sh stop
	@scripts/services.sh stop

admin: services
	@scripts/admin.sh run

# not part of make test: builds images with podman, runs SolrCloud, stops everything it started
deploy-check: install
	@docker/check/deploy-check.sh

# not part of make test nor deploy-check: no containers, no CKAN; own ports, stops what it started
scaleout-check:
	@nice -n 19 docker/check/scaleout-check.sh
