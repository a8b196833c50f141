#!/usr/bin/env python3
"""Convert published RSA test vectors into this package's JSON schema.

Usage (from the package root):

    python3 Vectors/tools/convert_vectors.py UPSTREAM_VECTORS_DIR Vectors

UPSTREAM_VECTORS_DIR is the folder holding the upstream files, laid out as
`rfc8017-oaep/`, `rfc9474/`, `rfc9578/` and `wycheproof/` (see Vectors/README.md).
Every output file is regenerated from scratch; re-running the script gives
byte-identical output. Needs Python 3.8+ and the `cryptography` package
(only to parse the PKCS#8 key in oaep-label.txt).

The schema is documented in Vectors/README.md.
"""

import json
import os
import re
import sys

from cryptography.hazmat.primitives import serialization

SCHEMA_VERSION = 1

HASHES = ("sha1", "sha224", "sha256", "sha384", "sha512")

PYCA = "pyca/cryptography vectors/cryptography_vectors/asymmetric/RSA/"
PYCA_DIST = "cryptography-vectors 50.0.2 (Apache-2.0 OR BSD-3-Clause)"
WYCHEPROOF_COMMIT = "dac1dd4729fd1f8dd9e1e9f3dce51d783da6c166"

# RFC 9474 Appendix A section of each variant.
RFC9474_SECTIONS = {
    "RSABSSA-SHA384-PSS-Randomized": "A.1",
    "RSABSSA-SHA384-PSSZERO-Randomized": "A.2",
    "RSABSSA-SHA384-PSS-Deterministic": "A.3",
    "RSABSSA-SHA384-PSSZERO-Deterministic": "A.4",
}


