"""The built-in security rule pack, written in graphwarden's own Datalog.

Five rules where a constant decides, over the value domains the front ends
record (``value(Call, Arg, V)``: the constants an argument can take;
``attr(C, "qualified", Q)``: the callee through its import):

* ``weak-hash`` (CWE-328): MD5 or SHA-1 (``hashlib.md5``,
  ``hashlib.new("md5")``, JS ``crypto.createHash("md5")``), unless the call
  says ``usedforsecurity=False`` (Python 3.9+);
* ``weak-random`` (CWE-330): the ``random`` module (a ``random.Random()``
  object too) or ``Math.random`` where a
  secret is made: the value flows (the steps of ``flows/2``, written out as
  a recursive helper over ``edge`` so the rule is maintained edit by edit,
  which a ``flows`` rule is not) into a variable, parameter,
  function (its return) or call whose name says secret (``token``,
  ``password``, ``api_key``, ``session_id``, ``set_cookie``...: ``name_word/2``
  over a fixed vocabulary). Random numbers for shuffling, sampling, jitter or
  element ids are no finding; ``secrets``, ``random.SystemRandom`` and
  ``crypto`` never are;
* ``insecure-cookie`` (CWE-614): a cookie set without ``secure`` or without
  ``httponly``, or with a constant false for one (Flask/Werkzeug
  ``set_cookie``, Django ``set_cookie``, Express ``res.cookie``; Falcon's
  ``set_cookie``, known by its ``http_only`` keyword, is secure and HTTP-only
  unless it says ``False``). A flag
  whose value is not a constant (``secure=settings.SESSION_COOKIE_SECURE``),
  options passed with ``**kwargs`` or an options object the code does not
  spell out (``res.cookie(n, v, opts)``) are no finding: the setting decides,
  and it is not in the file. A client's cookie jar (``http.cookiejar``,
  requests: ``jar.set_cookie(cookie)``, one argument) sets no cookie on a
  response and is not a finding, nor is an override's ``super().set_cookie``
  (its callers are). A session middleware (``express-session``,
  ``cookie-session``, bound to a usual name such as ``session``: calls are
  found by name) whose options say ``cookie: { secure: false }`` or
  ``httpOnly: false`` is one (its defaults are the deployment's choice);
* ``tls-unverified`` (CWE-295): a request or client that does not check the
  server's certificate: ``verify=False`` (requests, httpx), ``ssl=False`` /
  ``verify_ssl=False`` (aiohttp), ``ssl._create_unverified_context()``, JS
  ``rejectUnauthorized: false`` in the options of ``https.request``,
  ``https.Agent``, ``tls.connect`` and friends. ``verify=path`` (a CA
  bundle) or a value from configuration is no finding;
* ``weak-cipher`` (CWE-327): DES, 3DES, RC2, RC4, Blowfish, CAST, IDEA or
  ECB mode (PyCryptodome ``DES.new``, cryptography's ``algorithms.TripleDES``
  and ``modes.ECB``, JS ``crypto.createCipheriv("des-ede3-cbc", ...)``).

They are ordinary guarantees: the text below is what a team would write in
``[[tool.graphwarden.guarantees]]``. The pack switches with
``[tool.graphwarden.taint] packs = { security = false }`` and each rule with
``classes = { weak-random = false }`` or a severity.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graphwarden.analysis.dataflow.models import SECURITY_RULES
from graphwarden.analysis.guarantees.datalog import parse_program
from graphwarden.analysis.guarantees.result_cache import definition_key
from graphwarden.analysis.guarantees.results import RuleInfo
from graphwarden.analysis.guarantees.rules.config_tables import RuleTableReader
from graphwarden.analysis.guarantees.rules.datalog_guarantee import DatalogGuarantee

if TYPE_CHECKING:
    from graphwarden.analysis.dataflow.models import TaintSpec

WEAK_HASH = r"""
weak_hash_name("md5"). weak_hash_name("MD5"). weak_hash_name("sha1"). weak_hash_name("SHA1").
weak_hash_name("sha-1"). weak_hash_name("SHA-1"). weak_hash_name("md4"). weak_hash_name("md2").
weak_hash_call("hashlib.md5"). weak_hash_call("hashlib.sha1").
weak_hash_call("Crypto.Hash.MD5.new"). weak_hash_call("Crypto.Hash.SHA1.new").
weak_hash_call("cryptography.hazmat.primitives.hashes.MD5").
weak_hash_call("cryptography.hazmat.primitives.hashes.SHA1").
hash_by_name("hashlib.new"). hash_by_name("crypto.createHash"). hash_by_name("crypto.createHmac").
hash_by_name("hmac.new").
weak_hash_site(C) :- node(C, "CALL"), attr(C, "qualified", Q), weak_hash_call(Q).
weak_hash_site(C) :-
    node(C, "CALL"), attr(C, "qualified", Q), hash_by_name(Q), value(C, "0", A), weak_hash_name(A).
