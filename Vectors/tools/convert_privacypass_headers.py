#!/usr/bin/env python3
"""Convert the RFC 9577 Appendix A.2 `WWW-Authenticate` header vectors into this package's JSON schema.

Usage (from the package root):

    python3 Vectors/tools/convert_privacypass_headers.py UPSTREAM_VECTORS_DIR Vectors

UPSTREAM_VECTORS_DIR holds `rfc9578/rfc9577_www_authenticate.json` (see Vectors/README.md, section
"privacypass/rfc9577-www-authenticate.json"). Writes `privacypass/rfc9577-www-authenticate.json`; re-running
gives byte-identical output. Needs only Python 3.8+.

Besides converting, the script checks the upstream file against itself: every header's `challenge=` and
`token-key=` values (read with a simple regex, independently of the Swift parser) base64url-decode to the
`token-challenge-N` and `token-key-N` hex, in order, and each challenge starts with its `token-type-N`.
"""

import base64
import json
import os
import re
import sys

SOURCE = ("RFC 9577 Appendix A.2 (HTTP Header Test Vectors), as transcribed in the shared upstream file "
          "rfc9578/rfc9577_www_authenticate.json (headers 1-2 also in cloudflare/privacypass-ts "
          "test/test_data/auth_scheme_header_v14.json)")

UPSTREAM = os.path.join("rfc9578", "rfc9577_www_authenticate.json")
OUTPUT = os.path.join("privacypass", "rfc9577-www-authenticate.json")


class VectorError(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise VectorError(msg)


def hex_bytes(s, what):
    check(isinstance(s, str) and re.fullmatch(r"(?:[0-9a-f]{2})*", s) is not None, "%s: not lowercase HEX" % what)
    return bytes.fromhex(s)


def b64url(s, what):
    check(re.fullmatch(r"[A-Za-z0-9_-]*={0,2}", s) is not None, "%s: not base64url" % what)
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def convert(entries):
    check(isinstance(entries, list) and len(entries) == 3, "expected 3 headers")
    cases = []
    for number, entry in enumerate(entries, start=1):
        header = entry["WWW-Authenticate"]
        count = 0
        while "token-type-%d" % count in entry:
            count += 1
        check(count > 0, "header %d: no challenges" % number)
        known = {"WWW-Authenticate"} | {"%s-%d" % (f, i) for i in range(count)
                                         for f in ("token-type", "token-key", "max-age", "token-challenge")}
        check(set(entry) <= known, "header %d: unexpected fields %s" % (number, sorted(set(entry) - known)))
        # The independent check: the quoted values in header order.
        challenges_b64 = re.findall(r'[Cc]hallenge="([^"]*)"', header)
        keys_b64 = re.findall(r'token-key="([^"]*)"', header)
        check(len(challenges_b64) == count and len(keys_b64) == count, "header %d: value count" % number)
        challenges = []
        for i in range(count):
            token_type = entry["token-type-%d" % i]
            check(isinstance(token_type, int) and 0 <= token_type <= 0xFFFF, "header %d: token type" % number)
            challenge = hex_bytes(entry["token-challenge-%d" % i], "token-challenge-%d" % i)
            token_key = hex_bytes(entry["token-key-%d" % i], "token-key-%d" % i)
            check(challenge[:2] == token_type.to_bytes(2, "big"), "header %d/%d: type prefix" % (number, i))
            check(b64url(challenges_b64[i], "challenge") == challenge, "header %d/%d: challenge" % (number, i))
            check(b64url(keys_b64[i], "token-key") == token_key, "header %d/%d: token-key" % (number, i))
            item = {"token_type": token_type, "challenge": challenge.hex(), "token_key": token_key.hex()}
            if "max-age-%d" % i in entry:
                max_age = entry["max-age-%d" % i]
                check(isinstance(max_age, int) and max_age >= 0, "header %d/%d: max-age" % (number, i))
                item["max_age"] = max_age
            challenges.append(item)
        cases.append({"id": "RFC 9577 A.2 header %d" % number, "header": header, "challenges": challenges})
    return {"schema": "privacypass-www-authenticate", "version": 1, "source": SOURCE, "keys": {}, "cases": cases}


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: %s UPSTREAM_VECTORS_DIR OUT_DIR\n" % argv[0])
        return 2
    with open(os.path.join(argv[1], UPSTREAM), encoding="utf-8") as fh:
        entries = json.load(fh)
    try:
        doc = convert(entries)
    except (VectorError, KeyError) as exc:
        sys.stderr.write("%s: %s\n" % (UPSTREAM, exc))
        return 1
    path = os.path.join(argv[2], OUTPUT)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="ascii", newline="\n") as fh:
        fh.write(json.dumps(doc, indent=2, ensure_ascii=True) + "\n")
    print("%-62s %3d keys  %d cases (%d challenges)" % (
        OUTPUT.replace(os.sep, "/"), 0, len(doc["cases"]), sum(len(c["challenges"]) for c in doc["cases"])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
