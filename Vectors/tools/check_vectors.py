#!/usr/bin/env python3
"""Check the converted vectors against the schema and with Python `cryptography`.

Usage (from the package root):

    python3 Vectors/tools/check_vectors.py [Vectors]

For every JSON file under the folder: schema and HEX rules, private-key
consistency (n = p*q, e*d = 1 mod lcm(p-1, q-1), dp, dq, qinv), and then
  rsa-oaep  valid cases decrypt to msg, invalid ones fail to decrypt; where a
            seed is given, EME-OAEP encoding with that seed re-creates ct;
            `intermediate` values are recomputed;
  rsa-pss   valid cases verify, invalid ones do not;
  rsabssa   sig verifies as RSASSA-PSS (SHA-384, MGF1-SHA-384) over
            prepared_msg, and encoded_msg, blinded_msg, blind_sig, sig are
            recomputed from the key, salt and inv.
Exits non-zero on any failure.
"""

import glob
import hashlib
import json
import math
import os
import re
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

HASHES = {"sha1": hashes.SHA1, "sha224": hashes.SHA224, "sha256": hashes.SHA256,
          "sha384": hashes.SHA384, "sha512": hashes.SHA512}
KEY_PUBLIC = ("n", "e")
KEY_PRIVATE = ("n", "e", "d", "p", "q", "dp", "dq", "qinv")
CASE_FIELDS = {
    "rsa-oaep": (("id", "key", "hash", "mgf1_hash", "label", "msg", "ct", "result"),
                 ("seed", "flags", "comment", "intermediate")),
    "rsa-pss": (("id", "key", "hash", "mgf1_hash", "salt_len", "msg", "sig", "result"),
                ("flags", "comment")),
    "rsabssa": (("id", "variant", "key", "msg", "msg_prefix", "prepared_msg", "salt",
                 "encoded_msg", "inv", "blinded_msg", "blind_sig", "sig"), ()),
    "privacypass-type2-issuance": (("id", "key", "token_type", "token_key", "token_key_id", "token_challenge",
                                    "issuer_name", "redemption_context", "origin_info", "nonce", "blind", "salt",
                                    "token_request", "token_response", "token"), ()),
    "privacypass-token-authenticator-input": (("id", "token_type", "token_authenticator_input"),
                                              ("issuer_name", "redemption_context", "origin_info", "nonce",
                                               "token_key_id", "token_challenge")),
}
PRIVACYPASS_HEX = ("token_key", "token_key_id", "token_challenge", "issuer_name", "redemption_context",
                   "origin_info", "nonce", "blind", "salt", "token_request", "token_response", "token",
                   "token_authenticator_input")
HEX_CASE_FIELDS = ("label", "msg", "ct", "seed", "sig", "msg_prefix", "prepared_msg", "salt",
                   "encoded_msg", "inv", "blinded_msg", "blind_sig")
INTERMEDIATE = ("l_hash", "db", "db_mask", "masked_db", "seed_mask", "masked_seed", "em")
RE_HEX = re.compile(r"(?:[0-9a-f]{2})*")


class Fail(Exception):
    pass


def need(cond, msg):
    if not cond:
        raise Fail(msg)


def b(h):
    return bytes.fromhex(h)


def i2osp(x, n):
    return x.to_bytes(n, "big")


def mgf1(hname, seed, length):
    out = b""
    counter = 0
    while len(out) < length:
        out += hashlib.new(hname, seed + counter.to_bytes(4, "big")).digest()
        counter += 1
    return out[:length]


def xor(a, c):
    return bytes(x ^ y for x, y in zip(a, c))


def oaep_encode(k, hname, mname, label, msg, seed):
    """RFC 8017 EME-OAEP encoding; returns (EM, intermediates)."""
    l_hash = hashlib.new(hname, label).digest()
    hlen = len(l_hash)
    ps = b"\x00" * (k - len(msg) - 2 * hlen - 2)
    db = l_hash + ps + b"\x01" + msg
    db_mask = mgf1(mname, seed, k - hlen - 1)
    masked_db = xor(db, db_mask)
    seed_mask = mgf1(mname, masked_db, hlen)
    masked_seed = xor(seed, seed_mask)
    em = b"\x00" + masked_seed + masked_db
    return em, {"l_hash": l_hash, "db": db, "db_mask": db_mask, "masked_db": masked_db,
                "seed_mask": seed_mask, "masked_seed": masked_seed, "em": em}