not_for_security(C) :- weak_hash_site(C), value(C, "usedforsecurity", "False").
violation(C, "weak hash: MD5 or SHA-1 is broken for security use (CWE-328)") :-
    weak_hash_site(C), \+ not_for_security(C).
violation(C, "weak hash: MD5 or SHA-1 is broken for security use (CWE-328)") :-
    node(C, "CALL"), attr(C, "qualified", "hmac.new"), value(C, "digestmod", A), weak_hash_name(A).
"""

WEAK_RANDOM = r"""
weak_random("random.random"). weak_random("random.randint"). weak_random("random.randrange").
weak_random("random.choice"). weak_random("random.choices"). weak_random("random.uniform").
weak_random("random.getrandbits"). weak_random("random.sample"). weak_random("random.shuffle").
weak_random("random.randbytes"). weak_random("random.triangular"). weak_random("random.gauss").
weak_random("numpy.random.rand"). weak_random("numpy.random.randint"). weak_random("random.Random").
weak_random_call(C) :- node(C, "CALL"), attr(C, "qualified", Q), weak_random(Q).
weak_random_call(C) :- node(C, "CALL"), attr(C, "callee", "Math.random").
secret_word("secret"). secret_word("secrets"). secret_word("token"). secret_word("tokens").
secret_word("password"). secret_word("passwd"). secret_word("pwd"). secret_word("passphrase").
secret_word("passcode"). secret_word("nonce"). secret_word("salt"). secret_word("otp").
secret_word("totp"). secret_word("hotp"). secret_word("pin"). secret_word("csrf").
secret_word("xsrf"). secret_word("credential"). secret_word("credentials"). secret_word("apikey").
secret_word("cookie"). secret_word("cookies"). secret_word("hmac"). secret_word("sessionid").
secret_word("remember"). secret_word("auth"). secret_word("iv"). secret_word("captcha").
key_word("api"). key_word("private"). key_word("secret"). key_word("signing").
key_word("encryption"). key_word("crypto"). key_word("access"). key_word("auth").
key_word("session"). key_word("aes"). key_word("hmac"). key_word("license").
session_part("id"). session_part("key"). session_part("token").
code_word("verification"). code_word("verify"). code_word("reset"). code_word("auth").
code_word("activation"). code_word("confirmation"). code_word("confirm"). code_word("invite").
reaches(C, X) :- weak_random_call(C), edge(X, C, "ASSIGNED_FROM").
reaches(C, X) :- weak_random_call(C), edge(C, X, "FLOWS_INTO").
reaches(C, X) :- weak_random_call(C), edge(C, X, "RETURNS").
reaches(C, Y) :- reaches(C, X), edge(Y, X, "ASSIGNED_FROM").
reaches(C, Y) :- reaches(C, X), edge(X, Y, "FLOWS_INTO").
reaches(C, Y) :- reaches(C, X), edge(X, Y, "RETURNS").
reaches(C, Y) :- reaches(C, X), edge(Y, X, "CALLS").
reaches_name(C, N) :- reaches(C, X), attr(X, "name", N).
reaches_name(C, N) :- reaches(C, X), attr(X, "stored_under", N).
reaches_name(C, N) :- weak_random_call(C), attr(C, "stored_under", N).
names_secret(C) :- reaches_name(C, N), name_word(N, W), secret_word(W).
names_secret(C) :- reaches_name(C, N), name_word(N, "key"), name_word(N, W), key_word(W).
names_secret(C) :- reaches_name(C, N), name_word(N, "session"), name_word(N, W), session_part(W).
names_secret(C) :- reaches_name(C, N), name_word(N, "code"), name_word(N, W), code_word(W).
violation(C, "weak randomness: a random-module value becomes a secret (a token, password, key, cookie); use secrets (CWE-330)") :-
    names_secret(C), attr(C, "qualified", _).
