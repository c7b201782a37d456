#!/usr/bin/env python3
"""Verify a Daftar audit export with nothing but the Python standard library (3.8 or newer).

    python3 verify_audit_export.py EXPORT.jsonl --public-key HEX
        [--checkpoint CHECKPOINT.json] [--keys KEYS.json] [--stream NAME ...]

EXPORT.jsonl comes from `manage.py audit_export`. --public-key: the checkpoint signing key
Daftar publishes (64 hex characters). --checkpoint: a checkpoint file you downloaded yourself
(default: the one inside the export). --keys: a JSON file {"k1": "<HMAC key>", ...} to
recompute every entry's hash; without it, numbering, links and the checkpoint are checked.
--stream: compare only these streams with the checkpoint (an export of some streams).
Exit status 0 when everything verifies, 1 when a problem is printed.
"""

import argparse
import hashlib
import hmac
import json
import sys

# Ed25519 signature check (RFC 8032, 5.1.7). Only public data goes in: plain Python will do.
P = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493
D = -121665 * pow(121666, -1, P) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)


def _add(p, q):
    a = (p[1] - p[0]) * (q[1] - q[0]) % P
    b = (p[1] + p[0]) * (q[1] + q[0]) % P
    c, d = 2 * p[3] * q[3] * D % P, 2 * p[2] * q[2] % P
    e, f, g, h = b - a, d - c, d + c, b + a
    return e * f % P, g * h % P, f * g % P, e * h % P


def _mul(s, p):
    q = (0, 1, 1, 0)
    while s:
        if s & 1:
            q = _add(q, p)
        p, s = _add(p, p), s >> 1
    return q


def _decode(s):
    y = int.from_bytes(s, "little")
    sign, y = y >> 255, y & ((1 << 255) - 1)
    if y >= P:
        return None
    x2 = (y * y - 1) * pow(D * y * y + 1, -1, P) % P
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P:
        x = x * SQRT_M1 % P
    if (x * x - x2) % P or (x == 0 and sign):
        return None
    if x & 1 != sign:
        x = P - x
    return x, y, 1, x * y % P


def _equal(p, q):
    return (p[0] * q[2] - q[0] * p[2]) % P == 0 and (p[1] * q[2] - q[1] * p[2]) % P == 0


G = _decode((4 * pow(5, -1, P) % P).to_bytes(32, "little"))


def ed25519_valid(public, message, signature):
    if len(public) != 32 or len(signature) != 64:
        return False
    a, r, s = _decode(public), _decode(signature[:32]), int.from_bytes(signature[32:], "little")
    if a is None or r is None or s >= L:
        return False
    k = int.from_bytes(hashlib.sha512(signature[:32] + public + message).digest(), "little") % L
    return _equal(_mul(s, G), _add(r, _mul(k, a)))


# The entry hash and the checkpoint's Merkle root, as docs/audit.md defines them.
HASHED = ("stream", "seq", "created_at", "actor_id", "actor_label", "action", "object_type",
          "object_id", "summary", "before", "after", "request_id", "key_id")  # fmt: skip


def canonical(value):
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def merkle_root(streams):
    level = [
        hashlib.sha256(b"\x00" + canonical([s["name"], s["seq"], s["hash"]]).encode()).digest()
        for s in sorted(streams, key=lambda s: s["name"])
    ]
    if not level:
        return hashlib.sha256(b"").hexdigest()
    while len(level) > 1:
        pairs = [
            hashlib.sha256(b"\x01" + level[i] + level[i + 1]).digest()
            for i in range(0, len(level) - 1, 2)
        ]
        level = pairs + level[2 * len(pairs) :]  # an odd last node moves up unchanged
    return level[0].hex()


def verify(args):
    problems, seen, at_mark, broken = [], {}, {}, set()
    keys = None
    if args.keys:
        with open(args.keys, encoding="utf-8") as file:
            keys = {key_id: key.encode() for key_id, key in json.load(file).items()}
    with open(args.export, encoding="utf-8") as export:
        header = json.loads(export.readline())
        if header.get("format") != "daftar-audit-export/1":
            return ["not a Daftar audit export (daftar-audit-export/1)"], None
        signed = header.get("checkpoint")
        if args.checkpoint:
            with open(args.checkpoint, encoding="utf-8") as file:
                signed = json.load(file)
        if not signed:
            return ["no checkpoint to compare with: download one, pass --checkpoint"], None
        checkpoint = signed["checkpoint"]
        marks = {s["name"]: s for s in checkpoint["streams"]}
        marks = {n: s for n, s in marks.items() if not args.stream or n in args.stream}
        for line_number, line in enumerate(export, start=2):
            entry = json.loads(line)
            name, problem = entry["stream"], None
            if name in broken:
                continue
            seq, prev = seen.get(name, (0, "0" * 64))
            if entry["seq"] != seq + 1:
                problem = f"gap: expected seq {seq + 1}, found {entry['seq']}"
            elif entry["prev_hash"] != prev:
                problem = "link: prev_hash is not the hash of the entry before"
            elif keys is not None:
                key = keys.get(entry["key_id"])
                message = f"{prev}\n{canonical({f: entry[f] for f in HASHED})}".encode()
                if key is None:
                    problem = f"unknown key id {entry['key_id']}"
                elif hmac.new(key, message, hashlib.sha256).hexdigest() != entry["hash"]:
                    problem = "altered: the content does not match its hash"
            if problem:
                problems.append(f"{name} seq {entry['seq']} (line {line_number}): {problem}")
                broken.add(name)
                continue
            seen[name] = (entry["seq"], entry["hash"])
            if name in marks and entry["seq"] == marks[name]["seq"]:
                at_mark[name] = entry["hash"]
    number = checkpoint["number"]
    message = canonical(checkpoint).encode()
    if not ed25519_valid(
        bytes.fromhex(args.public_key), message, bytes.fromhex(signed["signature"])
    ):
        problems.append(f"checkpoint #{number}: the signature does not verify with this key")
    if merkle_root(checkpoint["streams"]) != checkpoint["merkle_root"]:
        problems.append(f"checkpoint #{number}: the Merkle root does not match its streams")
    for name, mark in sorted(marks.items()):
        recorded = f"checkpoint #{number} recorded {mark['seq']} entries"
        if name in broken:
            continue
        if name not in seen:
            problems.append(f"{name}: removed: {recorded}, the export has none")
        elif seen[name][0] < mark["seq"]:
            problems.append(f"{name}: truncated: {recorded}, the export ends at {seen[name][0]}")
        elif at_mark[name] != mark["hash"]:
            problems.append(
                f"{name}: diverged: entry {mark['seq']} differs from checkpoint #{number}"
            )
    entries = sum(seq for seq, _ in seen.values())
    summary = f"{entries} entries in {len(seen)} streams verify" + (
        "" if keys else " (numbering and links only: no --keys, hashes not recomputed)"
    )
    return problems, f"{summary}; checkpoint #{number} of {checkpoint['created_at']} matches"


def main(argv=None):
    parser = argparse.ArgumentParser(description="Verify a Daftar audit export.")
    parser.add_argument("export")
    parser.add_argument("--public-key", required=True)
    parser.add_argument("--checkpoint")
    parser.add_argument("--keys")
    parser.add_argument("--stream", action="append", default=[])
    args = parser.parse_args(argv)
    try:
        problems, summary = verify(args)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        problems, summary = [f"unreadable or malformed input: {exc!r}"], None
    for problem in problems:
        print("BROKEN ", problem)
    if problems:
        return 1
    print("OK:", summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