def pss_encode(prepared, salt, em_bits, hname="sha384"):
    """RFC 8017 EMSA-PSS-ENCODE with a given salt."""
    em_len = (em_bits + 7) // 8
    m_hash = hashlib.new(hname, prepared).digest()
    h = hashlib.new(hname, b"\x00" * 8 + m_hash + salt).digest()
    db = b"\x00" * (em_len - len(salt) - len(h) - 2) + b"\x01" + salt
    masked = bytearray(xor(db, mgf1(hname, h, em_len - len(h) - 1)))
    masked[0] &= 0xFF >> (8 * em_len - em_bits)
    return bytes(masked) + h + b"\xbc"


def check_key(kid, k):
    need(set(k) in (set(KEY_PUBLIC), set(KEY_PRIVATE)), "key %s: fields %s" % (kid, sorted(k)))
    for f, v in k.items():
        need(isinstance(v, str) and v and RE_HEX.fullmatch(v), "key %s.%s: bad HEX" % (kid, f))
        need(not v.startswith("00"), "key %s.%s: leading zero byte" % (kid, f))
    x = {f: int(v, 16) for f, v in k.items()}
    if "d" in x:
        n, e, d, p, q = x["n"], x["e"], x["d"], x["p"], x["q"]
        need(p * q == n, "key %s: p*q != n" % kid)
        lam = (p - 1) * (q - 1) // math.gcd(p - 1, q - 1)
        need(e * d % lam == 1, "key %s: e*d != 1 mod lcm(p-1,q-1)" % kid)
        need(x["dp"] == d % (p - 1) and x["dq"] == d % (q - 1), "key %s: dp/dq" % kid)
        need(x["qinv"] * q % p == 1 and x["qinv"] < p, "key %s: qinv" % kid)
        priv = rsa.RSAPrivateNumbers(p, q, d, x["dp"], x["dq"], x["qinv"],
                                     rsa.RSAPublicNumbers(e, n)).private_key()
        return x, priv, priv.public_key()
    return x, None, rsa.RSAPublicNumbers(x["e"], x["n"]).public_key()


def check_privacypass(schema, c, keys):
    """RFC 9577/9578 cases: layouts, the key ID, and the authenticator as an RSASSA-PSS signature."""
    import hashlib
    cid = c["id"]
    for f in PRIVACYPASS_HEX:
        if f in c:
            need(isinstance(c[f], str) and RE_HEX.fullmatch(c[f]), "%s.%s: bad HEX" % (cid, f))
    sha256 = lambda h: hashlib.sha256(b(h)).hexdigest()
    if schema == "privacypass-token-authenticator-input":
        tai = c["token_authenticator_input"]
        need(int(tai[:4], 16) == c["token_type"], "%s: token_type prefix" % cid)
        if "nonce" in c:
            need(tai == "%04x" % c["token_type"] + c["nonce"] + sha256(c["token_challenge"]) + c["token_key_id"],
                 "%s: token_authenticator_input" % cid)
        return
    need(c["key"] in keys, "%s: unknown key" % cid)
    x, priv, pub = keys[c["key"]]
    n, e = x["n"], x["e"]
    need(sha256(c["token_key"]) == c["token_key_id"], "%s: token_key_id" % cid)
    token = c["token"]
    need(token[:196] == "0002" + c["nonce"] + sha256(c["token_challenge"]) + c["token_key_id"], "%s: token" % cid)
    need(c["token_request"][:6] == "0002" + c["token_key_id"][-2:], "%s: token_request" % cid)
    r = int(c["blind"], 16)
    authenticator = int(c["token_response"], 16) * pow(r, -1, n) % n
    need(i2osp(authenticator, 256).hex() == token[196:], "%s: blind_sig * r^-1 != authenticator" % cid)
    try:
        pub.verify(b(token[196:]), b(token[:196]), padding.PSS(mgf=padding.MGF1(hashes.SHA384()), salt_length=48),
                   hashes.SHA384())
    except Exception:
        raise Fail("%s: the authenticator does not verify" % cid)