violation(C, "weak randomness: a Math.random value becomes a secret (a token, password, key, cookie); use crypto.randomBytes / randomUUID (CWE-330)") :-
    names_secret(C), attr(C, "callee", "Math.random").
"""

# Every rule binds the call first (`cookie_call(C)`): a body that starts at
# `value(C, ...)` with C free reads every CALL of the workspace (Django: some
# 150,000, 150 MB kept while the rule is evaluated).
INSECURE_COOKIE = r"""
set_cookie_call(C) :- node(C, "CALL"), attr(C, "name", "set_cookie").
not_a_response(C) :- set_cookie_call(C), node(C, "CALL"), attr(C, "args", 1),
    \+ arg(C, "value"), \+ arg(C, "secure").
not_a_response(C) :- set_cookie_call(C), node(C, "CALL"), attr(C, "receiver", "super()").
falcon_cookie(C) :- set_cookie_call(C), arg(C, "http_only").
not_a_response(C) :- falcon_cookie(C).
falcon_off(C, "secure") :- falcon_cookie(C), value(C, "secure", "False").
falcon_off(C, "http_only") :- falcon_cookie(C), value(C, "http_only", "False").
violation(C, "insecure cookie: set with secure=False (CWE-614)") :- falcon_off(C, "secure").
violation(C, "insecure cookie: set with http_only=False (CWE-614)") :- falcon_off(C, "http_only").
cookie_call(C) :- set_cookie_call(C), \+ not_a_response(C), \+ arg(C, "**").
py_false("False"). py_false("0"). py_false("None").
py_true_flag(C, F) :- cookie_call(C), flag_name(F), value(C, F, "True").
py_true_flag(C, F) :- cookie_call(C), flag_name(F), value(C, F, "1").
py_unset(C, F) :- cookie_call(C), flag_name(F), \+ arg(C, F).
py_unset(C, F) :- cookie_call(C), flag_name(F), value(C, F, V), py_false(V), \+ py_true_flag(C, F).
flag_name("secure"). flag_name("httponly").
js_cookie_call(C) :- node(C, "CALL"), attr(C, "name", "cookie"), attr(C, "receiver", "res").
js_cookie_call(C) :- node(C, "CALL"), attr(C, "name", "cookie"), attr(C, "receiver", "response").
js_option("2.secure"). js_option("2.httpOnly"). js_option("2.maxAge"). js_option("2.expires").
js_option("2.path"). js_option("2.domain"). js_option("2.sameSite"). js_option("2.signed").
js_options_seen(C) :- js_cookie_call(C), node(C, "CALL"), attr(C, "args", 2).
js_options_seen(C) :- js_cookie_call(C), js_option(O), arg(C, O).
js_cookie_checked(C) :- js_options_seen(C), \+ arg(C, "2.**").
js_unset(C, F) :- js_cookie_checked(C), js_flag(F), \+ arg(C, F).
js_unset(C, F) :- js_cookie_checked(C), js_flag(F), value(C, F, "false"), \+ value(C, F, "true").
js_flag("2.secure"). js_flag("2.httpOnly").
violation(C, "insecure cookie: set without secure=True (CWE-614)") :- py_unset(C, "secure").
violation(C, "insecure cookie: set without httponly=True (CWE-614)") :-
    py_true_flag(C, "secure"), py_unset(C, "httponly").
