"""The framework catalog: one entry of facts per web framework Trailhead knows about.

The decision engine (decision.py) reads only these facts, so a change of opinion about a
framework is a change here, not in the rules. Sources: the framework comparison articles
in the project's research notes (feature tables, use-case tables) and the throughput
measured on this project's build machine (`health_rps`, the best row per framework).
"""

from __future__ import annotations

from dataclasses import dataclass, field

INTERFACES = ("asgi", "wsgi", "own")
CONCURRENCY_MODELS = ("async", "sync", "both")
OPENAPI_SUPPORT = ("builtin", "extension", "none")
ORMS = ("sqlalchemy", "django")
LAMBDA_ADAPTERS = ("mangum", "apig-wsgi", "")
MATURITY_LEVELS = ("established", "growing", "young")
TRENDS = ("rising", "stable", "declining", "")
LEARNING_CURVES = ("easy", "medium", "hard")
# What the team already writes: the `experience` question's values and labels. A family
# shares one (Django's two frameworks; FastAPI and the Starlette it stands on; Flask and
# Quart, its async twin); every other framework is its own.
EXPERIENCE_LABELS: dict[str, str] = {
    "none": "None in particular",
    "django": "Django (Django REST Framework, Django Ninja)",
    "flask": "Flask (or Quart)",
    "fastapi": "FastAPI or Starlette",
    "litestar": "Litestar",
    "falcon": "Falcon",
    "blacksheep": "BlackSheep",
    "aiohttp": "aiohttp",
    "sanic": "Sanic",
    "tornado": "Tornado",
    "robyn": "Robyn",
}
EXPERIENCES = tuple(EXPERIENCE_LABELS)


# The source of the Django frameworks' WebSocket extension, which both entries cite.
CHANNELS_SOURCE = (
    "no article states it; Django Channels' documentation: WebSocket consumers for Django "
    "projects, under an ASGI server"
)

# Pins that several entries below share, written once.
# uvicorn with its C parser (httptools, which http_protocol.py's class builds on) and uvloop.
UVICORN = (
    "uvicorn==0.54.0",
    "uvloop==0.23.0; sys_platform != 'win32'",
    "httptools==0.9.0",
)
UVICORN_IMPORT_NAMES = ("uvicorn", "uvloop", "httptools")
# `make dev` of an ASGI service whose app factory uvicorn serves.
UVICORN_DEV_COMMAND = (
    "uvicorn {package}.web.app:create_app --factory --reload --host {host} --port {port}"
)
# Starlette's form parser, for the OAuth2 token request's form (FastAPI's form dependencies,
# Starlette's `request.form()`).
PYTHON_MULTIPART = "python-multipart==0.0.34"
PYTHON_MULTIPART_IMPORT_NAMES = ("multipart", "python_multipart")
# The WSGI frameworks under uvicorn: a2wsgi runs the WSGI app in a pool of WEB_THREADS
# threads (wsgi_server.py reads the body on the event loop first).
A2WSGI = "a2wsgi==1.10.10"
# Not a generated project's dependency: benchmarks/bench.py serves the bare WSGI apps with
# gunicorn's sync worker, installed into the project's environment for that.
GUNICORN = "gunicorn==27.0.1"
ALEMBIC = "alembic==1.20.1"
# The BlackSheep web layer's folder, which its entry's sources cite.
BLACKSHEEP_WEB = "template/src/{{package_name}}/{{web_layer.blacksheep}}"
SQLALCHEMY_VERSION = "2.1.9"
PSYCOPG_VERSION = "3.3.9"


@dataclass(frozen=True)
class Framework:
    """Facts about one framework; the allowed values of each field are the tuples above."""

    key: str
    name: str
    generated: bool  # the template can generate a service with it today
    interface: str  # "own": ships its own server instead of speaking ASGI or WSGI
    concurrency: str  # "both": first-class sync and async handlers
    server: str  # production server package the generated service runs under
    openapi: str  # how the service gets /openapi.json and /docs
    websockets: bool  # built in
    orms: tuple[str, ...]  # ORMs this template pairs it with
    lambda_adapter: str  # in-process AWS Lambda adapter; "" when there is none
    maturity: str
    first_release: int
    summary: str
    strengths: tuple[str, ...]
    weaknesses: tuple[str, ...]
    dependencies: tuple[str, ...] = ()  # pinned requirements of a generated project
    # What the production server (serve.py) loads, from the service's package: an app
    # factory it calls when `app_factory`, else the ASGI or WSGI application itself.
    app: str = "web.app:create_app"
    app_factory: bool = True
    distribution: str = ""  # its name on PyPI, where that is not the key
    health_rps: int = 0  # bare GET /health req/s measured here; 0 when not measured
    import_ms: int = 0  # the bare framework's import, measured here: a Lambda cold start's floor
    peak_rss_mib: int = 0  # the bare framework's peak resident memory, one worker, measured here
    # The framework and its server installed, in MiB: what it adds to an image.
    install_mib: int = 0
    # The async database access it is paired with here ("" where the service is synchronous).
    async_orm: str = ""
    # The kept extension that adds WebSockets where they are not built in ("" if none).
    websockets_extension: str = ""
    # The generated service's req/s (benchmarks/bench.py, PostgreSQL, one worker on one
    # core): the authenticated items list and /health; 0 where it is not generated.
    service_items_rps: int = 0
    service_health_rps: int = 0
    typed_validation: bool = False  # request validation and schemas derived from type hints
    batteries_included: bool = False  # admin, auth, permissions, ORM and migrations in the box
    # Gives a large codebase its layout, the same in every project: viewsets, controllers.
    enforces_structure: bool = False
    realtime_focus: bool = False  # designed around long-lived connections (WebSockets, polling)
    auth_helpers: bool = False  # ships auth schemes, guards or classes the auth hook plugs into
    learning_curve: str = "medium"
    # Where its community is heading (TRENDS); "" where no source says.
    trend: str = ""
    # The `experience` answers (EXPERIENCES) of teams that already write its idiom.
    familiar_to: tuple[str, ...] = ()
    # The generated service's own model, where it is narrower than the framework's.
    generated_concurrency: str = ""
    # Its docs pages load Swagger UI from files the framework ships, so the project needs no
    # other copy of them (the "docs" dependency group).
    bundles_docs_assets: bool = False
    # The top-level modules its dependencies install: a package_name equal to one would
    # shadow it and break the service at import time.
    import_names: tuple[str, ...] = ()
    # `make dev`: its auto-reloading development server, with {package}, {host} and {port}
    # where the service's package and address go.
    dev_command: str = ""
    # What its web-layer folder holds, as the generated README lists it.
    web_layout: str = ""
    # Calls its idiom puts in argument defaults (dependency markers), which ruff's bugbear
    # rule B008 must accept.
    immutable_calls: tuple[str, ...] = ()
    # Where each fact the engine scores or refuses by comes from, keyed by field name, one
    # line each: a verbatim quote of a comparison article (its file name in the research
    # notes' seeds), a measurement here, the generated file, or why no article has it.
    sources: dict[str, str] = field(default_factory=dict)