def check_www_authenticate(doc):
    """RFC 9577 A.2 headers: every challenge= / token-key= value, base64url-decoded by a regex independent of the
    Swift parser, equals the case's expected bytes, in order."""
    import base64
    need(doc["version"] == 1 and doc["keys"] == {}, "schema/version")
    stats = {"cases": 0, "valid": 0, "invalid": 0, "acceptable": 0, "checked": 0, "skipped": 0, "encrypt": 0,
             "intermediate": 0}
    for c in doc["cases"]:
        need(list(c)[:3] == ["id", "header", "challenges"], "%s: fields" % c.get("id"))
        def decoded(name):
            values = re.findall(r'(?i)\b' + name + r'\s*=\s*"?([A-Za-z0-9_\-=]+)"?', c["header"])
            return [base64.urlsafe_b64decode(v + "=" * (-len(v) % 4)).hex() for v in values]
        need(decoded("challenge") == [x["challenge"] for x in c["challenges"]], "%s: challenges" % c["id"])
        need(decoded("token-key") == [x["token_key"] for x in c["challenges"]], "%s: token keys" % c["id"])
        for x in c["challenges"]:
            need(int(x["challenge"][:4], 16) == x["token_type"], "%s: token type" % c["id"])
        stats["cases"] += 1
        stats["valid"] += 1
        stats["checked"] += 1
    return stats