class VectorError(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise VectorError(msg)


# ---------------------------------------------------------------- hex helpers

def bytes_hex(s, what="value"):
    """A byte string: keep every byte, drop whitespace, lowercase."""
    h = re.sub(r"\s+", "", s).lower()
    check(re.fullmatch(r"[0-9a-f]*", h) is not None, "%s: not hex: %r" % (what, s[:40]))
    check(len(h) % 2 == 0, "%s: odd-length hex byte string" % what)
    return h


def int_hex(v):
    """An integer: minimal big-endian bytes (no leading zero byte), even length."""
    check(v > 0, "integer must be positive")
    h = format(v, "x")
    return "0" + h if len(h) % 2 else h


def int_from_hex(s, what="integer"):
    h = re.sub(r"\s+", "", s).lower()
    check(re.fullmatch(r"[0-9a-f]+", h) is not None, "%s: not hex" % what)
    return int(h, 16)


def private_key(n, e, d, p, q, dp=None, dq=None, qinv=None):
    """Key object with every CRT field; missing CRT values are derived."""
    check(p * q == n, "p*q != n")
    if dp is None:
        dp = d % (p - 1)
    if dq is None:
        dq = d % (q - 1)
    if qinv is None:
        qinv = pow(q, -1, p)
    return {
        "n": int_hex(n), "e": int_hex(e), "d": int_hex(d),
        "p": int_hex(p), "q": int_hex(q),
        "dp": int_hex(dp), "dq": int_hex(dq), "qinv": int_hex(qinv),
    }


def public_key(n, e):
    return {"n": int_hex(n), "e": int_hex(e)}


def document(schema, source, keys, cases):
    ids = [c["id"] for c in cases]
    check(len(ids) == len(set(ids)), "duplicate case ids")
    for c in cases:
        check(c["key"] in keys, "case %s: unknown key %s" % (c["id"], c["key"]))
    return {
        "schema": schema,
        "version": SCHEMA_VERSION,
        "source": source,
        "keys": keys,
        "cases": cases,
    }


def oaep_case(id_, key, hash_, mgf1_hash, label, msg, ct, result,
              seed=None, flags=None, comment=None, intermediate=None):
    c = {
        "id": id_, "key": key, "hash": hash_, "mgf1_hash": mgf1_hash,
        "label": label, "msg": msg, "ct": ct, "result": result,
    }
    if seed is not None:
        c["seed"] = seed
    if flags is not None:
        c["flags"] = list(flags)
    if comment is not None:
        c["comment"] = comment
    if intermediate is not None:
        c["intermediate"] = intermediate
    return c


def read_text(path):
    with open(path, "r", encoding="ascii", newline=None) as f:
        return f.read()


# ------------------------------------------- RSA Labs / pyca "# Label:" files

KEY_FIELDS = {
    ("public", "Modulus:"): "pub_n",
    ("public", "Exponent:"): "pub_e",
    ("private", "Modulus:"): "n",
    ("private", "Public exponent:"): "e",
    ("private", "Exponent:"): "d",  # the second "# Exponent:" is d
    ("private", "Prime 1:"): "p",
    ("private", "Prime 2:"): "q",
    ("private", "Prime exponent 1:"): "dp",
    ("private", "Prime exponent 2:"): "dq",
    ("private", "Coefficient:"): "qinv",
    ("case", "Message:"): "msg",
    ("case", "Seed:"): "seed",
    ("case", "Encryption:"): "ct",
}

RE_KEY_HEADER = re.compile(r"^Example(?: (\d+):.*)?$")
RE_CASE_VECT = re.compile(r"^OAEP Example (\d+)\.(\d+)$")
RE_CASE_CUSTOM = re.compile(r"^OAEP Example (\d+) alg=(\w+) mgf1=(\w+)$")


def parse_pkcs1_oaep(text):
    """Parse oaep-vect.txt / oaep-custom/*.txt.

    Returns (keys, cases): keys is a list of dicts of ints, cases a list of
    dicts with 'key' (0-based index), 'num' (example number within the key),
    optional 'alg'/'mgf1' and hex fields msg, ct, optional seed.
    """
    keys, cases = [], []
    section = None
    field = None
    target = None
    started = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            label = line.lstrip("#").strip()
            field = None
            m = RE_KEY_HEADER.match(label)
            if m:
                started = True
                if m.group(1) is not None:
                    check(int(m.group(1)) == len(keys) + 1, "key numbering")
                keys.append({})
                section, target = "key", keys[-1]
                continue
            if label == "Public key":
                section = "public"
                continue
            if label == "Private key":
                section = "private"
                continue
            m = RE_CASE_VECT.match(label)
            m2 = RE_CASE_CUSTOM.match(label)
            if m or m2:
                check(keys, "example before key")
                case = {"key": len(keys) - 1, "hex": {}}
                if m:
                    check(int(m.group(1)) == len(keys), "example %s under key %d" % (label, len(keys)))
                    case["num"] = int(m.group(2))
                else:
                    case["num"] = int(m2.group(1))
                    case["alg"], case["mgf1"] = m2.group(2), m2.group(3)
                cases.append(case)
                section, target = "case", case["hex"]
                continue
            name = KEY_FIELDS.get((section, label))
            if name is not None:
                check(name not in target, "field %s repeated" % label)
                field = name
                target[field] = ""
            continue
        if not started:
            continue  # free-text preamble
        check(field is not None, "data line outside a field: %r" % line[:40])
        target[field] += line
    out_keys = []
    for i, k in enumerate(keys):
        check(set(k) == {"pub_n", "pub_e", "n", "e", "d", "p", "q", "dp", "dq", "qinv"},
              "key %d: fields %s" % (i + 1, sorted(k)))
        ints = {f: int_from_hex(v, f) for f, v in k.items()}
        check(ints["pub_n"] == ints["n"] and ints["pub_e"] == ints["e"],
              "key %d: public and private parts disagree" % (i + 1))
        out_keys.append(ints)
    for c in cases:
        c["hex"] = {f: bytes_hex(v, f) for f, v in c["hex"].items()}
    return out_keys, cases


def key_from_ints(k):
    return private_key(k["n"], k["e"], k["d"], k["p"], k["q"], k["dp"], k["dq"], k["qinv"])


def convert_oaep_vect(path):
    keys, cases = parse_pkcs1_oaep(read_text(path))
    check(len(keys) == 10 and len(cases) == 60, "oaep-vect: expected 10 keys / 60 cases")
    out_keys = {"key-%d" % (i + 1): key_from_ints(k) for i, k in enumerate(keys)}
    out_cases = []
    for c in cases:
        h = c["hex"]
        check(set(h) == {"msg", "seed", "ct"}, "oaep-vect: example fields")
        k = c["key"] + 1
        out_cases.append(oaep_case(
            "oaep-vect %d.%d" % (k, c["num"]), "key-%d" % k, "sha1", "sha1",
            "", h["msg"], h["ct"], "valid", seed=h["seed"]))
    source = ("RSA Laboratories PKCS #1 v2.1 draft 2 test vectors, pkcs-1v2-1d2-vec/oaep-vect.txt, "
              "via " + PYCA + "pkcs-1v2-1d2-vec/ in " + PYCA_DIST)
    return document("rsa-oaep", source, out_keys, out_cases)


def convert_oaep_custom(path, oaep_hash, mgf1_hash):
    keys, cases = parse_pkcs1_oaep(read_text(path))
    name = os.path.basename(path)
    check(len(keys) == 10 and len(cases) == 60, "%s: expected 10 keys / 60 cases" % name)
    out_keys = {"key-%d" % (i + 1): key_from_ints(k) for i, k in enumerate(keys)}
    out_cases = []
    stem = name[:-len(".txt")]
    for c in cases:
        h = c["hex"]
        check(set(h) == {"msg", "ct"}, "%s: example fields" % name)
        check(c["alg"] == oaep_hash and c["mgf1"] == mgf1_hash,
              "%s: header says alg=%s mgf1=%s" % (name, c["alg"], c["mgf1"]))
        k = c["key"] + 1
        out_cases.append(oaep_case(
            "oaep-custom/%s %d.%d" % (stem, k, c["num"]), "key-%d" % k,
            oaep_hash, mgf1_hash, "", h["msg"], h["ct"], "valid"))
    source = PYCA + "oaep-custom/" + name + " via " + PYCA_DIST
    return document("rsa-oaep", source, out_keys, out_cases)


# ------------------------------------------------------------- oaep-int.txt

INT_FIELDS = {
    "Modulus:": "n",
    "Public exponent:": "e",
    "Private exponent:": "d",
    "Prime 1:": "p",
    "Prime 2:": "q",
    "Prime exponent 1:": "dp",
    "Prime exponent 2:": "dq",
    "Coefficient:": "qinv",
    "Message to be encrypted:": "msg",
    "pHash = Hash(encoding parameters):": "l_hash",
    "DB = pHash || Padding || M:": "db",
    "seed:": "seed",
    "dbMask = MGF(seed, length(DB)):": "db_mask",
    "maskedDB = DB xor dbMask:": "masked_db",
    "seedMask = MGF(maskedDB, length(seed)):": "seed_mask",
    "maskedSeed = seed xor seedMask:": "masked_seed",
    "EM = maskedSeed || maskedDB:": "em_v20",
    "Ciphertext, the RSA encryption of EM:": "ct",
    "c, the ciphertext:": "crt_c",
    "m = m2 + q*h (= EM):": "crt_m",
}


def convert_oaep_int(path):
    f = {}
    field = None
    empty_label = False
    started = False
    for raw in read_text(path).splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("# BER encoding"):
            break  # the DER dumps that follow repeat the key
        if line.startswith("#"):
            label = line.lstrip("#").strip()
            if label == "Public key":
                started = True
            if label == "Encoding parameters: the empty string.":
                empty_label = True
            field = INT_FIELDS.get(label)
            if field is not None:
                check(field not in f, "oaep-int: %s repeated" % label)
                f[field] = ""
            continue
        if not started or line.startswith("="):
            continue
        if field is not None:
            f[field] += line
    check(empty_label, "oaep-int: expected an empty label")
    ints = {k: int_from_hex(f[k], k) for k in ("n", "e", "d", "p", "q", "dp", "dq", "qinv")}
    b = {k: bytes_hex(v, k) for k, v in f.items() if k not in ints}
    k_len = (ints["n"].bit_length() + 7) // 8
    check(len(b["em_v20"]) == 2 * (k_len - 1), "oaep-int: EM is not k-1 bytes")
    check(b["crt_c"] == b["ct"] and b["crt_m"] == b["em_v20"], "oaep-int: CRT section disagrees")
    intermediate = {
        "l_hash": b["l_hash"],
        "db": b["db"],
        "db_mask": b["db_mask"],
        "masked_db": b["masked_db"],
        "seed_mask": b["seed_mask"],
        "masked_seed": b["masked_seed"],
        # PKCS #1 v2.0 EM lacks the leading 0x00 octet of RFC 8017's EM.
        "em": "00" + b["em_v20"],
    }
    keys = {"key-1": private_key(**ints)}
    cases = [oaep_case("oaep-int", "key-1", "sha1", "sha1", "", b["msg"], b["ct"], "valid",
                       seed=b["seed"], intermediate=intermediate)]
    source = ("RSA Laboratories PKCS #1 v2.1 draft 2 test vectors, pkcs-1v2-1d2-vec/oaep-int.txt, "
              "via " + PYCA + "pkcs-1v2-1d2-vec/ in " + PYCA_DIST)
    return document("rsa-oaep", source, keys, cases)


# ----------------------------------------------------------- oaep-label.txt

def convert_oaep_label(path):
    f = {}
    for raw in read_text(path).splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, value = line.partition("=")
        check(sep == "=", "oaep-label: bad line %r" % line[:40])
        name, value = name.strip(), value.strip()
        check(name not in f, "oaep-label: %s repeated (more than one test?)" % name)
        f[name] = value
    check(f.get("RSAPadding") == "OAEP", "oaep-label: RSAPadding")
    digest = {"SHA1": "sha1", "SHA224": "sha224", "SHA256": "sha256",
              "SHA384": "sha384", "SHA512": "sha512"}
    hash_ = digest[f["OAEPDigest"]]
    mgf1 = digest[f["MGF1Digest"]] if "MGF1Digest" in f else hash_  # evp_tests default
    out = f["Output"]
    if out.startswith('"'):
        check(out.endswith('"') and len(out) >= 2, "oaep-label: Output quoting")
        msg = out[1:-1].encode("ascii").hex()
    else:
        msg = bytes_hex(out, "Output")
    der = bytes.fromhex(bytes_hex(f["KEY"], "KEY"))
    priv = serialization.load_der_private_key(der, password=None)
    pn = priv.private_numbers()
    key = private_key(pn.public_numbers.n, pn.public_numbers.e, pn.d, pn.p, pn.q,
                      pn.dmp1, pn.dmq1, pn.iqmp)
    count = f.get("COUNT", "1")
    cases = [oaep_case("oaep-label COUNT %s" % count, "key-1", hash_, mgf1,
                       bytes_hex(f["OAEPLabel"], "OAEPLabel"), msg,
                       bytes_hex(f["Input"], "Input"), "valid")]
    source = (PYCA + "oaep-label.txt via " + PYCA_DIST +
              "; taken from BoringSSL crypto/evp/evp_tests.txt")
    return document("rsa-oaep", source, {"key-1": key}, cases)


# --------------------------------------------------------------- Wycheproof

def wycheproof_hash(name):
    """'SHA-256' -> 'sha256', 'SHA-512/224' -> 'sha512-224', 'SHA3-256' -> 'sha3-256'."""
    s = name.lower()
    if s.startswith("sha-"):
        s = "sha" + s[4:]
    return s.replace("/", "-")


def wycheproof_int(s):
    return int_from_hex(s) if s else 0


def convert_wycheproof(path, kind):
    with open(path, "r", encoding="utf-8") as fh:
        data = json.load(fh)
    name = os.path.basename(path)
    keys, cases = {}, []
    expected_schema = {"oaep": "rsaes_oaep_decrypt_schema_v1.json",
                       "pss": "rsassa_pss_verify_schema_v1.json"}[kind]
    check(data.get("schema") == expected_schema, "%s: schema %s" % (name, data.get("schema")))
    for gi, g in enumerate(data["testGroups"], 1):
        kid = "group-%d" % gi
        check(g.get("mgf") == "MGF1", "%s: mgf %s" % (name, g.get("mgf")))
        hash_, mgf1 = wycheproof_hash(g["sha"]), wycheproof_hash(g["mgfSha"])
        if kind == "oaep":
            k = g["privateKey"]
            keys[kid] = private_key(
                wycheproof_int(k["modulus"]), wycheproof_int(k["publicExponent"]),
                wycheproof_int(k["privateExponent"]), wycheproof_int(k["prime1"]),
                wycheproof_int(k["prime2"]), wycheproof_int(k["exponent1"]),
                wycheproof_int(k["exponent2"]), wycheproof_int(k["coefficient"]))
        else:
            k = g["publicKey"]
            keys[kid] = public_key(wycheproof_int(k["modulus"]), wycheproof_int(k["publicExponent"]))
        check(int(keys[kid]["n"], 16).bit_length() == g["keySize"], "%s: keySize" % name)
        for t in g["tests"]:
            check(t["result"] in ("valid", "invalid", "acceptable"), "%s: result" % name)
            id_ = "wycheproof tcId %d" % t["tcId"]
            if kind == "oaep":
                cases.append(oaep_case(
                    id_, kid, hash_, mgf1, bytes_hex(t["label"]), bytes_hex(t["msg"]),
                    bytes_hex(t["ct"]), t["result"], flags=t["flags"], comment=t["comment"]))
            else:
                cases.append({
                    "id": id_, "key": kid, "hash": hash_, "mgf1_hash": mgf1,
                    "salt_len": int(g["sLen"]), "msg": bytes_hex(t["msg"]),
                    "sig": bytes_hex(t["sig"]), "result": t["result"],
                    "flags": list(t["flags"]), "comment": t["comment"],
                })
    check(len(cases) == data["numberOfTests"], "%s: numberOfTests" % name)
    source = "C2SP/wycheproof testvectors_v1/%s at %s (Apache-2.0)" % (name, WYCHEPROOF_COMMIT)
    return document("rsa-oaep" if kind == "oaep" else "rsa-pss", source, keys, cases)


# ----------------------------------------------------------------- RFC 9474

def convert_rfc9474(path):
    with open(path, "r", encoding="utf-8") as fh:
        vectors = json.load(fh)
    check(len(vectors) == 4, "rfc9474: expected 4 vectors")
    key_ints = None
    cases = []
    for v in vectors:
        ints = {k: int_from_hex(v[k], k) for k in ("n", "e", "d", "p", "q")}
        if key_ints is None:
            key_ints = ints
        check(ints == key_ints, "rfc9474: vectors use different keys")
        variant = v["name"]
        check(variant in RFC9474_SECTIONS, "rfc9474: unknown variant %s" % variant)
        c = {"id": "RFC 9474 %s %s" % (RFC9474_SECTIONS[variant], variant),
             "variant": variant, "key": "rfc9474"}
        for f in ("msg", "msg_prefix", "prepared_msg", "salt", "encoded_msg", "inv",
                  "blinded_msg", "blind_sig", "sig"):
            c[f] = bytes_hex(v[f], f)
        check(c["prepared_msg"] == c["msg_prefix"] + c["msg"], "rfc9474: prepared_msg")
        cases.append(c)
    keys = {"rfc9474": private_key(**key_ints)}
    source = ("RFC 9474 Appendix A, as in apple/swift-crypto 4.5.2 "
              "Tests/CryptoExtrasVectors/rfc9474.json (Apache-2.0); "
              "A.1 encoded_msg from the RFC text; dp, dq, qinv derived")
    return document("rsabssa", source, keys, cases)


# ------------------------------------------------------------ Privacy Pass

PRIVACYPASS_COMMIT = "22625bbe96c0715c91618751d44ce901f9b64bd2"
# RFC 9578 §6.5 token-key encoding: the DER before the BIT STRING contents of a 2048-bit key.
RFC9578_SPKI_PREFIX = ("30820152303d06092a864886f70d01010a3030a00d300b0609608648016503040202"
                       "a11a301806092a864886f70d010108300b0609608648016503040202a2030201300382010f00")


def split_token_challenge(h):
    """TokenChallenge bytes (hex) -> (token_type, issuer_name, redemption_context, origin_info), checked."""
    b = bytes.fromhex(h)
    check(len(b) >= 2, "token_challenge: truncated")
    token_type = int.from_bytes(b[0:2], "big")
    i = 2
    n = int.from_bytes(b[i:i + 2], "big"); i += 2
    issuer = b[i:i + n]; i += n
    n = b[i]; i += 1
    context = b[i:i + n]; i += n
    check(len(context) in (0, 32), "token_challenge: redemption_context length")
    n = int.from_bytes(b[i:i + 2], "big"); i += 2
    origin = b[i:i + n]; i += n
    check(i == len(b) and len(issuer) > 0, "token_challenge: malformed")
    return token_type, issuer.hex(), context.hex(), origin.hex()


def token_challenge_hex(token_type, issuer, context, origin):
    issuer, context, origin = bytes.fromhex(issuer), bytes.fromhex(context), bytes.fromhex(origin)
    return (token_type.to_bytes(2, "big") + len(issuer).to_bytes(2, "big") + issuer + bytes([len(context)])
            + context + len(origin).to_bytes(2, "big") + origin).hex()


def convert_rfc9578_issuance(path):
    import hashlib
    with open(path, "r", encoding="utf-8") as fh:
        vectors = json.load(fh)
    check(len(vectors) == 5, "rfc9578: expected 5 vectors")
    key_ints = None
    cases = []
    for index, v in enumerate(vectors, 1):
        # skS is the hex of a PEM text (PKCS#8, rsaEncryption).
        sk = serialization.load_pem_private_key(bytes.fromhex(v["skS"]), password=None)
        nums = sk.private_numbers()
        ints = {"n": nums.public_numbers.n, "e": nums.public_numbers.e, "d": nums.d, "p": nums.p, "q": nums.q,
                "dp": nums.dmp1, "dq": nums.dmq1, "qinv": nums.iqmp}
        if key_ints is None:
            key_ints = ints
        check(ints == key_ints, "rfc9578: vectors use different keys")
        pk = bytes_hex(v["pkS"], "pkS")
        check(pk == RFC9578_SPKI_PREFIX + "3082010a0282010100" + format(ints["n"], "0512x") + "0203010001", "rfc9578: pkS layout")
        key_id = hashlib.sha256(bytes.fromhex(pk)).hexdigest()
        challenge = bytes_hex(v["token_challenge"], "token_challenge")
        token_type, issuer, context, origin = split_token_challenge(challenge)
        check(token_type == 2, "rfc9578: token type")
        c = {"id": "RFC 9578 8.2 vector %d" % index, "key": "rfc9578", "token_type": token_type,
             "token_key": pk, "token_key_id": key_id, "token_challenge": challenge,
             "issuer_name": issuer, "redemption_context": context, "origin_info": origin}
        for f in ("nonce", "blind", "salt", "token_request", "token_response", "token"):
            c[f] = bytes_hex(v[f], f)
        check(c["token_request"][:6] == "0002" + key_id[-2:], "rfc9578: token_request header")
        digest = hashlib.sha256(bytes.fromhex(challenge)).hexdigest()
        check(c["token"][:196] == "0002" + c["nonce"] + digest + key_id, "rfc9578: token layout")
        cases.append(c)
    keys = {"rfc9578": private_key(**key_ints)}
    source = ("RFC 9578 Section 8.2, as in cloudflare/privacypass-ts bf518c7c1543356b4539e65ef82b020d45f277b0 "
              "test/test_data/pub_verif_rfc9578.go.json (Apache-2.0), checked against ietf-wg-privacypass/"
              "base-drafts %s; key from skS (PKCS#8 PEM); token_key_id and the challenge fields derived"
              % PRIVACYPASS_COMMIT)
    return document("privacypass-type2-issuance", source, keys, cases)


def convert_rfc9577_authenticator_input(path):
    with open(path, "r", encoding="utf-8") as fh:
        vectors = json.load(fh)
    check(len(vectors) == 6, "rfc9577: expected 6 vectors")
    cases = []
    for index, v in enumerate(vectors, 1):
        token_type = int(bytes_hex(v["token_type"], "token_type"), 16)
        c = {"id": "RFC 9577 A.1 vector %d" % index, "token_type": token_type}
        if "nonce" in v:
            for f in ("issuer_name", "redemption_context", "origin_info", "nonce", "token_key_id"):
                c[f] = bytes_hex(v[f], f)
            c["token_challenge"] = token_challenge_hex(
                token_type, c["issuer_name"], c["redemption_context"], c["origin_info"])
        c["token_authenticator_input"] = bytes_hex(v["token_authenticator_input"], "token_authenticator_input")
        check(int(c["token_authenticator_input"][:4], 16) == token_type, "rfc9577: token_type prefix")
        cases.append(c)
    source = ("RFC 9577 Appendix A.1, transcribed from ietf-wg-privacypass/base-drafts %s "
              "draft-ietf-privacypass-auth-scheme.md; token_challenge derived from the fields" % PRIVACYPASS_COMMIT)
    return {"schema": "privacypass-token-authenticator-input", "version": SCHEMA_VERSION, "source": source,
            "keys": {}, "cases": cases}


# --------------------------------------------------------------------- main

def outputs(src):
    """(relative output path, converter thunk) for every output file, in order."""
    oaep = os.path.join(src, "rfc8017-oaep")
    wp = os.path.join(src, "wycheproof")
    jobs = [
        ("rsa-oaep/rfc8017-oaep-vect.json",
         lambda: convert_oaep_vect(os.path.join(oaep, "pkcs-1v2-1d2-vec", "oaep-vect.txt"))),
        ("rsa-oaep/rfc8017-oaep-int.json",
         lambda: convert_oaep_int(os.path.join(oaep, "pkcs-1v2-1d2-vec", "oaep-int.txt"))),
        ("rsa-oaep/pyca-oaep-label.json",
         lambda: convert_oaep_label(os.path.join(oaep, "oaep-label.txt"))),
    ]
    for mgf1_hash in HASHES:
        for oaep_hash in HASHES:
            if mgf1_hash == oaep_hash == "sha1":
                continue  # that pair is oaep-vect.txt
            # Upstream name: oaep-<MGF1 hash>-<OAEP hash>.txt (MGF1 first).
            up = os.path.join(oaep, "oaep-custom", "oaep-%s-%s.txt" % (mgf1_hash, oaep_hash))
            out = "rsa-oaep/pyca-oaep-%s-mgf1-%s.json" % (oaep_hash, mgf1_hash)
            jobs.append((out, lambda up=up, h=oaep_hash, m=mgf1_hash: convert_oaep_custom(up, h, m)))
    for name, out in (("rsa_oaep_2048_sha1_mgf1sha1_test.json",
                       "rsa-oaep/wycheproof-rsa-oaep-2048-sha1-mgf1-sha1.json"),
                      ("rsa_oaep_2048_sha256_mgf1sha256_test.json",
                       "rsa-oaep/wycheproof-rsa-oaep-2048-sha256-mgf1-sha256.json")):
        jobs.append((out, lambda p=os.path.join(wp, name): convert_wycheproof(p, "oaep")))
    for name, out in (("rsa_pss_2048_sha256_mgf1_0_test.json",
                       "rsa-pss/wycheproof-rsa-pss-2048-sha256-mgf1-sha256-salt0.json"),
                      ("rsa_pss_2048_sha256_mgf1_32_test.json",
                       "rsa-pss/wycheproof-rsa-pss-2048-sha256-mgf1-sha256-salt32.json")):
        jobs.append((out, lambda p=os.path.join(wp, name): convert_wycheproof(p, "pss")))
    jobs.append(("rsabssa/rfc9474.json",
                 lambda: convert_rfc9474(os.path.join(src, "rfc9474", "rfc9474.json"))))
    jobs.append(("privacypass/rfc9578-type2-issuance.json",
                 lambda: convert_rfc9578_issuance(os.path.join(src, "rfc9578", "rfc9578_type2_issuance.json"))))
    jobs.append(("privacypass/rfc9577-token-authenticator-input.json",
                 lambda: convert_rfc9577_authenticator_input(
                     os.path.join(src, "rfc9578", "rfc9577_token_authenticator_input.json"))))
    return jobs


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: %s UPSTREAM_VECTORS_DIR OUT_DIR\n" % argv[0])
        return 2
    src, out_dir = argv[1], argv[2]
    total = 0
    for rel, convert in outputs(src):
        try:
            doc = convert()
        except VectorError as exc:
            sys.stderr.write("%s: %s\n" % (rel, exc))
            return 1
        text = json.dumps(doc, indent=2, ensure_ascii=True) + "\n"
        path = os.path.join(out_dir, *rel.split("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="ascii", newline="\n") as fh:
            fh.write(text)
        n = len(doc["cases"])
        valid = sum(1 for c in doc["cases"] if c.get("result", "valid") == "valid")
        counts = "%d cases" % n
        if valid != n:
            counts += " (%d valid, %d not valid)" % (valid, n - valid)
        print("%-62s %3d keys  %s" % (rel, len(doc["keys"]), counts))
        total += n
    print("total cases: %d" % total)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