_FRAMEWORK_LIST = (
    Framework(
        key="fastapi",
        name="FastAPI",
        familiar_to=("fastapi",),
        generated=True,
        interface="asgi",
        concurrency="async",
        server="uvicorn",
        openapi="builtin",
        websockets=True,
        orms=("sqlalchemy",),
        lambda_adapter="mangum",
        maturity="growing",
        trend="rising",
        first_release=2018,
        summary=(
            "Async-first ASGI framework on Starlette and Pydantic that validates requests "
            "and writes the OpenAPI document from the handlers' type hints."
        ),
        strengths=(
            "request validation and OpenAPI docs generated from type hints",
            "dependency injection, which carries the auth hook",
            "a large and fast-growing community",
            "runs on AWS Lambda through Mangum",
        ),
        weaknesses=(
            "blocking calls must stay off the event loop or go to the thread pool",
            "no admin, ORM or migrations of its own",
            "slower than the bare ASGI stacks under it: 13.6k req/s here against 36.0k "
            "for Starlette",
        ),
        dependencies=(
            "fastapi==0.163.2",
            *UVICORN,
            PYTHON_MULTIPART,
        ),
        health_rps=13_576,
        import_ms=237,
        peak_rss_mib=52,
        install_mib=30,
        async_orm="SQLAlchemy 2's asyncio layer (asyncpg, aiosqlite)",
        service_items_rps=379,
        service_health_rps=7_425,
        typed_validation=True,
        auth_helpers=True,
        import_names=(
            "fastapi",
            "starlette",
            *UVICORN_IMPORT_NAMES,
            *PYTHON_MULTIPART_IMPORT_NAMES,
        ),
        dev_command=UVICORN_DEV_COMMAND,
        web_layout=(
            "app factory (`app.py`), auth dependencies (`auth.py`), error handlers "
            "(`problems.py`), one router per resource (`routes/`)"
        ),
        immutable_calls=("fastapi.Depends", "fastapi.Query", "fastapi.Path", "fastapi.Security"),
        sources={
            "interface": (
                '003_56b114c1d138fe69.txt: "FastAPI is built on the Asynchronous Server Gateway '
                'Interface (ASGI)"; 004_9c54e0ee04fd6890.txt: "Async Architecture | ASGI native |"'
            ),
            "concurrency": (
                '000_1f47f73c3756f08d.txt: "FastAPI’s design is also async-first"; '
                '002_a3a6667127a13c5d.txt: "It\'s asynchronous from the ground up"; but '
                '003_56b114c1d138fe69.txt adds: "Fully supports both async and sync code." (its '
                "plain def handlers run in a thread pool)"
            ),
            "openapi": (
                '003_56b114c1d138fe69.txt: "Yes (Swagger/OpenAPI & ReDoc by default)."; '
                '004_9c54e0ee04fd6890.txt: "OpenAPI 3.0 Support | Built-in, automatic |"'
            ),
            "websockets": (
                '002_a3a6667127a13c5d.txt: "High-concurrency, I/O-bound tasks (e.g., '
                'microservices, WebSockets, streaming)."; 004_9c54e0ee04fd6890.txt: "FastAPI: '
                '3,200 concurrent connections" (under WebSocket Connections)'
            ),
            "maturity": (
                '002_a3a6667127a13c5d.txt: "Modern, rapidly growing, excellent official '
                'documentation."; 003_56b114c1d138fe69.txt: "The ecosystem is still in its infant '
                'stage so this is to be expected."'
            ),
            "trend": (
                '004_9c54e0ee04fd6890.txt: "Community Growth | Fastest growing (38% in 2025) |"'
            ),
            "learning_curve": (
                '003_56b114c1d138fe69.txt: "Medium. Requires comfortable Python knowledge and an '
                'understanding of asynchronous programming"'
            ),
            "typed_validation": (
                '001_63b7ae642f92eb2c.txt: "Type hinting integration: Leverages Python’s type '
                'hints for automatic request validation and documentation."'
            ),
            "auth_helpers": (
                '003_56b114c1d138fe69.txt: "It has security utilities in fastapi.security that '
                'integrate directly with FastAPI’s dependency injection."; '
                '004_9c54e0ee04fd6890.txt: "Native JWT/OAuth2 support"; 002_a3a6667127a13c5d.txt '
                'disagrees: "Flexible; requires implementing your own security schemes."'
            ),
            "familiar_to": (
                'its own idiom; 000_1f47f73c3756f08d.txt: "If your team has extensive experience '
                'with one framework, that might be your go-to for creating a REST API."'
            ),
            "lambda_adapter": (
                '004_9c54e0ee04fd6890.txt: "Lambda Adapter | Mangum (seamless) |"; as generated: '
                "template/src/{{package_name}}/lambda_mangum.py"
            ),
            "health_rps": (
                'measured here: ../FACTS.md, bare frameworks, one worker on one core, row "FastAPI '
                '+ uvicorn": 13,576 req/s on GET /health'
            ),
            "import_ms": (
                'measured here: ../FACTS.md, bare frameworks, one worker on one core, row "FastAPI '
                '+ uvicorn": import 237 ms'
            ),
            "peak_rss_mib": (
                "measured here: ../FACTS.md, bare frameworks, one worker on one core, "
                'row "FastAPI + uvicorn": peak RSS 52 MiB'
            ),
            "install_mib": (
                "measured here: the framework and its server installed by uv into an empty "
                "Python 3.12 virtual environment, size of site-packages (2026-12-07): "
                "fastapi==0.163.2 uvicorn==0.54.0 uvloop==0.23.0 httptools==0.9.0"
            ),
            "async_orm": (
                "as generated: template/src/{{package_name}}/database.py.jinja, the async "
                "engine the FastAPI service uses"
            ),
            "service_items_rps": (
                "measured here: docs/benchmarks.md, "
                '"The four generated services side by side (2026-12-07)": '
                "GET /api/v1/items, 379 req/s"
            ),
            "service_health_rps": (
                "measured here: docs/benchmarks.md, "
                '"The four generated services side by side (2026-12-07)": '
                "GET /health, 7,425 req/s"
            ),
        },
    ),
    Framework(
        key="drf",
        name="Django REST Framework",
        familiar_to=("django",),
        generated=True,
        interface="wsgi",
        concurrency="sync",
        # uvicorn with the service's protocol class, the WSGI app in a2wsgi's thread pool:
        # gunicorn's gthread worker read requests in threads with no read timeout, so a few
        # slow clients stopped it (docs/decisions.md, 36).
        server="uvicorn",
        openapi="extension",
        websockets=False,
        websockets_extension="Django Channels",
        orms=("django",),
        lambda_adapter="apig-wsgi",
        maturity="established",
        trend="stable",
        first_release=2011,
        summary=(
            "Django add-on for APIs: serializers, viewsets, authentication classes and "
            "permissions on top of Django's ORM, admin and migrations."
        ),
        strengths=(
            "Django's admin, users, ORM and migrations in the box",
            "authentication classes, permissions and throttling ready to use",
            "the longest track record and the largest pool of experienced developers",
            "strong conventions: DRF codebases look alike, which eases onboarding",
        ),
        weaknesses=(
            "views are synchronous; DRF itself has no async handlers",
            "OpenAPI docs need drf-spectacular",
            "the slowest and heaviest stack measured here: 3.0k req/s, 71 MiB",
            "a steep learning curve: Django's conventions first, then DRF's",
        ),
        dependencies=(
            "djangorestframework==3.18.3",
            "drf-spectacular==0.30.0",
            *UVICORN,
            A2WSGI,
        ),
        health_rps=3_005,
        import_ms=215,
        peak_rss_mib=71,
        install_mib=64,
        service_items_rps=262,
        service_health_rps=2_234,
        distribution="djangorestframework",
        app="config.wsgi:application",
        app_factory=False,
        batteries_included=True,
        enforces_structure=True,
        auth_helpers=True,
        learning_curve="hard",
        import_names=("rest_framework", "drf_spectacular", *UVICORN_IMPORT_NAMES, "a2wsgi"),
        dev_command="python manage.py runserver {host}:{port}",
        web_layout=(
            "its settings (`settings.py`) and URLs (`urls.py`), serializers, views, "
            "authentication and permission classes, pagination and the problem+json "
            "exception handler"
        ),
        sources={
            "interface": (
                '002_a3a6667127a13c5d.txt: "Synchronous (WSGI), solid but not built for peak '
                'speed."; 001_63b7ae642f92eb2c.txt: "Django REST (WSGI) | 3,892 |"; '
                '004_9c54e0ee04fd6890.txt calls Django a "WSGI/ASGI hybrid", but DRF\'s views are '
                "synchronous"
            ),
            "concurrency": (
                '000_1f47f73c3756f08d.txt: "When it comes to async support, DRF does not currently '
                'support async functionality."; 004_9c54e0ee04fd6890.txt lists Django\'s "Async '
                "views (Django 3.0+)\", which DRF's views do not use"
            ),
            "openapi": (
                '003_56b114c1d138fe69.txt: "No (requires popular community packages like drf-yasg '
                'or drf-spectacular)."; 004_9c54e0ee04fd6890.txt: "Via drf-spectacular"; as '
                "generated: template/src/{{package_name}}/{{web_layer.drf}}/urls.py.jinja "
                "(drf-spectacular's views)"
            ),
            "websockets": (
                "not built in: 004_9c54e0ee04fd6890.txt reaches them only through the Channels "
                'add-on: "Django Channels: 1,800 concurrent connections"; '
                '001_63b7ae642f92eb2c.txt: "WSGI Frameworks: Traditional synchronous frameworks '
                'like Flask and Django (without channels)."'
            ),
            "maturity": (
                '000_1f47f73c3756f08d.txt: "Django is the most mature Python framework"; '
                '002_a3a6667127a13c5d.txt: "Very mature, massive community, extensive '
                'documentation."'
            ),
            "trend": (
                '004_9c54e0ee04fd6890.txt: "Community Growth | Fastest growing (38% in 2025) | '
                'Stable |" (the Django REST column)'
            ),
            "learning_curve": (
                '003_56b114c1d138fe69.txt: "Hard. Built atop Django, requiring mastery of Django’s '
                'conventions and ORM before tackling DRF’s specific abstractions."; '
                '002_a3a6667127a13c5d.txt disagrees for a data-centric beginner: "can be a '
                'surprisingly smooth ride"'
            ),
            "batteries_included": (
                '003_56b114c1d138fe69.txt: "The enterprise choice due to its feature-packed, '
                'standardized approach (security, ORM, admin)"; 004_9c54e0ee04fd6890.txt: '
                '"Built-in admin panel"'
            ),
            "enforces_structure": (
                '003_56b114c1d138fe69.txt: "DRF’s strictness is an advantage because it enforces a '
                'consistent structure for your API endpoints, data validation, and authentication"'
            ),
            "auth_helpers": (
                '001_63b7ae642f92eb2c.txt: "Comprehensive authentication: Built-in support for '
                'multiple auth methods"; 003_56b114c1d138fe69.txt: "It supports multiple '
                'authentication classes out of the box."'
            ),
            "familiar_to": (
                '004_9c54e0ee04fd6890.txt: "Team familiar with Django"; 001_63b7ae642f92eb2c.txt: '
                '"DRF remains the best choice for projects already using Django"'
            ),
            "lambda_adapter": (
                "as generated: template/src/{{package_name}}/lambda_apig_wsgi.py.jinja; "
                '004_9c54e0ee04fd6890.txt names other WSGI adapters: "Zappa/django-lambda"'
            ),
            "health_rps": (
                'measured here: ../FACTS.md, bare frameworks, one worker on one core, row "DRF + '
                'gunicorn sync": 3,005 req/s on GET /health'
            ),
            "import_ms": (
                'measured here: ../FACTS.md, bare frameworks, one worker on one core, row "DRF + '
                'gunicorn sync": import 215 ms'
            ),
            "peak_rss_mib": (
                "measured here: ../FACTS.md, bare frameworks, one worker on one core, "
                'row "DRF + gunicorn sync": peak RSS 71 MiB'
            ),
            "install_mib": (
                "measured here: the framework and its server installed by uv into an empty "
                "Python 3.12 virtual environment, size of site-packages (2026-12-07): "
                "django==5.2.19 djangorestframework==3.18.3 uvicorn==0.54.0 "
                "uvloop==0.23.0 httptools==0.9.0 a2wsgi==1.10.10"
            ),
            "async_orm": (
                "as generated: synchronous views on the Django ORM; DRF has no async views"
            ),
            "websockets_extension": CHANNELS_SOURCE,
            "service_items_rps": (
                "measured here: docs/benchmarks.md, "
                '"The four generated services side by side (2026-12-07)": '
                "GET /api/v1/items, 262 req/s"
            ),
            "service_health_rps": (
                "measured here: docs/benchmarks.md, "
                '"The four generated services side by side (2026-12-07)": '
                "GET /health, 2,234 req/s"
            ),
        },
    ),
    Framework(
        key="flask",
        name="Flask",
        familiar_to=("flask",),
        generated=True,
        interface="wsgi",
        concurrency="sync",
        server="uvicorn",
        openapi="extension",
        websockets=False,
        websockets_extension="flask-sock",
        orms=("sqlalchemy",),
        lambda_adapter="apig-wsgi",
        maturity="established",
        trend="stable",
        first_release=2010,
        summary=(
            "Minimal WSGI microframework: routing and a request context, with validation, "
            "auth and docs added as extensions the team picks."
        ),
        strengths=(
            "the smallest API to learn; quick to prototype in",
            "a vast, mature extension ecosystem",
            "plain synchronous code that is easy to follow and debug",
        ),
        weaknesses=(
            "validation, auth and OpenAPI come from extensions (Trailhead generates APIFlask)",
            "async views still hold a worker thread for the whole request",
            "no enforced structure, so large teams drift apart",
        ),
        dependencies=(
            "flask==3.1.3",
            "apiflask==3.1.2",
            "flask-cors==6.0.5",
            *UVICORN,
            A2WSGI,
        ),
        health_rps=4_821,
        import_ms=116,
        peak_rss_mib=55,
        install_mib=22,
        service_items_rps=386,
        service_health_rps=2_346,
        learning_curve="easy",
        # As generated: APIFlask validates with the shared pydantic schemas and brings its
        # auth classes and OpenAPI document.
        typed_validation=True,
        auth_helpers=True,
        import_names=("flask", "apiflask", "flask_cors", *UVICORN_IMPORT_NAMES, "a2wsgi"),
        dev_command="flask --app {package}.web.app run --reload --host {host} --port {port}",
        web_layout=(
            "app factory (`app.py`), auth decorators (`auth.py`), error handlers "
            "(`problems.py`), one blueprint per resource (`routes/`)"
        ),
        sources={
            "interface": (
                '002_a3a6667127a13c5d.txt: "Frameworks like Django and Flask are built on WSGI."; '
                '003_56b114c1d138fe69.txt: "Standard Python API deployment with a WSGI server '
                '(e.g., Gunicorn)."'
            ),
            "concurrency": (
                '003_56b114c1d138fe69.txt: "Flask is also synchronous by default"; '
                '004_9c54e0ee04fd6890.txt: "No built-in async"; 003_56b114c1d138fe69.txt allows: '
                '"though modern versions support async/await (requires proper server '
                'configuration)"'
            ),
            "openapi": (
                '001_63b7ae642f92eb2c.txt: "Flask-APISpec: Adds OpenAPI specification support"; '
                '004_9c54e0ee04fd6890.txt: "Extension needed"; as generated: APIFlask, '
                "template/src/{{package_name}}/{{web_layer.flask}}/app.py.jinja"
            ),
            "websockets": (
                "not built in: 004_9c54e0ee04fd6890.txt reaches them only through an extension: "
                '"Flask-SocketIO: 2,100 concurrent connections"'
            ),
            "maturity": (
                '003_56b114c1d138fe69.txt: "Mature. Has a huge, established ecosystem and a rich '
                'history of extensions."'
            ),
            "trend": (
                '004_9c54e0ee04fd6890.txt: "Community Growth | Fastest growing (38% in 2025) | '
                'Stable | Stable |" (the Flask column)'
            ),
            "learning_curve": (
                '003_56b114c1d138fe69.txt: "Easy. If you know Python, the transition is '
                'straightforward; it’s the simplest to start with."; 004_9c54e0ee04fd6890.txt: '
                '"Minimal learning curve"'
            ),
            "typed_validation": (
                "as generated: "
                "template/src/{{package_name}}/{{web_layer.flask}}/routes/items.py.jinja (APIFlask "
                "validates the shared pydantic schemas); the articles speak of bare Flask, which "
                'has none: 003_56b114c1d138fe69.txt: "Flask does not perform automatic validation"'
            ),
            "auth_helpers": (
                "as generated: template/src/{{package_name}}/{{web_layer.flask}}/auth.py.jinja "
                "(APIFlask's HTTPBasicAuth, APIKeyHeaderAuth, HTTPTokenAuth); bare Flask has none: "
                '003_56b114c1d138fe69.txt: "Here, there is no built-in authentication, but Flask '
                'supports a number of extensions you could use."'
            ),
            "familiar_to": (
                'its own idiom; 000_1f47f73c3756f08d.txt: "If your team has extensive experience '
                'with one framework, that might be your go-to for creating a REST API."'
            ),
            "lambda_adapter": (
                "as generated: template/src/{{package_name}}/lambda_apig_wsgi.py.jinja; "
                '004_9c54e0ee04fd6890.txt names another WSGI adapter: "Serverless-wsgi"'
            ),
            "health_rps": (
                'measured here: ../FACTS.md, bare frameworks, one worker on one core, row "Flask + '
                'gunicorn gthread ×4": 4,821 req/s on GET /health (the best Flask row)'
            ),
            "import_ms": (
                'measured here: ../FACTS.md, bare frameworks, one worker on one core, row "Flask + '
                'gunicorn sync": import 116 ms (the gthread row that health_rps takes measured 128 '
                "ms)"
            ),
            "peak_rss_mib": (
                "measured here: ../FACTS.md, bare frameworks, one worker on one core, "
                'row "Flask + gunicorn sync": peak RSS 55 MiB'
            ),
            "install_mib": (
                "measured here: the framework and its server installed by uv into an empty "
                "Python 3.12 virtual environment, size of site-packages (2026-12-07): "
                "flask==3.1.3 uvicorn==0.54.0 uvloop==0.23.0 httptools==0.9.0 a2wsgi==1.10.10"
            ),
            "async_orm": (
                "as generated: SQLAlchemy's synchronous Session (Flask's async views would "
                "still hold a worker thread)"
            ),
            "websockets_extension": (
                "no article states it; flask-sock's documentation: WebSocket routes "
                "for Flask on a threaded WSGI server"
            ),
            "service_items_rps": (
                "measured here: docs/benchmarks.md, "
                '"The four generated services side by side (2026-12-07)": '
                "GET /api/v1/items, 386 req/s"
            ),
            "service_health_rps": (
                "measured here: docs/benchmarks.md, "
                '"The four generated services side by side (2026-12-07)": '
                "GET /health, 2,346 req/s"
            ),
        },
    ),
    Framework(
        key="tornado",
        name="Tornado",
        familiar_to=("tornado",),
        generated=False,
        interface="own",
        concurrency="async",
        server="tornado",
        openapi="none",
        websockets=True,
        orms=("sqlalchemy",),
        lambda_adapter="",
        maturity="established",
        trend="declining",
        first_release=2009,
        summary=(
            "Veteran non-blocking web server and framework in one, built for long-lived "
            "connections such as WebSockets and long polling."
        ),
        strengths=(
            "WebSockets and long polling are native",
            "its own event-loop server; nothing else to deploy",
            "the smallest memory footprint measured here: 28 MiB",
        ),
        weaknesses=(
            "no OpenAPI generation",
            "little built in for validation or authentication",
            "no in-process AWS Lambda adapter",
            "a shrinking community, and 6.6k req/s here",
        ),
        health_rps=6_622,
        import_ms=87,
        peak_rss_mib=28,
        install_mib=3,
        async_orm="SQLAlchemy 2's asyncio layer (asyncpg, aiosqlite)",
        realtime_focus=True,
        learning_curve="hard",
        sources={
            "interface": (
                'no article calls it ASGI or WSGI: 004_9c54e0ee04fd6890.txt: "Event-driven '
                '(asyncio)", and its example serves itself: "app.listen(8888)"'
            ),
            "concurrency": (
                '000_1f47f73c3756f08d.txt: "Tornado is a lightweight framework built entirely '
                'around asynchronous programming"'
            ),
            "openapi": '004_9c54e0ee04fd6890.txt: "No OpenAPI support"',
            "websockets": '004_9c54e0ee04fd6890.txt: "Native WebSocket support"',
            "maturity": (
                '004_9c54e0ee04fd6890.txt: "Mature framework" and "Released: 2009 (from '
                'FriendFeed/Facebook)"'
            ),
            "trend": (
                '004_9c54e0ee04fd6890.txt: "Declining popularity" and "Declining community and '
                'ecosystem"'
            ),
            "learning_curve": (
                '004_9c54e0ee04fd6890.txt: "Steeper learning curve"; 000_1f47f73c3756f08d.txt '
                'finds frameworks like it "provide a more intuitive coding experience for async '
                'tasks"'
            ),
            "realtime_focus": (
                '004_9c54e0ee04fd6890.txt: "Best For: Real-time applications, WebSockets, long '
                'polling"; 000_1f47f73c3756f08d.txt: "Real-time application | WebSocket support, '
                'low latency | Tornado, Sanic |"'
            ),
            "familiar_to": (
                'its own idiom; 000_1f47f73c3756f08d.txt: "If your team has extensive experience '
                'with one framework, that might be your go-to for creating a REST API."; '
                '004_9c54e0ee04fd6890.txt: "Legacy Tornado codebase"'
            ),
            "lambda_adapter": (
                'none: 004_9c54e0ee04fd6890.txt gives its Lambda adapter as "Complex workarounds" '
                'and its event support as "Not designed for Lambda"'
            ),
            "health_rps": (
                "measured here: ../FACTS.md, bare frameworks, one worker on one core, row "
                '"Tornado": 6,622 req/s on GET /health'
            ),
            "import_ms": (
                "measured here: ../FACTS.md, bare frameworks, one worker on one core, row "
                '"Tornado": import 87 ms'
            ),
            "peak_rss_mib": (
                "measured here: ../FACTS.md, bare frameworks, one worker on one core, "
                'row "Tornado": peak RSS 28 MiB'
            ),
            "install_mib": (
                "measured here: the framework and its server installed by uv into an empty "
                "Python 3.12 virtual environment, size of site-packages (2026-12-07): "
                "tornado==6.6.1"
            ),
            "async_orm": (
                "no article states it; the framework's handlers are coroutines, which await "
                "SQLAlchemy's asyncio session"
            ),
        },
    ),
    Framework(
        key="litestar",
        name="Litestar",
        familiar_to=("litestar",),
        generated=True,
        interface="asgi",
        concurrency="async",
        server="uvicorn",
        openapi="builtin",
        websockets=True,
        orms=("sqlalchemy",),
        lambda_adapter="mangum",
        maturity="growing",
        first_release=2021,
        summary=(
            "ASGI framework with typed handlers, dependency injection, guards and a "
            "first-class SQLAlchemy plugin; called Starlite until 2023."
        ),
        strengths=(
            "validation and OpenAPI docs derived from type hints",
            "guards and built-in JWT security backends",
            "a first-class SQLAlchemy integration",
            "faster than FastAPI here: 22.8k req/s",
        ),
        weaknesses=(
            "a smaller community than FastAPI's",
            "the slowest import measured here (294 ms), which lengthens Lambda cold starts",
        ),
        dependencies=("litestar==2.25.0", *UVICORN),
        health_rps=22_783,
        import_ms=294,
        peak_rss_mib=53,
        install_mib=52,
        async_orm="SQLAlchemy 2's asyncio layer (asyncpg, aiosqlite)",
        typed_validation=True,
        enforces_structure=True,
        auth_helpers=True,
        import_names=(
            "litestar",
            "msgspec",
            "multidict",
            "multipart",
            "yaml",
            *UVICORN_IMPORT_NAMES,
        ),
        dev_command=(
            "uvicorn {package}.web.app:create_app --factory --reload --host {host} --port {port}"
        ),
        web_layout=(
            "app factory (`app.py`), dependency providers (`dependencies.py`), the "
            "authentication middleware and guards, exception handlers (`problems.py`), one "
            "controller per resource (`routes/`)"
        ),
        sources={
            "interface": (
                '001_63b7ae642f92eb2c.txt: "Litestar is a powerful ASGI framework that has gained '
                'significant traction in recent years."'
            ),
            "concurrency": (
                '001_63b7ae642f92eb2c.txt: "ASGI Frameworks: Modern asynchronous frameworks like '
                'FastAPI, Litestar, and Starlette."'
            ),
            "openapi": (
                '001_63b7ae642f92eb2c.txt: "Type safety: Strict typing enforcement helps catch '
                'errors early and enables automatic documentation."; as generated: '
                "template/src/{{package_name}}/{{web_layer.litestar}}/routes/docs.py.jinja "
                "(Litestar's OpenAPIConfig and its Swagger UI and ReDoc render plugins)"
            ),
            "websockets": (
                "no article states it; Litestar's own documentation: WebSocket route handlers "
                "(websocket, websocket_listener) in the core package"
            ),
            "maturity": (
                '001_63b7ae642f92eb2c.txt: "has gained significant traction in recent years"'
            ),
            "learning_curve": (
                "no article rates it; medium is the catalog's default, not a rating from any source"
            ),
            "typed_validation": (
                '001_63b7ae642f92eb2c.txt: "It focuses on building high-performance APIs with '
                'strong typing, dependency injection, and comprehensive validation features."'
            ),
            "enforces_structure": (
                '001_63b7ae642f92eb2c.txt: "Litestar also supports class-based controllers for '
                'more organized API development:"; it offers controllers rather than imposing them'
            ),
            "auth_helpers": (
                "no article states it; Litestar's own documentation: guards and security backends "
                "(JWTAuth, JWTCookieAuth, SessionAuth) in litestar.security; as generated: "
                "template/src/{{package_name}}/{{web_layer.litestar}}/authentication.py.jinja "
                "(an AbstractAuthenticationMiddleware) and permissions.py.jinja (guards)"
            ),
            "familiar_to": (
                'its own idiom; 000_1f47f73c3756f08d.txt: "If your team has extensive experience '
                'with one framework, that might be your go-to for creating a REST API."'
            ),
            "lambda_adapter": (
                "no article states it; Mangum's own documentation: an adapter for any ASGI "
                'application, which Litestar is (001_63b7ae642f92eb2c.txt: "Litestar is a powerful '
                'ASGI framework"); as generated: template/src/{{package_name}}/lambda_mangum.py'
            ),
            "health_rps": (
                "measured here: ../FACTS.md, bare frameworks, one worker on one core, row "
                '"Litestar + uvicorn": 22,783 req/s on GET /health'
            ),
            "import_ms": (
                "measured here: ../FACTS.md, bare frameworks, one worker on one core, row "
                '"Litestar + uvicorn": import 294 ms'
            ),
            "peak_rss_mib": (
                "measured here: ../FACTS.md, bare frameworks, one worker on one core, "
                'row "Litestar + uvicorn": peak RSS 53 MiB'
            ),
            "install_mib": (
                "measured here: the framework and its server installed by uv into an empty "
                "Python 3.12 virtual environment, size of site-packages (2026-12-07): "
                "litestar==2.25.0 uvicorn==0.54.0 uvloop==0.23.0 httptools==0.9.0"
            ),
            "service_items_rps": (
                "not measured yet: bench.py measures the generated service on an idle machine"
            ),
            "service_health_rps": (
                "not measured yet: bench.py measures the generated service on an idle machine"
            ),
            "async_orm": (
                "as generated: template/src/{{package_name}}/database.py.jinja, the async "
                "engine the Litestar service uses (its session a dependency, "
                "template/src/{{package_name}}/{{web_layer.litestar}}/dependencies.py.jinja)"
            ),
        },
    ),
    Framework(
        key="sanic",
        name="Sanic",
        familiar_to=("sanic",),
        generated=False,
        interface="own",
        concurrency="async",
        server="sanic",
        openapi="extension",
        websockets=True,
        orms=("sqlalchemy",),
        lambda_adapter="mangum",
        maturity="established",
        first_release=2016,
        summary=(
            "Async framework with its own multi-worker server, made for fast HTTP and "
            "real-time WebSocket APIs, with a Flask-like feel."
        ),
        strengths=(
            "its own production server with workers, auto-reload and TLS",
            "WebSockets built in; designed with real-time APIs in mind",
            "among the fastest here: 36.0k req/s",
        ),
        weaknesses=(
            "OpenAPI and validation come from the sanic-ext package",
            "its own server is its production path; on AWS Lambda it runs as an ASGI app "
            "behind Mangum, without its workers",
            "the highest memory use measured here: 146 MiB with one worker",
        ),
        health_rps=35_979,
        import_ms=156,
        peak_rss_mib=146,
        install_mib=27,
        async_orm="SQLAlchemy 2's asyncio layer (asyncpg, aiosqlite)",
        realtime_focus=True,
        learning_curve="easy",
        sources={
            "interface": (
                '002_a3a6667127a13c5d.txt calls it ASGI: "Then you have ASGI frameworks like '
                'FastAPI and Sanic."; the catalog scores its own server, its production path, '
                'which 000_1f47f73c3756f08d.txt starts itself: "With Sanic, you can start your '
                'server using your certificate files"'
            ),
            "concurrency": (
                '002_a3a6667127a13c5d.txt: "Sanic carves out its own space by offering a modern, '
                'async-first approach"'
            ),
            "openapi": (
                "no article states it; Sanic's own documentation: OpenAPI documentation comes from "
                "Sanic Extensions (the sanic-ext package)"
            ),
            "websockets": (
                '000_1f47f73c3756f08d.txt: "writing an application that serves both an HTTP '
                'endpoint and a WebSocket server is surprisingly straightforward"'
            ),
            "maturity": (
                "no article rates its maturity; 000_1f47f73c3756f08d.txt calls it "
                '"production-ready" (first released 2016)'
            ),
            "learning_curve": (
                '002_a3a6667127a13c5d.txt: "without the steeper learning curve of a framework like '
                'FastAPI"'
            ),
            "realtime_focus": (
                '000_1f47f73c3756f08d.txt: "designed for high-performance and real-time '
                'applications"'
            ),
            "familiar_to": (
                'its own idiom; 000_1f47f73c3756f08d.txt: "If your team has extensive experience '
                'with one framework, that might be your go-to for creating a REST API."; '
                '002_a3a6667127a13c5d.txt also finds it "comfortingly familiar to Flask '
                'developers", which the catalog does not count'
            ),
            "lambda_adapter": (
                '002_a3a6667127a13c5d.txt: "Then you have ASGI frameworks like FastAPI and '
                "Sanic.\"; Sanic's own documentation: its app is ASGI-compliant, so Mangum carries "
                "it (without Sanic's workers)"
            ),
            "health_rps": (
                'measured here: ../FACTS.md, bare frameworks, one worker on one core, row "Sanic '
                '(1 worker)": 35,979 req/s on GET /health'
            ),
            "import_ms": (
                'measured here: ../FACTS.md, bare frameworks, one worker on one core, row "Sanic '
                '(1 worker)": import 156 ms'
            ),
            "peak_rss_mib": (
                "measured here: ../FACTS.md, bare frameworks, one worker on one core, "
                'row "Sanic (1 worker)": peak RSS 146 MiB'
            ),
            "install_mib": (
                "measured here: the framework and its server installed by uv into an empty "
                "Python 3.12 virtual environment, size of site-packages (2026-12-07): "
                "sanic==25.12.1"
            ),
            "async_orm": (
                "no article states it; the framework's handlers are coroutines, which await "
                "SQLAlchemy's asyncio session"
            ),
        },
    ),
    Framework(
        key="falcon",
        name="Falcon",
        familiar_to=("falcon",),
        generated=True,
        interface="asgi",
        concurrency="both",
        # The generated service is falcon.asgi.App with async responders.
        generated_concurrency="async",
        server="uvicorn",
        openapi="extension",
        websockets=True,
        orms=("sqlalchemy",),
        lambda_adapter="mangum",
        maturity="established",
        first_release=2013,
        summary=(
            "Lean, resource-oriented framework for APIs and microservices, with matching "
            "WSGI and ASGI applications."
        ),
        strengths=(
            "very low overhead: 38.5k req/s on ASGI here",
            "the same resource classes run under WSGI or ASGI",
            "explicit request and response objects, little magic",
        ),
        weaknesses=(
            "no built-in validation or OpenAPI (Trailhead generates spectree for both)",
            "more hand-written plumbing per endpoint than the typed frameworks",
        ),
        dependencies=(
            "falcon==4.4.0",
            "spectree==3.0.0",
            *UVICORN,
        ),
        health_rps=38_498,
        import_ms=103,
        peak_rss_mib=37,
        install_mib=23,
        async_orm="SQLAlchemy 2's asyncio layer (asyncpg, aiosqlite)",
        # As generated: spectree validates the shared pydantic schemas named by the
        # responders' type hints, and writes the OpenAPI document from them.
        typed_validation=True,
        import_names=("falcon", "spectree", *UVICORN_IMPORT_NAMES),
        dev_command=(
            "uvicorn {package}.web.app:create_app --factory --reload --host {host} --port {port}"
        ),
        web_layout=(
            "app factory (`app.py`), middleware components for the database session "
            "(`sessions.py`) and authentication (`auth.py`), error handlers (`problems.py`), "
            "spectree's validation and OpenAPI document (`openapi.py`), one module of "
            "resources per resource (`routes/`)"
        ),
        sources={
            "interface": (
                '001_63b7ae642f92eb2c.txt: "WSGI compatibility: Works with standard WSGI servers"; '
                '002_a3a6667127a13c5d.txt: "FalconSync (WSGI)"; both speak of its WSGI app: its '
                "ASGI app (falcon.asgi.App, Falcon 3+, in Falcon's own documentation) is what the "
                "catalog scores"
            ),
            "concurrency": (
                '002_a3a6667127a13c5d.txt labels it "FalconSync (WSGI)"; Falcon\'s own '
                "documentation: sync responders on falcon.App, async responders on falcon.asgi.App "
                "(Falcon 3+)"
            ),
            "generated_concurrency": (
                "as generated: template/src/{{package_name}}/{{web_layer.falcon}}/app.py.jinja "
                "(falcon.asgi.App, async responders on SQLAlchemy's asyncio session)"
            ),
            "openapi": (
                "no article states it; Falcon's own documentation: no OpenAPI generator of its "
                "own; third-party packages (spectree, falcon-apispec) add it; as generated: "
                "template/src/{{package_name}}/{{web_layer.falcon}}/openapi.py.jinja (spectree)"
            ),
            "typed_validation": (
                "as generated: template/src/{{package_name}}/{{web_layer.falcon}}/routes/items.py "
                "(spectree validates the shared pydantic schemas the responders' type hints "
                "name)"
            ),
            "websockets": (
                "no article states it; Falcon's own documentation: WebSocket support in its ASGI "
                "app (Falcon 3+)"
            ),
            "maturity": (
                '001_63b7ae642f92eb2c.txt: "Falcon remains a high-performance framework focused on '
                'building RESTful APIs." (first released 2013)'
            ),
            "learning_curve": (
                "no article rates it; medium is the catalog's default, not a rating from any "
                'source; 002_a3a6667127a13c5d.txt: "Falcon doesn\'t hold your hand"'
            ),
            "familiar_to": (
                'its own idiom; 000_1f47f73c3756f08d.txt: "If your team has extensive experience '
                'with one framework, that might be your go-to for creating a REST API."'
            ),
            "lambda_adapter": (
                "no article states it; Mangum's own documentation: an adapter for any ASGI "
                "application, such as Falcon's falcon.asgi.App; as generated: "
                "template/src/{{package_name}}/lambda_mangum.py"
            ),
            "health_rps": (
                'measured here: ../FACTS.md, bare frameworks, one worker on one core, row "Falcon '
                'ASGI + uvicorn": 38,498 req/s on GET /health (the row "Falcon WSGI + gunicorn '
                'sync" measured 5,207)'
            ),
            "import_ms": (
                'measured here: ../FACTS.md, bare frameworks, one worker on one core, row "Falcon '
                'ASGI + uvicorn": import 103 ms'
            ),
            "peak_rss_mib": (
                "measured here: ../FACTS.md, bare frameworks, one worker on one core, "
                'row "Falcon ASGI + uvicorn": peak RSS 37 MiB'
            ),
            "install_mib": (
                "measured here: the framework and its server installed by uv into an empty "
                "Python 3.12 virtual environment, size of site-packages (2026-12-07): "
                "falcon==4.4.0 uvicorn==0.54.0 uvloop==0.23.0 httptools==0.9.0"
            ),
            "async_orm": (
                "as generated: "
                "template/src/{{package_name}}/{{web_layer.falcon}}/sessions.py.jinja, the "
                "async engine and one AsyncSession per request"
            ),
            "service_items_rps": (
                "not yet measured: make bench, on an idle machine, once the generated service "
                "is merged (0 until then)"
            ),
            "service_health_rps": (
                "not yet measured: make bench, on an idle machine, once the generated service "
                "is merged (0 until then)"
            ),
        },
    ),
    Framework(
        key="starlette",
        name="Starlette",
        familiar_to=("fastapi",),
        generated=True,
        interface="asgi",
        concurrency="async",
        server="uvicorn",
        openapi="extension",
        websockets=True,
        orms=("sqlalchemy",),
        lambda_adapter="mangum",
        maturity="established",
        first_release=2018,
        summary=(
            "Lightweight ASGI toolkit that FastAPI and others build on: routing, middleware, "
            "WebSockets and a test client, and little else."
        ),
        strengths=(
            "minimal overhead: 36.0k req/s, 35 MiB and the fastest import here (78 ms)",
            "WebSockets, background tasks and middleware built in",
            "its middleware also works under FastAPI",
        ),
        weaknesses=(
            "no request validation; OpenAPI only from docstrings (the generated service "
            "writes its document from the pydantic schemas)",
            "auth hooks but no auth schemes: the backends and project structure are yours",
        ),
        dependencies=(
            "starlette==1.10.0",
            *UVICORN,
            PYTHON_MULTIPART,
        ),
        health_rps=35_998,
        import_ms=78,
        peak_rss_mib=35,
        install_mib=21,
        async_orm="SQLAlchemy 2's asyncio layer (asyncpg, aiosqlite)",
        auth_helpers=True,
        import_names=(
            "starlette",
            *UVICORN_IMPORT_NAMES,
            *PYTHON_MULTIPART_IMPORT_NAMES,
        ),
        dev_command=UVICORN_DEV_COMMAND,
        web_layout=(
            "app factory with the route table and middleware (`app.py`), authentication "
            "backend (`auth.py`), error handlers (`problems.py`), request validation "
            "(`validation.py`), one route list per resource (`routes/`)"
        ),
        sources={
            "interface": (
                '001_63b7ae642f92eb2c.txt: "Starlette is a lightweight ASGI framework that '
                "provides the foundation for many other frameworks, including FastAPI and "
                'Litestar."'
            ),
            "concurrency": '001_63b7ae642f92eb2c.txt: "Asynchronous: Fully supports async/await"',
            "openapi": (
                "no article states it; Starlette's own SchemaGenerator writes a document only "
                "from YAML in the endpoints' docstrings, with no docs page; as generated: "
                "template/src/{{package_name}}/{{web_layer.starlette}}/routes/docs.py.jinja "
                "writes the OpenAPI 3.1 document from the route table and the shared pydantic "
                "schemas (pydantic's models_json_schema), beside the framework, with no plugin"
            ),
            "auth_helpers": (
                "no article states it; Starlette's own AuthenticationMiddleware, "
                "AuthenticationBackend and requires; as generated: "
                "template/src/{{package_name}}/{{web_layer.starlette}}/auth.py.jinja"
            ),
            "websockets": (
                '001_63b7ae642f92eb2c.txt: "WebSocket support: Built-in support for WebSockets"'
            ),
            "maturity": (
                "no article rates its maturity; 001_63b7ae642f92eb2c.txt makes it the base of "
                'others: "provides the foundation for many other frameworks, including FastAPI and '
                'Litestar" (first released 2018)'
            ),
            "learning_curve": (
                "no article rates it; medium is the catalog's default, not a rating from any source"
            ),
            "familiar_to": (
                '003_56b114c1d138fe69.txt: "Its asynchronous nature is built on Starlette" '
                "(FastAPI's); 001_63b7ae642f92eb2c.txt: \"provides the foundation for many other "
                'frameworks, including FastAPI and Litestar"'
            ),
            "lambda_adapter": (
                "no article states it; Mangum's own documentation: an adapter for any ASGI "
                'application, which Starlette is (001_63b7ae642f92eb2c.txt: "Starlette is a '
                'lightweight ASGI framework"); as generated: '
                "template/src/{{package_name}}/lambda_mangum.py"
            ),
            "health_rps": (
                "measured here: ../FACTS.md, bare frameworks, one worker on one core, row "
                '"Starlette + uvicorn": 35,998 req/s on GET /health'
            ),
            "import_ms": (
                "measured here: ../FACTS.md, bare frameworks, one worker on one core, row "
                '"Starlette + uvicorn": import 78 ms'
            ),
            "peak_rss_mib": (
                "measured here: ../FACTS.md, bare frameworks, one worker on one core, "
                'row "Starlette + uvicorn": peak RSS 35 MiB'
            ),
            "install_mib": (
                "measured here: the framework and its server installed by uv into an empty "
                "Python 3.12 virtual environment, size of site-packages (2026-12-07): "
                "starlette==1.10.0 uvicorn==0.54.0 uvloop==0.23.0 httptools==0.9.0"
            ),
            "async_orm": (
                "as generated: template/src/{{package_name}}/database.py.jinja, the async "
                "engine the Starlette service uses"
            ),
            "service_items_rps": (
                "not measured yet: 0 until `make bench` measures the generated service on an "
                "idle machine; the engine reads the generated services' median meanwhile"
            ),
            "service_health_rps": (
                "not measured yet: 0 until `make bench` measures the generated service on an "
                "idle machine; the engine scales the bare figure meanwhile"
            ),
        },
    ),
    Framework(
        key="quart",
        name="Quart",
        familiar_to=("flask",),
        generated=True,
        interface="asgi",
        concurrency="async",
        server="uvicorn",
        openapi="extension",
        websockets=True,
        orms=("sqlalchemy",),
        lambda_adapter="mangum",
        maturity="growing",
        first_release=2017,
        summary=(
            "Flask's API reimplemented on ASGI with async/await, maintained by the Pallets "
            "project, so Flask code and many extensions carry over."
        ),
        strengths=(
            "Flask's API with async handlers",
            "WebSockets built in",
            "an easy path for Flask teams that need async",
        ),
        weaknesses=(
            "OpenAPI and validation come from quart-schema",
            "the slowest ASGI stack measured here: 7.7k req/s, 24.5 ms p99",
            "a much smaller ecosystem than Flask's",
        ),
        dependencies=(
            "quart==0.22.0",
            "quart-schema[pydantic]==0.25.0",
            "quart-cors==0.8.0",
            *UVICORN,
        ),
        health_rps=7_707,
        import_ms=201,
        peak_rss_mib=46,
        install_mib=23,
        async_orm="SQLAlchemy 2's asyncio layer (asyncpg, aiosqlite)",
        learning_curve="easy",
        # As generated: quart-schema validates with the shared pydantic schemas and writes
        # the OpenAPI document from the routes' decorators.
        typed_validation=True,
        import_names=("quart", "quart_schema", "quart_cors", *UVICORN_IMPORT_NAMES),
        dev_command=(
            "uvicorn {package}.web.app:create_app --factory --reload --host {host} --port {port}"
        ),
        web_layout=(
            "app factory (`app.py`), auth decorator (`auth.py`), error handlers "
            "(`problems.py`), one blueprint per resource (`routes/`)"
        ),
        sources={
            "interface": (
                '001_63b7ae642f92eb2c.txt: "Quart is an ASGI framework that aims to be a drop-in '
                'replacement for Flask"'
            ),
            "concurrency": '001_63b7ae642f92eb2c.txt: "Asynchronous: Full support for async/await"',
            "openapi": (
                "no article states it; Quart's own documentation: OpenAPI and validation come from "
                "the Quart-Schema extension; as generated: quart-schema, "
                "template/src/{{package_name}}/{{web_layer.quart}}/app.py.jinja"
            ),
            "typed_validation": (
                "as generated: "
                "template/src/{{package_name}}/{{web_layer.quart}}/routes/items.py.jinja "
                "(quart-schema validates the shared pydantic schemas); no article states it"
            ),
            "websockets": '001_63b7ae642f92eb2c.txt: "WebSockets: Native WebSocket support"',
            "maturity": (
                "no article rates its maturity; Quart's own documentation: a Pallets project, "
                "first released 2017"
            ),
            "learning_curve": (
                '001_63b7ae642f92eb2c.txt: "It maintains Flask’s intuitive API but enables '
                'async/await syntax."; 003_56b114c1d138fe69.txt rates Flask\'s curve: "Easy. If '
                'you know Python, the transition is straightforward"'
            ),
            "familiar_to": (
                '001_63b7ae642f92eb2c.txt: "Quart is an excellent choice for Flask developers who '
                'need asynchronous capabilities without rewriting their applications."'
            ),
            "lambda_adapter": (
                "no article states it; Mangum's own documentation: an adapter for any ASGI "
                'application, which Quart is (001_63b7ae642f92eb2c.txt: "Quart is an ASGI '
                'framework"); as generated: template/src/{{package_name}}/lambda_mangum.py'
            ),
            "health_rps": (
                'measured here: ../FACTS.md, bare frameworks, one worker on one core, row "Quart + '
                'uvicorn": 7,707 req/s on GET /health'
            ),
            "import_ms": (
                'measured here: ../FACTS.md, bare frameworks, one worker on one core, row "Quart + '
                'uvicorn": import 201 ms'
            ),
            "peak_rss_mib": (
                "measured here: ../FACTS.md, bare frameworks, one worker on one core, "
                'row "Quart + uvicorn": peak RSS 46 MiB'
            ),
            "install_mib": (
                "measured here: the framework and its server installed by uv into an empty "
                "Python 3.12 virtual environment, size of site-packages (2026-12-07): "
                "quart==0.22.0 (0.23.1 needs Python 3.13) uvicorn==0.54.0 "
                "uvloop==0.23.0 httptools==0.9.0"
            ),
            "async_orm": (
                "as generated: template/src/{{package_name}}/database.py.jinja, the async "
                "engine the Quart service uses"
            ),
            "service_items_rps": (
                "not measured yet: 0 until `make bench` measures the generated service on an "
                "idle machine"
            ),
            "service_health_rps": (
                "not measured yet: 0 until `make bench` measures the generated service on an "
                "idle machine"
            ),
        },
    ),
    Framework(
        key="blacksheep",
        name="BlackSheep",
        familiar_to=("blacksheep",),
        generated=True,
        interface="asgi",
        concurrency="async",
        server="uvicorn",
        openapi="builtin",
        websockets=True,
        orms=("sqlalchemy",),
        lambda_adapter="mangum",
        maturity="young",
        first_release=2018,
        summary=(
            "Fast ASGI framework inspired by Flask and ASP.NET Core, with dependency "
            "injection, typed request binding and OpenAPI docs built in."
        ),
        strengths=(
            "the fastest stack measured here: 42.8k req/s, 2.4 ms p99",
            "dependency injection, typed binders and OpenAPI docs built in",
            "built-in authentication and authorization",
        ),
        weaknesses=(
            "a small community with few maintainers",
            "few tutorials and third-party integrations",
        ),
        # guardpost and rodi come with BlackSheep; they are pinned because the web layer
        # imports them itself (its authentication handlers and request scope).
        dependencies=(
            "blacksheep==2.6.4",
            "guardpost==1.1.0",
            "rodi==2.0.8",
            *UVICORN,
        ),
        health_rps=42_817,
        import_ms=181,
        peak_rss_mib=48,
        install_mib=49,
        async_orm="SQLAlchemy 2's asyncio layer (asyncpg, aiosqlite)",
        typed_validation=True,
        auth_helpers=True,
        import_names=("blacksheep", "guardpost", "rodi", *UVICORN_IMPORT_NAMES),
        dev_command=(
            "uvicorn {package}.web.app:create_app --factory --reload --host {host} --port {port}"
        ),
        web_layout=(
            "app factory (`app.py`), authentication handlers and policies (`auth.py`), "
            "exception handlers (`problems.py`), request scope (`scope.py`), binders "
            "(`binders.py`), one controller per resource (`routes/`)"
        ),
        sources={
            "interface": (
                '001_63b7ae642f92eb2c.txt: "BlackSheep is an emerging ASGI framework inspired by '
                'both Flask and ASP.NET Core."'
            ),
            "concurrency": (
                '001_63b7ae642f92eb2c.txt: "It offers high-performance routing and handling with '
                'modern asynchronous capabilities."'
            ),
            "openapi": (
                '001_63b7ae642f92eb2c.txt: "Automatic OpenAPI documentation: Generates API '
                'documentation"; as generated: '
                f"{BLACKSHEEP_WEB}/routes/docs.py.jinja (BlackSheep's OpenAPIHandler)"
            ),
            "websockets": (
                "no article states it; BlackSheep's own documentation: WebSocket routes in the "
                "core package"
            ),
            "maturity": '001_63b7ae642f92eb2c.txt: "BlackSheep is an emerging ASGI framework"',
            "learning_curve": (
                "no article rates it; medium is the catalog's default, not a rating from any source"
            ),
            "typed_validation": (
                '001_63b7ae642f92eb2c.txt: "Type annotations: Used for route parameters '
                'binding"; as generated: the controllers in '
                f"{BLACKSHEEP_WEB}/routes/ take the shared pydantic schemas by type"
            ),
            "auth_helpers": (
                "no article states it; BlackSheep's own documentation: built-in authentication and "
                "authorization (JWT bearer, policies); as generated: "
                f"{BLACKSHEEP_WEB}/auth.py.jinja (guardpost authentication handlers, a policy, "
                "@auth)"
            ),
            "familiar_to": (
                'its own idiom; 000_1f47f73c3756f08d.txt: "If your team has extensive experience '
                'with one framework, that might be your go-to for creating a REST API."'
            ),
            "lambda_adapter": (
                "no article states it; Mangum's own documentation: an adapter for any ASGI "
                'application, which BlackSheep is (001_63b7ae642f92eb2c.txt: "BlackSheep is an '
                'emerging ASGI framework"); as generated: '
                "template/src/{{package_name}}/lambda_mangum.py"
            ),
            "health_rps": (
                "measured here: ../FACTS.md, bare frameworks, one worker on one core, row "
                '"BlackSheep + uvicorn": 42,817 req/s on GET /health'
            ),
            "import_ms": (
                "measured here: ../FACTS.md, bare frameworks, one worker on one core, row "
                '"BlackSheep + uvicorn": import 181 ms'
            ),
            "peak_rss_mib": (
                "measured here: ../FACTS.md, bare frameworks, one worker on one core, "
                'row "BlackSheep + uvicorn": peak RSS 48 MiB'
            ),
            "install_mib": (
                "measured here: the framework and its server installed by uv into an empty "
                "Python 3.12 virtual environment, size of site-packages (2026-12-07): "
                "blacksheep==2.6.4 uvicorn==0.54.0 uvloop==0.23.0 httptools==0.9.0"
            ),
            "async_orm": (
                "as generated: template/src/{{package_name}}/database.py.jinja, the async "
                "engine the BlackSheep service uses"
            ),
            "service_items_rps": (
                "not measured yet: 0 until `make bench` measures the generated service on an "
                "idle machine"
            ),
            "service_health_rps": (
                "not measured yet: 0 until `make bench` measures the generated service on an "
                "idle machine"
            ),
        },
    ),
    Framework(
        key="aiohttp",
        name="aiohttp",
        familiar_to=("aiohttp",),
        generated=False,
        interface="own",
        concurrency="async",
        server="aiohttp",
        openapi="extension",
        websockets=True,
        orms=("sqlalchemy",),
        lambda_adapter="",
        maturity="established",
        first_release=2013,
        summary=(
            "asyncio HTTP client and server in one package; its server runs handlers "
            "straight on the event loop, without ASGI."
        ),
        strengths=(
            "a mature asyncio server and HTTP client in one dependency",
            "WebSockets built in; 27.9k req/s at 37 MiB here",
            "suits I/O fan-out such as calling many other services",
        ),
        weaknesses=(
            "no validation or OpenAPI without aiohttp-apispec or aiohttp-pydantic",
            "its own server, so no Mangum on AWS Lambda",
            "low-level handlers mean more code per endpoint",
        ),
        health_rps=27_881,
        import_ms=185,
        peak_rss_mib=37,
        install_mib=12,
        async_orm="SQLAlchemy 2's asyncio layer (asyncpg, aiosqlite)",
        sources={
            "interface": (
                "no article states it; aiohttp's own documentation: aiohttp.web serves its "
                "application with its own server (web.run_app), neither ASGI nor WSGI"
            ),
            "concurrency": (
                '001_63b7ae642f92eb2c.txt lists it for async work: "Machine learning APIs | '
                "FastAPI, AIOHTTP | Async batch processing prevents GPU/TPU idle time during I/O "
                'waits |"'
            ),
            "openapi": (
                "no article states it; aiohttp's own documentation: no OpenAPI of its own; "
                "third-party packages (aiohttp-apispec, aiohttp-pydantic) add it"
            ),
            "websockets": (
                "no article states it; aiohttp's own documentation: server WebSockets in "
                "aiohttp.web (WebSocketResponse)"
            ),
            "maturity": (
                "no article rates its maturity; aiohttp's own documentation and changelog: an "
                "asyncio HTTP client and server since 2013"
            ),
            "learning_curve": (
                "no article rates it; medium is the catalog's default, not a rating from any source"
            ),
            "familiar_to": (
                'its own idiom; 000_1f47f73c3756f08d.txt: "If your team has extensive experience '
                'with one framework, that might be your go-to for creating a REST API."'
            ),
            "lambda_adapter": (
                "no article states it; aiohttp's own documentation: its app is no ASGI or WSGI "
                "application, so neither Mangum nor apig-wsgi carries it"
            ),
            "health_rps": (
                "measured here: ../FACTS.md, bare frameworks, one worker on one core, row "
                '"aiohttp": 27,881 req/s on GET /health'
            ),
            "import_ms": (
                "measured here: ../FACTS.md, bare frameworks, one worker on one core, row "
                '"aiohttp": import 185 ms'
            ),
            "peak_rss_mib": (
                "measured here: ../FACTS.md, bare frameworks, one worker on one core, "
                'row "aiohttp": peak RSS 37 MiB'
            ),
            "install_mib": (
                "measured here: the framework and its server installed by uv into an empty "
                "Python 3.12 virtual environment, size of site-packages (2026-12-07): "
                "aiohttp==3.14.5"
            ),
            "async_orm": (
                "no article states it; the framework's handlers are coroutines, which await "
                "SQLAlchemy's asyncio session"
            ),
        },
    ),
    Framework(
        key="django_ninja",
        name="Django Ninja",
        familiar_to=("django", "fastapi"),
        generated=True,
        # Sync views on WSGI: Django's ASGI handler cost 2-5 times the CPU per request here
        # (docs/benchmarks.md), with async views too.
        interface="wsgi",
        concurrency="both",
        server="uvicorn",
        openapi="builtin",
        websockets=False,
        websockets_extension="Django Channels",
        orms=("django",),
        lambda_adapter="apig-wsgi",
        maturity="growing",
        first_release=2020,
        summary=(
            "FastAPI-style API layer for Django: Pydantic-validated, typed endpoints and "
            "OpenAPI docs on top of Django's ORM, admin and auth."
        ),
        strengths=(
            "Django's admin, users, ORM and migrations with typed endpoints",
            "OpenAPI docs built in",
            "sync or async views",
        ),
        weaknesses=(
            "async views must wrap the ORM's remaining synchronous calls",
            "a smaller ecosystem than DRF, with fewer permission and throttling batteries",
            "4.1k req/s measured here (sync views under gunicorn's sync worker)",
        ),
        dependencies=("django-ninja==1.7.1", *UVICORN, A2WSGI),
        app="config.wsgi:application",
        app_factory=False,
        bundles_docs_assets=True,
        health_rps=4_116,
        import_ms=305,
        peak_rss_mib=76,
        install_mib=76,
        async_orm="the Django ORM's async queries (each still run in a thread)",
        service_items_rps=353,
        service_health_rps=2_255,
        distribution="django-ninja",
        typed_validation=True,
        batteries_included=True,
        auth_helpers=True,
        generated_concurrency="sync",
        import_names=("ninja", *UVICORN_IMPORT_NAMES, "a2wsgi"),
        dev_command="python manage.py runserver {host}:{port}",
        web_layout=(
            "its settings (`settings.py`) and URLs (`urls.py`), the `NinjaAPI` (`api.py`), "
            "one router per resource (`routers/`), auth classes, pagination and the "
            "problem+json handlers"
        ),
        sources={
            "interface": (
                "no article states it; as generated: "
                "template/src/{{package_name}}/config/wsgi.py.jinja (Django's WSGI handler; "
                'docs/benchmarks.md, "Django Ninja: WSGI or ASGI, which server, and the generated '
                'service against bare Ninja", found the ASGI handler costlier)'
            ),
            "concurrency": (
                "no article states it; Django Ninja's own documentation: async operations (async "
                "def) beside sync ones; generated with sync views (generated_concurrency)"
            ),
            "openapi": (
                "as generated: "
                "template/src/{{package_name}}/{{web_layer.django_ninja}}/api.py.jinja (the "
                "NinjaAPI serves /openapi.json and /docs); 001_63b7ae642f92eb2c.txt only says: "
                '"Combines Django’s ecosystem with FastAPI-like features"'
            ),
            "websockets": (
                "no article states it; Django Ninja's own documentation: HTTP operations only; "
                "WebSockets would need Django Channels"
            ),
            "maturity": (
                "no article rates its maturity; Django Ninja's own documentation: first released "
                "2020"
            ),
            "learning_curve": (
                "no article rates it; medium is the catalog's default, not a rating from any source"
            ),
            "typed_validation": (
                "as generated: "
                "template/src/{{package_name}}/{{web_layer.django_ninja}}/routers/items.py.jinja "
                '(pydantic schemas as typed parameters); 001_63b7ae642f92eb2c.txt: "Combines '
                'Django’s ecosystem with FastAPI-like features"'
            ),
            "batteries_included": (
                '001_63b7ae642f92eb2c.txt: "Django Ninja: Combines Django’s ecosystem with '
                'FastAPI-like features"; as generated: '
                "template/src/{{package_name}}/config/settings.py.jinja (Django's admin, auth and "
                "migrations)"
            ),
            "auth_helpers": (
                "no article states it; as generated: "
                "template/src/{{package_name}}/{{web_layer.django_ninja}}/authentication.py.jinja "
                "(ninja.security's APIKeyHeader, HttpBasicAuth, HttpBearer)"
            ),
            "familiar_to": (
                '001_63b7ae642f92eb2c.txt: "Django Ninja: Combines Django’s ecosystem with '
                'FastAPI-like features"'
            ),
            "lambda_adapter": (
                "as generated: template/src/{{package_name}}/lambda_apig_wsgi.py.jinja"
            ),
            "health_rps": (
                'measured here: ../FACTS.md, bare frameworks, one worker on one core, row "Django '
                'Ninja + gunicorn sync": 4,116 req/s on GET /health'
            ),
            "import_ms": (
                'measured here: ../FACTS.md, bare frameworks, one worker on one core, row "Django '
                'Ninja + gunicorn sync": import 305 ms'
            ),
            "peak_rss_mib": (
                "measured here: ../FACTS.md, bare frameworks, one worker on one core, "
                'row "Django Ninja + gunicorn sync": peak RSS 76 MiB'
            ),
            "install_mib": (
                "measured here: the framework and its server installed by uv into an empty "
                "Python 3.12 virtual environment, size of site-packages (2026-12-07): "
                "django==5.2.19 django-ninja==1.7.1 uvicorn==0.54.0 "
                "uvloop==0.23.0 httptools==0.9.0 a2wsgi==1.10.10"
            ),
            "async_orm": (
                "Django's documentation: the ORM's async API (aget, afirst, async for) runs "
                "each query through sync_to_async; Trailhead generates sync views"
            ),
            "websockets_extension": CHANNELS_SOURCE,
            "service_items_rps": (
                "measured here: docs/benchmarks.md, "
                '"The four generated services side by side (2026-12-07)": '
                "GET /api/v1/items, 353 req/s"
            ),
            "service_health_rps": (
                "measured here: docs/benchmarks.md, "
                '"The four generated services side by side (2026-12-07)": '
                "GET /health, 2,255 req/s"
            ),
        },
    ),
    Framework(
        key="robyn",
        name="Robyn",
        familiar_to=("robyn",),
        generated=False,
        interface="own",
        concurrency="async",
        server="robyn",
        openapi="builtin",
        websockets=True,
        orms=("sqlalchemy",),
        lambda_adapter="",
        maturity="young",
        first_release=2021,
        summary=(
            "Python framework on a Rust HTTP runtime, aiming at low latency, with its own "
            "multi-process server and OpenAPI docs built in."
        ),
        strengths=(
            "a Rust runtime: 18.8k req/s, and 17.0k on validated POSTs, here",
            "OpenAPI docs and WebSockets built in",
            "hot reload during development",
        ),
        weaknesses=(
            "a young project with a small community and a fast-moving API",
            "its own server, so no Mangum on AWS Lambda and no ASGI middleware",
        ),
        health_rps=18_769,
        import_ms=122,
        peak_rss_mib=42,
        install_mib=29,
        async_orm="SQLAlchemy 2's asyncio layer (asyncpg, aiosqlite)",
        auth_helpers=True,
        learning_curve="easy",
        sources={
            "interface": (
                'no article calls it ASGI or WSGI: 001_63b7ae642f92eb2c.txt: "Robyn is an emerging '
                'Python web framework built on top of Rust", and its example serves itself: '
                '"app.start(port=8000)"'
            ),
            "concurrency": (
                '001_63b7ae642f92eb2c.txt shows an async handler: "async def hello_world():"; '
                "Robyn's own documentation takes sync handlers too"
            ),
            "openapi": (
                "no article states it; Robyn's own documentation: the app generates OpenAPI docs "
                "and serves them at /docs"
            ),
            "websockets": (
                "no article states it; Robyn's own documentation: WebSocket endpoints built in"
            ),
            "maturity": '001_63b7ae642f92eb2c.txt: "Robyn is an emerging Python web framework"',
            "learning_curve": (
                '001_63b7ae642f92eb2c.txt: "Python simplicity: Maintains a simple Python API while '
                'leveraging Rust’s speed"'
            ),
            "auth_helpers": (
                "no article states it; Robyn's own documentation: authentication handlers "
                "(AuthenticationHandler, BearerGetter) and auth_required routes"
            ),
            "familiar_to": (
                'its own idiom; 000_1f47f73c3756f08d.txt: "If your team has extensive experience '
                'with one framework, that might be your go-to for creating a REST API."'
            ),
            "lambda_adapter": (
                "no article states it; Robyn's own documentation: it serves through its own Rust "
                "runtime and exposes no ASGI or WSGI application, so no in-process adapter carries "
                "it"
            ),
            "health_rps": (
                'measured here: ../FACTS.md, bare frameworks, one worker on one core, row "Robyn": '
                "18,769 req/s on GET /health"
            ),
            "import_ms": (
                'measured here: ../FACTS.md, bare frameworks, one worker on one core, row "Robyn": '
                "import 122 ms"
            ),
            "peak_rss_mib": (
                "measured here: ../FACTS.md, bare frameworks, one worker on one core, "
                'row "Robyn": peak RSS 42 MiB'
            ),
            "install_mib": (
                "measured here: the framework and its server installed by uv into an empty "
                "Python 3.12 virtual environment, size of site-packages (2026-12-07): "
                "robyn==0.88.0"
            ),
            "async_orm": (
                "no article states it; the framework's handlers are coroutines, which await "
                "SQLAlchemy's asyncio session"
            ),
        },
    ),
)