violation(C, "insecure cookie: set without secure: true (CWE-614)") :- js_unset(C, "2.secure").
js_secure(C) :- js_cookie_checked(C), value(C, "2.secure", "true").
violation(C, "insecure cookie: set without httpOnly: true (CWE-614)") :-
    js_secure(C), js_unset(C, "2.httpOnly").
session_binding("session"). session_binding("expressSession"). session_binding("cookieSession").
session_binding("sessions").
express_session(C) :- session_binding(N), node(C, "CALL"), attr(C, "name", N),
    attr(C, "qualified", "express-session").
cookie_session(C) :- session_binding(N), node(C, "CALL"), attr(C, "name", N),
    attr(C, "qualified", "cookie-session").
violation(C, "insecure cookie: the session cookie is set with secure: false (CWE-614)") :-
    express_session(C), value(C, "0.cookie.secure", "false").
violation(C, "insecure cookie: the session cookie is set with httpOnly: false (CWE-614)") :-
    express_session(C), value(C, "0.cookie.httpOnly", "false").
violation(C, "insecure cookie: the session cookie is set with secure: false (CWE-614)") :-
    cookie_session(C), value(C, "0.secure", "false").
violation(C, "insecure cookie: the session cookie is set with httpOnly: false (CWE-614)") :-
    cookie_session(C), value(C, "0.httpOnly", "false").
"""

# Calls are bound by name first (the (type, name) index), as for cookies.
TLS_UNVERIFIED = r"""
py_tls_name("get"). py_tls_name("post"). py_tls_name("put"). py_tls_name("patch").
py_tls_name("delete"). py_tls_name("head"). py_tls_name("options"). py_tls_name("request").
py_tls_name("stream"). py_tls_name("send"). py_tls_name("Client"). py_tls_name("AsyncClient").
py_tls_name("TCPConnector"). py_tls_name("ws_connect"). py_tls_name("urlopen").
py_tls_off("verify", "False"). py_tls_off("ssl", "False"). py_tls_off("verify_ssl", "False").
violation(C, "certificate validation disabled: the request does not check the server's certificate (CWE-295)") :-
    py_tls_name(N), node(C, "CALL"), attr(C, "name", N), py_tls_off(K, V), value(C, K, V).
unverified_context("ssl._create_unverified_context").
unverified_context("ssl._create_stdlib_context").
violation(C, "certificate validation disabled: an SSL context that checks no certificate (CWE-295)") :-
    unverified_context(Q), node(C, "CALL"), attr(C, "qualified", Q).
js_tls_name("request"). js_tls_name("get"). js_tls_name("Agent"). js_tls_name("connect").
js_tls_name("createConnection"). js_tls_name("createSecureContext"). js_tls_name("fetch").
js_tls_name("create"). js_tls_name("got"). js_tls_name("axios").
js_tls_option("0.rejectUnauthorized"). js_tls_option("1.rejectUnauthorized").
js_tls_option("2.rejectUnauthorized").
violation(C, "certificate validation disabled: rejectUnauthorized: false (CWE-295)") :-
    js_tls_name(N), node(C, "CALL"), attr(C, "name", N), js_tls_option(O), value(C, O, "false").
