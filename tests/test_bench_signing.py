"""The benchmark's load generator signs partner requests exactly as the server checks them:
bench/lua/signing.lua (run by wrk's LuaJIT) against daftar.api.auth.signature."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from daftar.api.auth import signature

LUA = Path(__file__).resolve().parent.parent / "bench" / "lua"

REQUESTS = [
    ("POST", "/api/v1/files", "bench-1-1-1", '{"service": "ws-bulky-waste", "name": "شهروند"}'),
    ("GET", "/api/v1/services?lang=fa&page=2", "", ""),
    ("POST", "/api/v1/files/123/submit", "k" * 100, "x" * 1000),
]


def test_the_lua_load_generator_signs_like_a_partner_app():
    luajit = shutil.which("luajit")
    if luajit is None:
        pytest.skip("luajit (Debian package luajit) is not installed")
    key = "dft_0a1b2c3d_" + "s" * 43
    script = [f'package.path = "{LUA}/?.lua;" .. package.path', 'local s = require("signing")']
    for method, url, idempotency_key, body in REQUESTS:
        script.append(
            f"print(s.sign({json.dumps(key)}, {json.dumps(method)}, {json.dumps(url)}, "
            f'"1764000000000", "n-nonce-1", {json.dumps(idempotency_key)}, '
            f"{json.dumps(body, ensure_ascii=False)}))"
        )
    out = subprocess.run(
        [luajit, "-"], input="\n".join(script), capture_output=True, text=True, check=True
    ).stdout.split()
    expected = []
    for method, url, idempotency_key, body in REQUESTS:
        path, _, query = url.partition("?")
        expected.append(
            signature(
                key,
                method=method,
                path=path,
                query=query,
                timestamp="1764000000000",
                nonce="n-nonce-1",
                idempotency_key=idempotency_key,
                body=body.encode(),
            )
        )
    assert out == expected