FRAMEWORKS: dict[str, Framework] = {framework.key: framework for framework in _FRAMEWORK_LIST}

SHARED_DEPENDENCIES: dict[str, tuple[str, ...]] = {
    "core": ("pydantic==2.14.3", "pydantic-settings==2.16.3", "orjson==3.13.0"),
    "sqlalchemy": (f"sqlalchemy[asyncio]=={SQLALCHEMY_VERSION}", ALEMBIC, "aiosqlite==0.22.1"),
    "postgresql": ("asyncpg==0.32.0",),
    # The synchronous stacks (WSGI frameworks): SQLAlchemy's own pool around psycopg 3.
    "sqlalchemy-sync": (f"sqlalchemy=={SQLALCHEMY_VERSION}", ALEMBIC),
    "postgresql-sync": (f"psycopg[binary]=={PSYCOPG_VERSION}",),
    # The Django ORM's projects (DRF, Django Ninja): Django LTS, its URL-to-DATABASES parser,
    # Argon2 for its password hasher, WhiteNoise for the admin's and docs' static files, CORS.
    "django": (
        "django==5.2.19",
        "dj-database-url==3.1.2",
        "argon2-cffi==25.1.0",
        "whitenoise==6.12.0",
        "django-cors-headers==4.9.0",
    ),
    # Django's PostgreSQL backend on psycopg 3 with Django's own connection pool.
    "django-postgresql": (f"psycopg[binary,pool]=={PSYCOPG_VERSION}",),
    "passwords": ("pwdlib[argon2]==0.3.1",),
    "jwt": ("pyjwt==2.15.1",),
    "metrics": ("prometheus-client==0.26.0",),
    # Swagger UI and ReDoc files in a wheel, so /docs needs no CDN (any framework can serve them).
    "docs": ("drf-spectacular-sidecar==2026.10.1",),
    # The in-process AWS Lambda adapters, keyed like Framework.lambda_adapter.
    "mangum": ("mangum==0.22.0",),
    "apig-wsgi": ("apig-wsgi==2.20.0",),
    "test": ("pytest==9.0.3", "httpx==0.28.1"),
    # Only where the generated tests are asynchronous (an ASGI app in process).
    "test-async": ("pytest-asyncio==1.5.0", "asgi-lifespan==2.1.0"),
    "lint": ("ruff==0.17.5",),
}


