# Routine jobs for developing the template. `make help` lists them.
.DEFAULT_GOAL := help
UV ?= uv
DEST ?= build/demo
# Extra answers for `make render`, e.g. make render ANSWERS="auth=basic metrics=false"
ANSWERS ?=

.PHONY: help install lint format test test-full suite-cost test-fast test-decision test-render test-validators test-generated test-contract test-deploy test-container test-update render bench bench-lambda docker-engine decision-guide

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

install: ## Create .venv with copier, pytest, ruff and the test tools
	$(UV) sync

lint: ## ruff check and format check of the template's own code
	$(UV) run ruff check .
	$(UV) run ruff format --check .

format: ## Fix style and formatting of the template's own code
	$(UV) run ruff check --fix .
	$(UV) run ruff format .

test: ## Every tier but the container one: breadth for every framework, depth for each family
	$(UV) run pytest

test-full: ## For releases: the full cross product for every framework, the covering set, every service on both databases
	TRAILHEAD_FULL=1 $(UV) run pytest

suite-cost: ## Print what `make test` and `make test-container` will run, per framework: today, then projected to the whole catalog
	$(UV) run pytest --collect-only -q -n 0 -m "" --suite-cost | sed -n '/^framework /,$$p'
	@echo "Projected, with every catalog framework generated:"
	TRAILHEAD_ALL_FRAMEWORKS=1 $(UV) run pytest --collect-only -q -n 0 -m "" --suite-cost | sed -n '/^framework /,$$p'

test-fast: ## Decision engine, validators and the render matrix (no installs, no servers)
	$(UV) run pytest tests/test_decision.py tests/test_validators.py tests/test_render.py

test-decision: ## Catalog and decision-engine unit tests
	$(UV) run pytest tests/test_decision.py

test-render: ## Tier 1: render every combination and lint the results
	$(UV) run pytest tests/test_render.py

test-validators: ## Tier 5: bad answers are refused and leave nothing behind
	$(UV) run pytest tests/test_validators.py

test-generated: ## Tier 2: every framework in every auth mode installs and passes its own tests
	$(UV) run pytest tests/test_generated.py

test-contract: ## Tier 3: serve the services for real and hold them to CONTRACT.md
	$(UV) run pytest tests/contract

test-deploy: ## Kubernetes, Lambda and the configuration every deploy target shares
	$(UV) run pytest tests/test_kubernetes.py tests/test_lambda.py tests/test_deploy_config.py

test-container: ## Build each representative's image with a real engine; check it and serve the contract from it (needs docker-engine)
	$(UV) run pytest -m container tests/contract

test-update: ## copier update from each release, with and without user edits
	$(UV) run pytest tests/test_update.py

render: ## Render one project into DEST (default build/demo) with ANSWERS="key=value ..."
	rm -rf $(DEST)
	$(UV) run copier copy --trust --vcs-ref HEAD --defaults --data project_name=Demo \
		$(foreach answer,$(ANSWERS),--data $(answer)) . $(DEST)

decision-guide: ## Rewrite docs/decision-guide.md from the catalog, the weights and the use cases
	$(UV) run python scripts/decision_guide.py

bench: ## Measure the generated service against the bare framework (prints a table)
	$(UV) run python benchmarks/bench.py

bench-lambda: ## Measure the Lambda handler's cold start against the bare framework's
	$(UV) run python benchmarks/cold_import.py

docker-engine: ## Install (as root) and start the Docker engine the container tests use
	tests/support/start-docker-engine.sh