def check_file(path):
    with open(path, "rb") as fh:
        raw = fh.read()
    doc = json.loads(raw)
    need(list(doc) == ["schema", "version", "source", "keys", "cases"], "top-level keys")
    schema = doc["schema"]
    if schema == "privacypass-www-authenticate":
        return check_www_authenticate(doc)
    need(schema in CASE_FIELDS and doc["version"] == 1, "schema/version")
    need(isinstance(doc["source"], str) and "\n" not in doc["source"], "source")
    keys = {kid: check_key(kid, k) for kid, k in doc["keys"].items()}
    required, optional = CASE_FIELDS[schema]
    stats = {"cases": 0, "valid": 0, "invalid": 0, "acceptable": 0, "checked": 0, "skipped": 0,
             "encrypt": 0, "intermediate": 0}
    ids = set()
    for c in doc["cases"]:
        cid = c.get("id")
        need(cid not in ids, "duplicate id %r" % cid)
        ids.add(cid)
        need(set(required) <= set(c) <= set(required) | set(optional), "%s: fields" % cid)
        if schema.startswith("privacypass-"):
            check_privacypass(schema, c, keys)
            stats["cases"] += 1
            stats["valid"] += 1
            stats["checked"] += 1
            continue
        for f in HEX_CASE_FIELDS:
            if f in c:
                need(isinstance(c[f], str) and RE_HEX.fullmatch(c[f]), "%s.%s: bad HEX" % (cid, f))
        need(c["key"] in keys, "%s: unknown key" % cid)
        x, priv, pub = keys[c["key"]]
        stats["cases"] += 1
        result = c.get("result", "valid")
        need(result in ("valid", "invalid", "acceptable"), "%s: result" % cid)
        stats[result] += 1
        if schema in ("rsa-oaep", "rsa-pss") and (c["hash"] not in HASHES or c["mgf1_hash"] not in HASHES):
            stats["skipped"] += 1
            continue
        if schema == "rsa-oaep":
            need(priv is not None, "%s: OAEP needs a private key" % cid)
            label = b(c["label"])
            pad = padding.OAEP(mgf=padding.MGF1(HASHES[c["mgf1_hash"]]()),
                               algorithm=HASHES[c["hash"]](), label=label or None)
            try:
                pt = priv.decrypt(b(c["ct"]), pad)
            except ValueError:
                pt = None
            if result == "valid":
                need(pt == b(c["msg"]), "%s: does not decrypt to msg" % cid)
            elif result == "invalid":
                need(pt is None, "%s: invalid case decrypts" % cid)
            stats["checked"] += 1
            k = (x["n"].bit_length() + 7) // 8
            if "seed" in c:
                em, inter = oaep_encode(k, c["hash"], c["mgf1_hash"], label, b(c["msg"]), b(c["seed"]))
                ct = i2osp(pow(int.from_bytes(em, "big"), x["e"], x["n"]), k)
                need(ct.hex() == c["ct"], "%s: encryption with seed differs" % cid)
                stats["encrypt"] += 1
                if "intermediate" in c:
                    need(set(c["intermediate"]) <= set(INTERMEDIATE), "%s: intermediate keys" % cid)
                    for f, v in c["intermediate"].items():
                        need(inter[f].hex() == v, "%s: intermediate %s differs" % (cid, f))
                    need(len(b(c["intermediate"]["em"])) == k, "%s: em is not k bytes" % cid)
                    stats["intermediate"] += 1
        elif schema == "rsa-pss":
            pad = padding.PSS(mgf=padding.MGF1(HASHES[c["mgf1_hash"]]()), salt_length=c["salt_len"])
            try:
                pub.verify(b(c["sig"]), b(c["msg"]), pad, HASHES[c["hash"]]())
                ok = True
            except InvalidSignature:
                ok = False
            if result == "valid":
                need(ok, "%s: valid signature rejected" % cid)
            elif result == "invalid":
                need(not ok, "%s: invalid signature accepted" % cid)
            stats["checked"] += 1
        else:
            n, e, d = x["n"], x["e"], x["d"]
            k = (n.bit_length() + 7) // 8
            v = c["variant"]
            need(v.startswith("RSABSSA-SHA384-PSS"), "%s: variant" % cid)
            need((c["salt"] == "") == ("PSSZERO" in v), "%s: salt vs variant" % cid)
            need((c["msg_prefix"] == "") == v.endswith("-Deterministic"), "%s: prefix vs variant" % cid)
            need(c["prepared_msg"] == c["msg_prefix"] + c["msg"], "%s: prepared_msg" % cid)
            salt = b(c["salt"])
            pad = padding.PSS(mgf=padding.MGF1(hashes.SHA384()), salt_length=len(salt))
            pub.verify(b(c["sig"]), b(c["prepared_msg"]), pad, hashes.SHA384())
            enc = int(c["encoded_msg"], 16)
            em = pss_encode(b(c["prepared_msg"]), salt, n.bit_length() - 1)
            need(int.from_bytes(em, "big") == enc, "%s: EMSA-PSS encoding differs" % cid)
            inv, sig = int(c["inv"], 16), int(c["sig"], 16)
            r = pow(inv, -1, n)
            need(int(c["blinded_msg"], 16) == enc * pow(r, e, n) % n, "%s: blinded_msg" % cid)
            need(int(c["blind_sig"], 16) == pow(int(c["blinded_msg"], 16), d, n), "%s: blind_sig" % cid)
            need(sig == int(c["blind_sig"], 16) * inv % n, "%s: sig" % cid)
            need(pow(sig, e, n) == enc, "%s: sig^e != encoded_msg" % cid)
            for f in ("encoded_msg", "inv", "blinded_msg", "blind_sig", "sig"):
                need(len(c[f]) == 2 * k, "%s: %s is not k bytes" % (cid, f))
            stats["checked"] += 1
    return stats


def main(argv):
    root = argv[1] if len(argv) > 1 else "Vectors"
    files = sorted(glob.glob(os.path.join(root, "*", "*.json")))
    if not files:
        sys.stderr.write("no vector files under %s\n" % root)
        return 1
    failed = 0
    for path in files:
        rel = os.path.relpath(path, root)
        try:
            s = check_file(path)
        except Fail as exc:
            print("FAIL %s: %s" % (rel, exc))
            failed += 1
            continue
        extra = ""
        if s["encrypt"]:
            extra += ", %d re-encrypted from seed" % s["encrypt"]
        if s["intermediate"]:
            extra += ", %d intermediate" % s["intermediate"]
        if s["skipped"]:
            extra += ", %d skipped (hash)" % s["skipped"]
        print("ok   %-60s %4d cases (%d valid, %d invalid, %d acceptable): %d checked%s"
              % (rel, s["cases"], s["valid"], s["invalid"], s["acceptable"], s["checked"], extra))
    print("%d files, %d failed" % (len(files), failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
