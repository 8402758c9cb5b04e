"""The comparison articles' use cases, as answers to Trailhead's questions.

Each case quotes the sentence it encodes (from the articles the project grew from; the
file names are theirs) and names the frameworks that sentence recommends. The decision
engine must pick one of them from the whole catalog (`catalog_pick`), and the pick among
the frameworks Trailhead generates today is recorded too (`generated_pick`; None where
none of them fits). tests/test_decision.py checks both, and docs/decision-guide.md prints
the table (scripts/decision_guide.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class UseCase:
    name: str
    article: str
    quote: str
    recommended: tuple[str, ...]  # the article's frameworks, in its order
    answers: dict[str, Any] = field(default_factory=dict)
    catalog_pick: str = ""
    generated_pick: str | None = ""


USE_CASES = (
    UseCase(
        "Modern REST API with automatic documentation",
        "004_9c54e0ee04fd6890.txt",
        "Modern REST APIs with automatic documentation",
        ("fastapi",),
        {},
        "fastapi",
        "fastapi",
    ),
    UseCase(
        "MVP with limited resources",
        "000_1f47f73c3756f08d.txt",
        "MVP with limited resources | Quick setup, simplicity, flexibility | "
        "Flask-RESTX, FastAPI |",
        ("flask", "fastapi"),
        {"priority": "ship_fast", "concurrency": "low"},
        "flask",
        "flask",
    ),
    UseCase(
        "Complex project",
        "000_1f47f73c3756f08d.txt",
        "Complex project | Scalability, structure, robust tools | Django + DRF |",
        ("drf",),
        {"priority": "structure"},
        "drf",
        "drf",
    ),
    UseCase(
        "Secure enterprise application on Django's ORM",
        "000_1f47f73c3756f08d.txt",
        "Secure enterprise application | Strong security, maintainability, scalability | "
        "Django + DRF |",
        ("drf",),
        {"priority": "structure", "orm": "django", "concurrency": "low"},
        "drf",
        "drf",
    ),
    UseCase(
        "Fully async workload",
        "000_1f47f73c3756f08d.txt",
        "Fully async workload | High concurrency, non-blocking performance | FastAPI, Tornado |",
        ("fastapi", "tornado"),
        {"concurrency": "high"},
        "fastapi",
        "fastapi",
    ),
    UseCase(
        "Real-time application, low latency",
        "000_1f47f73c3756f08d.txt",
        "Real-time application | WebSocket support, low latency | Tornado, Sanic |",
        ("tornado", "sanic"),
        {"realtime": True, "concurrency": "high", "priority": "throughput"},
        "sanic",
        "fastapi",
    ),
    UseCase(
        "Lightweight real-time API without API docs",
        "000_1f47f73c3756f08d.txt",
        "Sanic: For lightweight and production-ready real-time APIs",
        ("sanic",),
        {"realtime": True, "concurrency": "high", "api_docs": False},
        "sanic",
        "fastapi",
    ),
    UseCase(
        "Legacy Tornado codebase, real-time",
        "004_9c54e0ee04fd6890.txt",
        "Legacy Tornado codebase",
        ("tornado",),
        {"experience": "tornado", "realtime": True, "concurrency": "high", "api_docs": False},
        "tornado",
        "fastapi",
    ),
    UseCase(
        "Class-based organisation and high performance on SQLAlchemy",
        "001_63b7ae642f92eb2c.txt",
        "Litestar is an excellent choice for developers who appreciate class-based "
        "organization and need high performance with modern features.",
        ("litestar",),
        {"priority": "structure", "orm": "sqlalchemy", "concurrency": "high"},
        "litestar",
        "litestar",
    ),
    UseCase(
        "Existing Flask application",
        "001_63b7ae642f92eb2c.txt",
        "it remains an excellent choice for simpler APIs or when working with existing Flask "
        "applications",
        ("flask",),
        {"experience": "flask", "concurrency": "low"},
        "flask",
        "flask",
    ),
    UseCase(
        "Flask team that needs async",
        "001_63b7ae642f92eb2c.txt",
        "Quart is an excellent choice for Flask developers who need asynchronous capabilities "
        "without rewriting their applications.",
        ("quart",),
        {"experience": "flask", "concurrency": "high"},
        "quart",
        "quart",
    ),
    UseCase(
        "Minimal async core on AWS Lambda, no docs or auth",
        "001_63b7ae642f92eb2c.txt",
        "Starlette is ideal for developers who want a minimalist framework with high "
        "performance and asynchronous capabilities, without the additional abstractions of "
        "higher-level frameworks.",
        ("starlette",),
        {
            "priority": "throughput",
            "api_docs": False,
            "auth": "none",
            "deploy_targets": ["lambda"],
        },
        "starlette",
        "starlette",
    ),
    UseCase(
        "High-throughput gateway of plain CRUD, no docs or auth",
        "002_a3a6667127a13c5d.txt",
        "making it an incredible choice for building high-throughput API gateways or "
        "microservices where latency is measured in microseconds, not milliseconds",
        ("falcon",),
        {"priority": "throughput", "concurrency": "low", "api_docs": False, "auth": "none"},
        "falcon",
        "flask",
    ),
    UseCase(
        "Explicit, class-based API of a team that writes Falcon",
        "001_63b7ae642f92eb2c.txt",
        "Falcon is ideal for developers who prioritize performance and prefer a more "
        "explicit, class-based approach to API design.",
        ("falcon",),
        {"experience": "falcon", "priority": "throughput"},
        "falcon",
        "falcon",
    ),
    UseCase(
        "Team with an ASGI framework of built-in dependency injection",
        "001_63b7ae642f92eb2c.txt",
        "BlackSheep is worth considering for developers coming from an ASP.NET background or "
        "those seeking a modern ASGI framework with built-in dependency injection.",
        ("blacksheep",),
        {"experience": "blacksheep"},
        "blacksheep",
        "blacksheep",
    ),
    UseCase(
        "Performance-critical service of a team that writes Robyn",
        "001_63b7ae642f92eb2c.txt",
        "Robyn is worth considering for performance-critical applications or when you need "
        "to optimize for p99 latency under 50ms.",
        ("robyn",),
        {"experience": "robyn", "priority": "throughput", "concurrency": "high"},
        "robyn",
        "fastapi",
    ),
    UseCase(
        "Machine learning API of an aiohttp team",
        "001_63b7ae642f92eb2c.txt",
        "Machine learning APIs | FastAPI, AIOHTTP | Async batch processing prevents GPU/TPU "
        "idle time during I/O waits |",
        ("fastapi", "aiohttp"),
        {"experience": "aiohttp", "concurrency": "high", "api_docs": False},
        "aiohttp",
        "fastapi",
    ),
    UseCase(
        "Project already on Django",
        "001_63b7ae642f92eb2c.txt",
        "DRF remains the best choice for projects already using Django or those requiring a "
        "comprehensive set of features for complex API requirements.",
        ("drf",),
        {"experience": "django", "priority": "structure"},
        "drf",
        "drf",
    ),
    UseCase(
        "Django's ecosystem with FastAPI-like features",
        "001_63b7ae642f92eb2c.txt",
        "Django Ninja: Combines Django’s ecosystem with FastAPI-like features",
        ("django_ninja",),
        {"experience": "django"},
        "django_ninja",
        "django_ninja",
    ),
    UseCase(
        "AWS Lambda deployment",
        "004_9c54e0ee04fd6890.txt",
        "AWS Lambda deployment",
        ("fastapi",),
        {"deploy_targets": ["docker", "lambda"]},
        "fastapi",
        "fastapi",
    ),
    UseCase(
        "Raw performance first",
        "001_63b7ae642f92eb2c.txt",
        "If raw performance is your primary concern, consider these options:",
        ("litestar", "fastapi", "starlette", "blacksheep"),
        {"priority": "throughput"},
        "fastapi",
        "fastapi",
    ),
    UseCase(
        "Existing Django project moving to async",
        "000_1f47f73c3756f08d.txt",
        "Existing project | Gradual migration to async or scaling needs | "
        "Django (with ASGI), FastAPI |",
        ("django_ninja", "drf", "fastapi"),
        {"orm": "django", "concurrency": "high"},
        "django_ninja",
        None,
    ),
)