@dataclass(frozen=True)
class Migrations:
    """How a project of one ORM applies its migrations, wherever it runs them (make, compose,
    the Kubernetes Job, CI), and the files beside the package that command needs."""

    command: str
    files: tuple[str, ...]


MIGRATIONS: dict[str, Migrations] = {
    "sqlalchemy": Migrations("alembic upgrade head", ("alembic.ini", "migrations")),
    # Django's migrations live in each app inside the package; manage.py finds the settings.
    "django": Migrations("python manage.py migrate", ("manage.py",)),
}


# Tools a generated project names outside its dependency lists (Dockerfile, pre-commit).
TOOL_VERSIONS: dict[str, str] = {
    "uv": "0.13.9",
    "ruff": "0.17.5",
    "kubernetes-validate": "1.37.0",
    "cfn-lint": "1.58.0",
}


# The top-level modules of the shared dependencies and tools, and the project's own folders,
# which a package_name must not shadow either.
SHARED_IMPORT_NAMES = (
    "pydantic",
    "pydantic_core",
    "pydantic_settings",
    "orjson",
    "sqlalchemy",
    "alembic",
    "aiosqlite",
    "asyncpg",
    "psycopg",
    "psycopg_pool",
    "django",
    "dj_database_url",
    "argon2",
    "whitenoise",
    "corsheaders",
    "pwdlib",
    "jwt",
    "prometheus_client",
    "drf_spectacular_sidecar",
    "mangum",
    "apig_wsgi",
    "pytest",
    "py",
    "pytest_asyncio",
    "httpx",
    "anyio",
    "h11",
    "asgi_lifespan",
    "ruff",
    "tests",
    "migrations",
)


def reserved_module_names() -> frozenset[str]:
    """Every module a generated project of any framework imports by that name."""
    names = {name for framework in FRAMEWORKS.values() for name in framework.import_names}
    return frozenset(names | set(SHARED_IMPORT_NAMES))


def available() -> list[Framework]:
    """The frameworks the template can generate today, in catalog order."""
    return [framework for framework in FRAMEWORKS.values() if framework.generated]