"""

# Algorithms named by the call (`DES.new`, `algorithms.TripleDES(...)`,
# `modes.ECB()`) or by a constant (`crypto.createCipheriv("des-ede3-cbc", ...)`).
WEAK_CIPHER = r"""
weak_cipher_call("Crypto.Cipher.DES.new"). weak_cipher_call("Crypto.Cipher.DES3.new").
weak_cipher_call("Crypto.Cipher.ARC2.new"). weak_cipher_call("Crypto.Cipher.ARC4.new").
weak_cipher_call("Crypto.Cipher.Blowfish.new"). weak_cipher_call("Crypto.Cipher.CAST.new").
weak_cipher_call("Crypto.Cipher.XOR.new"). weak_cipher_call("Cryptodome.Cipher.DES.new").
weak_cipher_call("Cryptodome.Cipher.DES3.new"). weak_cipher_call("Cryptodome.Cipher.ARC2.new").
weak_cipher_call("Cryptodome.Cipher.ARC4.new"). weak_cipher_call("Cryptodome.Cipher.Blowfish.new").
weak_cipher_call("Cryptodome.Cipher.CAST.new"). weak_cipher_call("Cryptodome.Cipher.XOR.new").
weak_cipher_call("cryptography.hazmat.primitives.ciphers.algorithms.TripleDES").
weak_cipher_call("cryptography.hazmat.primitives.ciphers.algorithms.ARC4").
weak_cipher_call("cryptography.hazmat.primitives.ciphers.algorithms.Blowfish").
weak_cipher_call("cryptography.hazmat.primitives.ciphers.algorithms.CAST5").
weak_cipher_call("cryptography.hazmat.primitives.ciphers.algorithms.IDEA").
weak_cipher_call("cryptography.hazmat.primitives.ciphers.algorithms.SEED").
weak_cipher_call("cryptography.hazmat.decrepit.ciphers.algorithms.TripleDES").
weak_cipher_call("cryptography.hazmat.decrepit.ciphers.algorithms.ARC4").
weak_cipher_call("cryptography.hazmat.decrepit.ciphers.algorithms.Blowfish").
weak_cipher_call("cryptography.hazmat.decrepit.ciphers.algorithms.CAST5").
weak_cipher_call("cryptography.hazmat.decrepit.ciphers.algorithms.IDEA").
weak_cipher_call("cryptography.hazmat.decrepit.ciphers.algorithms.SEED").
weak_cipher_call("cryptography.hazmat.primitives.ciphers.modes.ECB").
weak_cipher_call("pyDes.des"). weak_cipher_call("pyDes.triple_des").
cipher_by_name("crypto.createCipheriv"). cipher_by_name("crypto.createDecipheriv").
cipher_by_name("crypto.createCipher"). cipher_by_name("crypto.createDecipher").
weak_cipher_name("des"). weak_cipher_name("des-cbc"). weak_cipher_name("des-ecb").
weak_cipher_name("des-cfb"). weak_cipher_name("des-ofb"). weak_cipher_name("des-ede").
weak_cipher_name("des-ede-cbc"). weak_cipher_name("des-ede3"). weak_cipher_name("des-ede3-cbc").
weak_cipher_name("des3"). weak_cipher_name("rc2"). weak_cipher_name("rc2-cbc").
weak_cipher_name("rc4"). weak_cipher_name("rc4-40"). weak_cipher_name("bf").
weak_cipher_name("bf-cbc"). weak_cipher_name("bf-ecb"). weak_cipher_name("blowfish").
weak_cipher_name("cast5-cbc"). weak_cipher_name("idea"). weak_cipher_name("idea-cbc").
weak_cipher_name("aes-128-ecb"). weak_cipher_name("aes-192-ecb"). weak_cipher_name("aes-256-ecb").
weak_cipher_name("DES"). weak_cipher_name("DES-CBC"). weak_cipher_name("DES-EDE3-CBC").
weak_cipher_name("RC4"). weak_cipher_name("AES-128-ECB"). weak_cipher_name("AES-256-ECB").
violation(C, "weak cipher: DES, 3DES, RC2, RC4, Blowfish or ECB mode do not protect data (CWE-327)") :-
    weak_cipher_call(Q), node(C, "CALL"), attr(C, "qualified", Q).
aes_new("Crypto.Cipher.AES.new"). aes_new("Cryptodome.Cipher.AES.new").
violation(C, "weak cipher: DES, 3DES, RC2, RC4, Blowfish or ECB mode do not protect data (CWE-327)") :-
    aes_new(Q), node(C, "CALL"), attr(C, "qualified", Q), attr(C, "arg_names", "MODE_ECB").
violation(C, "weak cipher: DES, 3DES, RC2, RC4, Blowfish or ECB mode do not protect data (CWE-327)") :-
    aes_new(Q), node(C, "CALL"), attr(C, "qualified", Q), attr(C, "arg_consts", M),
    ecb_mode(M).
ecb_mode("AES.MODE_ECB"). ecb_mode("Crypto.Cipher.AES.MODE_ECB").
ecb_mode("Cryptodome.Cipher.AES.MODE_ECB"). ecb_mode("Cipher.AES.MODE_ECB").
violation(C, "weak cipher: DES, 3DES, RC2, RC4, Blowfish or ECB mode do not protect data (CWE-327)") :-
    cipher_by_name(Q), node(C, "CALL"), attr(C, "qualified", Q), value(C, "0", A),
    weak_cipher_name(A).
"""

#: Rule name -> its Datalog program (names and CWEs in models.SECURITY_RULES).
PROGRAMS: dict[str, str] = {
    "weak-hash": WEAK_HASH,
    "weak-random": WEAK_RANDOM,
    "insecure-cookie": INSECURE_COOKIE,
    "tls-unverified": TLS_UNVERIFIED,
    "weak-cipher": WEAK_CIPHER,
}

_REMEDIATION = {
    "weak-hash": "Use SHA-256 or better (hashlib.sha256, crypto.createHash('sha256')); for "
    "passwords, a password-hashing function (hashlib.scrypt, bcrypt, argon2).",
    "weak-random": "Use a cryptographic generator: Python's secrets module (secrets.token_hex, "
    "secrets.randbelow) or random.SystemRandom; in JavaScript crypto.randomBytes, "
    "crypto.randomInt or crypto.randomUUID.",
    "insecure-cookie": "Set the cookie secure and HTTP-only (secure=True, httponly=True; "
    "in Express { secure: true, httpOnly: true }), with a SameSite policy.",
    "tls-unverified": "Leave certificate checks on; to trust a private CA, pass its bundle "
    "(verify='/path/ca.pem', ca: [...]) instead of turning verification off.",
    "weak-cipher": "Use AES in an authenticated mode (AES-GCM, ChaCha20-Poly1305), "
    "e.g. cryptography's AESGCM or Fernet.",
}


def security_rules(reader: RuleTableReader, spec: TaintSpec) -> list[DatalogGuarantee]:
    """The pack's rules the configuration leaves on."""
    if not spec.pack_enabled("security"):
        return []
    out: list[DatalogGuarantee] = []
    for name, (cwe, title, score) in SECURITY_RULES.items():
        if not spec.class_enabled(name):
            continue
        if name in reader.names:
            reader.name_clash(name, f"guarantee name {name!r} is the name of a security pack rule")
            continue
        setting = spec.classes.get(name)
        severity = (setting.severity if setting is not None else None) or "warning"
        text = PROGRAMS[name]
        program = parse_program(text)
        nt, et = program.mentioned_types()
        info = RuleInfo(
            name,
            severity,
            f"{title} (CWE-{cwe}).",
            _REMEDIATION[name],
            kind="datalog",
            summary=" ".join(text.split()),
            tags=["security", f"external/cwe/cwe-{cwe}"],
            security_severity=score,
        )
        out.append(
            DatalogGuarantee(
                info=info,
                node_types=frozenset(nt) if nt is not None else None,
                edge_types=frozenset(et) if et is not None else None,
                # The program text too: results cached by an older pack are not reused.
                key=definition_key(
                    {"security": name, "severity": severity, "program": text}, 0, name
                ),
                program=program,
                config_file=reader.config_file,
            )
        )
    return out
