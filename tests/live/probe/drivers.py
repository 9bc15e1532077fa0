"""drivers.py — the drivers the probe measures: how to build and start each
one's client program, the variants generated for it, and how a variant is
written in that driver's language, in its real connection position.

A variant's conn holds @PORT (the probe's port of a scenario; 5432 in the
linted source) and @CA (the test CA's file)."""

import itertools
import json
import os
import select
import shutil
import subprocess
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
DEBIAN_PY = "/usr/bin/python3"
GOCODE = "/usr/share/gocode"
PGJDBC_JAR = "/usr/share/java/postgresql.jar"
# Drivers run in threads: two share one Go binary and one node_modules.
_BUILD_LOCK = threading.Lock()

# sslmode spellings: the six documented, wrong case, wrong words, empty.
MODES = (None, "disable", "allow", "prefer", "require", "verify-ca", "verify-full",
         "Require", "VERIFY-FULL", "verify_full", "verfy-full", "")


class Variant:
    def __init__(self, label, conn, options=None):
        self.label = label
        self.conn = conn
        self.options = options


class Client:
    """A driver's client program, one connection attempt per line."""

    def __init__(self, argv, env, cwd=None):
        self._argv, self._env, self._cwd = argv, env, cwd
        self._start()

    def _start(self):
        self._proc = subprocess.Popen(self._argv, env=self._env, cwd=self._cwd, text=True,
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      stderr=subprocess.DEVNULL)

    def connect(self, conn, options):
        line = conn
        if options is not None:
            line += "\t" + (options if isinstance(options, str) else json.dumps(options))
        self._proc.stdin.write(line + "\n")
        self._proc.stdin.flush()
        ready, _, _ = select.select([self._proc.stdout], [], [], 15)
        answer = self._proc.stdout.readline() if ready else ""
        if not answer:
            self._proc.kill()
            self._proc.wait()
            self._start()
            return "error: client timed out or died"
        return answer.strip()

    def close(self):
        self._proc.stdin.close()
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()


def _run(argv, cwd, env):
    r = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True)
    return None if r.returncode == 0 else (r.stderr or r.stdout).strip()[-300:]


def _py_module_version(module):
    r = subprocess.run([DEBIAN_PY, "-c", "import %s as m; print(m.__version__.split()[0])" % module],
                       capture_output=True, text=True)
    return r.stdout.strip() if r.returncode == 0 else None


def _deb_version(package):
    r = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package],
                       capture_output=True, text=True)
    return r.stdout.strip() if r.returncode == 0 else None


def _q(s):
    """A string literal valid in Python, Go, Java and JavaScript."""
    return json.dumps(s)


class Driver:
    extension = ""
    version = "?"

    def difference(self, v, measured, linted):
        """Why measured and linted may differ for v, or None: a root
        certificate file the string names but this machine lacks (the
        string is judged as deployed, with its file)."""
        if "/nonexistent/" in v.label and measured in ("encrypt-only", "fails-closed"):
            return ("the root certificate file named is not on this machine: "
                    "the driver %s without it" %
                    ("falls back to no verification" if measured == "encrypt-only"
                     else "refuses to connect"))
        return None

    def __init__(self, ca):
        self.ca = ca
        self.variants = list(self.generate())

    def lint_conn(self, v):
        return v.conn.replace("@PORT", "5432")


# --- strings handed to libpq (psycopg 3, psycopg2) -------------------------


def _libpq_style_strings(ca, uri_prefix, kw_prefix, ip_uri, ip_kw):
    """Keyword and URI strings over sslmode spellings, root certificates,
    duplicates and unknown keys: the shapes of section 2 of
    driver-semantics.md, for libpq and for the Go drivers that imitate it."""
    roots = (None, ca, "/nonexistent/root.crt")
    extras = (None, "dup-disable-first", "dup-disable-last", "TimeZone=UTC", "SSLMODE=disable")
    for mode, root, form, extra in itertools.product(MODES, roots, ("kw", "uri"), extras):
        pairs = []
        if extra == "dup-disable-first":
            if mode is None:
                continue
            pairs.append(("sslmode", "disable"))
        if mode is not None:
            pairs.append(("sslmode", mode))
        if extra == "dup-disable-last":
            if mode is None:
                continue
            pairs.append(("sslmode", "disable"))
        if root:
            pairs.append(("sslrootcert", root))
        if extra in ("TimeZone=UTC", "SSLMODE=disable"):
            pairs.append(tuple(extra.split("=")))
        label = "%s sslmode=%s root=%s %s" % (form, mode, "ca" if root == ca else root, extra)
        if form == "kw":
            text = kw_prefix + "".join(" %s=%s" % (k, "''" if v == "" else v) for k, v in pairs)
        else:
            text = uri_prefix + ("?" if pairs else "") + "&".join("%s=%s" % p for p in pairs)
        yield Variant(label, text)
    for mode in ("require", "verify-ca", "verify-full"):
        yield Variant("kw ip sslmode=%s root=ca" % mode, ip_kw + " sslmode=%s sslrootcert=%s" % (mode, ca))
        yield Variant("uri ip sslmode=%s root=ca" % mode, ip_uri + "?sslmode=%s&sslrootcert=%s" % (mode, ca))


class Psycopg(Driver):
    name = "psycopg"
    module = "psycopg"
    extension = ".py"

    def start(self, work, env):
        if not os.path.exists(DEBIAN_PY):
            return None, DEBIAN_PY + " missing"
        self.version = _py_module_version(self.module)
        if not self.version:
            return None, "Debian package python3-%s not installed" % self.module
        return Client([DEBIAN_PY, os.path.join(HERE, "client_py.py"), self.module], env), None

    def generate(self):
        yield from _libpq_style_strings(
            self.ca, "postgresql://probe@localhost:@PORT/probe",
            "host=localhost port=@PORT dbname=probe user=probe",
            "postgresql://probe@127.0.0.1:@PORT/probe",
            "host=127.0.0.1 port=@PORT dbname=probe user=probe")
        base = "host=localhost port=@PORT dbname=probe user=probe"
        for extra in ("requiressl=1", "requiressl=0", "sslnegotiation=direct",
                      "sslrootcert=system", "ssl_min_protocol_version=TLSv1.3",
                      "ssl_max_protocol_version=TLSv1.1", "ssl_min_protocol_version=TLSv1.4",
                      "gssencmode=disable", "hostaddr=127.0.0.1", "sslcert=/nonexistent/c.crt",
                      "sslmode=require sslmode=", "sslmode = 'verify-full' sslrootcert = '%s'" % self.ca):
            yield Variant("kw " + extra, base + " " + extra)
        # keyword arguments are merged into the string (psycopg conninfo)
        for mode in MODES[1:]:
            yield Variant("kwarg sslmode=%s" % mode, base, {"sslmode": mode})
            yield Variant("kwarg sslmode=%s root=ca" % mode, base, {"sslmode": mode, "sslrootcert": self.ca})

    def source(self, v):
        args = _q(self.lint_conn(v))
        for k, val in (v.options or {}).items():
            args += ", %s=%s" % (k, _q(val))
        return "import %s\n\nconn = %s.connect(%s)\n" % (self.module, self.module, args)


class Psycopg2(Psycopg):
    name = "psycopg2"
    module = "psycopg2"


# --- asyncpg -----------------------------------------------------------------


class Asyncpg(Psycopg):
    name = "asyncpg"
    module = "asyncpg"

    def generate(self):
        ssl_args = ("absent", True, False, "disable", "allow", "prefer", "require",
                    "verify-ca", "verify-full")
        for mode, root, ssl in itertools.product(MODES, (None, self.ca, "/nonexistent/root.crt"),
                                                 ssl_args):
            params = []
            if mode is not None:
                params.append("sslmode=" + mode)
            if root:
                params.append("sslrootcert=" + root)
            conn = "postgresql://probe@localhost:@PORT/probe" + ("?" if params else "") + "&".join(params)
            label = "sslmode=%s root=%s ssl=%r" % (mode, "ca" if root == self.ca else root, ssl)
            yield Variant(label, conn, {} if ssl == "absent" else {"ssl": ssl})

    def source(self, v):
        args = "dsn=" + _q(self.lint_conn(v))
        if "ssl" in (v.options or {}):
            ssl = v.options["ssl"]
            args += ", ssl=" + (repr(ssl) if isinstance(ssl, bool) else _q(ssl))
        return ("import asyncpg\n\n\nasync def main():\n"
                "    conn = await asyncpg.connect(%s)\n" % args)


# --- Go ------------------------------------------------------------------------


class Pgx(Driver):
    name = "pgx"
    extension = ".go"
    package = "golang-github-jackc-pgx-v4-dev"

    def start(self, work, env):
        if not shutil.which("go"):
            return None, "Debian package golang-go not installed"
        self.version = _deb_version(self.package)
        if not self.version or not _deb_version("golang-github-lib-pq-dev"):
            return None, "Debian packages %s and golang-github-lib-pq-dev needed" % self.package
        out = os.path.join(work, "bin", "client_go")
        src = os.path.join(HERE, "client_go.go")
        with _BUILD_LOCK:
            err = self._build(work, env, out, src)
        if err:
            return None, err
        return Client([out, self.name], env), None

    @staticmethod
    def _build(work, env, out, src):
        if not os.path.exists(out) or os.path.getmtime(out) < os.path.getmtime(src):
            os.makedirs(os.path.dirname(out), exist_ok=True)
            genv = dict(env, GO111MODULE="off", GOPATH=GOCODE, GOFLAGS="",
                        GOCACHE=os.path.join(work, "gocache"))
            err = _run(["go", "build", "-o", out, src], HERE, genv)
            if err:
                return "go build failed: " + err
        return None

    def generate(self):
        yield from _libpq_style_strings(
            self.ca, "postgres://probe@localhost:@PORT/probe",
            "host=localhost port=@PORT dbname=probe user=probe",
            "postgres://probe@127.0.0.1:@PORT/probe",
            "host=127.0.0.1 port=@PORT dbname=probe user=probe")

    def difference(self, v, measured, linted):
        if "sslmode=allow" in v.label and measured == "none" and linted == "opportunistic":
            return ("pgx v4 (pgconn v1 pgconn.go ConnectConfig) stops at SQLSTATE 28000, "
                    "which a hostssl-only server sends, and never retries allow with TLS; "
                    "v5 retries (the latest release, which pgtlslint follows)")
        return Driver.difference(self, v, measured, linted)

    def source(self, v):
        return ('package main\n\nimport (\n\t"context"\n\n\t"github.com/jackc/pgx/v4"\n)\n\n'
                'func main() {\n\tpgx.Connect(context.Background(), %s)\n}\n' % _q(self.lint_conn(v)))


class LibPq(Pgx):
    name = "lib/pq"
    package = "golang-github-lib-pq-dev"

    def difference(self, v, measured, linted):
        if measured == "refused" and ("sslmode=allow" in v.label or "sslmode=prefer" in v.label):
            return ("lib/pq up to v1.11 rejects sslmode allow and prefer (ssl.go); "
                    "v1.12 accepts them")
        if measured == "verify-full" and linted == "verify-ca":
            return ("lib/pq up to v1.10 checks the host name in verify-ca too "
                    "(ssl.go sslVerifyCertificateAuthority: DNSName is the ServerName); "
                    "the latest release checks the chain only")
        return Driver.difference(self, v, measured, linted)

    def source(self, v):
        return ('package main\n\nimport (\n\t"database/sql"\n\n\t_ "github.com/lib/pq"\n)\n\n'
                'func main() {\n\tsql.Open("postgres", %s)\n}\n' % _q(self.lint_conn(v)))


# --- pgjdbc ----------------------------------------------------------------------


class Pgjdbc(Driver):
    name = "pgjdbc"
    extension = ".java"

    def start(self, work, env):
        if not shutil.which("javac") or not os.path.exists(PGJDBC_JAR):
            return None, "Debian packages default-jdk-headless and libpostgresql-jdbc-java needed"
        self.version = _deb_version("libpostgresql-jdbc-java")
        out = os.path.join(work, "bin", "java")
        src = os.path.join(HERE, "ProbeClient.java")
        cls = os.path.join(out, "ProbeClient.class")
        if not os.path.exists(cls) or os.path.getmtime(cls) < os.path.getmtime(src):
            os.makedirs(out, exist_ok=True)
            err = _run(["javac", "-d", out, "-cp", PGJDBC_JAR, src], HERE, env)
            if err:
                return None, "javac failed: " + err
        # The JVM's own trust store (DefaultJavaSSLFactory) holds the test
        # CA, as it would hold a public one.
        store = os.path.join(work, "bin", "truststore.p12")
        if os.path.exists(store):
            os.unlink(store)
        err = _run(["keytool", "-importcert", "-noprompt", "-alias", "probe", "-file", self.ca,
                    "-keystore", store, "-storetype", "PKCS12", "-storepass", "probeprobe"],
                   HERE, env)
        if err:
            return None, "keytool failed: " + err
        return Client(["java", "-Duser.home=" + env["HOME"],
                       "-Djavax.net.ssl.trustStore=" + store,
                       "-Djavax.net.ssl.trustStorePassword=probeprobe",
                       "-cp", out + ":" + PGJDBC_JAR, "ProbeClient"], env), None

    def generate(self):
        factories = (None, "org.postgresql.ssl.NonValidatingFactory",
                     "org.postgresql.ssl.DefaultJavaSSLFactory")
        for mode, ssl, factory, root, where in itertools.product(
                MODES, (None, "true", "false"), factories, (None, self.ca), ("url", "props")):
            if where == "props" and ssl == "false":
                continue  # as in the URL; keeps the run short
            params = [(k, v) for k, v in (("sslmode", mode), ("ssl", ssl),
                                          ("sslfactory", factory), ("sslrootcert", root))
                      if v is not None]
            label = "%s sslmode=%s ssl=%s factory=%s root=%s" % (
                where, mode, ssl, factory and factory.rsplit(".", 1)[1],
                "ca" if root else None)
            url = "jdbc:postgresql://localhost:@PORT/probe?user=probe"
            if where == "url":
                yield Variant(label, url + "".join("&%s=%s" % p for p in params))
            else:
                yield Variant(label, url, "\t".join("%s=%s" % p for p in params) or None)

    def source(self, v):
        props = ""
        for pair in (v.options or "").split("\t"):
            if pair:
                k, _, val = pair.partition("=")
                props += "        props.setProperty(%s, %s);\n" % (_q(k), _q(val))
        return ("import java.sql.Connection;\nimport java.sql.DriverManager;\n"
                "import java.util.Properties;\n\nclass Probe {\n"
                "    static Connection open() throws Exception {\n"
                "        Properties props = new Properties();\n%s"
                "        return DriverManager.getConnection(%s, props);\n    }\n}\n"
                % (props, _q(self.lint_conn(v))))


# --- JavaScript ----------------------------------------------------------------


def _node_modules(work, env):
    """npm install of the pinned drivers into the build tree, once."""
    with _BUILD_LOCK:
        return _npm_install(work, env)


def _npm_install(work, env):
    if not shutil.which("node") or not shutil.which("npm"):
        return None, "node and npm needed"
    root = os.path.join(work, "node")
    pkg = os.path.join(HERE, "package.json")
    stamp = os.path.join(root, "node_modules", ".probe-installed")
    if not os.path.exists(stamp) or os.path.getmtime(stamp) < os.path.getmtime(pkg):
        os.makedirs(root, exist_ok=True)
        shutil.copy(pkg, os.path.join(root, "package.json"))
        err = _run(["npm", "install", "--no-audit", "--no-fund", "--silent"], root,
                   dict(env, HOME=os.environ.get("HOME", "/root")))
        if err:
            return None, "npm install failed: " + err
        open(stamp, "w").close()
    return root, None


def _js(value, ca):
    if isinstance(value, dict):
        return "{ " + ", ".join("%s: %s" % (k, 'fs.readFileSync("ca.crt")' if v == "@CA" else _js(v, ca))
                                for k, v in value.items()) + " }"
    return json.dumps(value)


class NodePostgres(Driver):
    name = "node-postgres"
    package = "pg"
    extension = ".js"
    ssl_options = ("absent", True, False, {"rejectUnauthorized": False}, {"ca": "@CA"},
                   {"ca": "@CA", "rejectUnauthorized": False})

    def start(self, work, env):
        root, why = _node_modules(work, env)
        if root is None:
            return None, why
        with open(os.path.join(root, "node_modules", self.package, "package.json")) as f:
            self.version = json.load(f)["version"]
        return Client(["node", os.path.join(HERE, "client_node.js"), self.package],
                      dict(env, NODE_PATH=os.path.join(root, "node_modules"))), None

    def urls(self):
        for mode, compat, root, host in itertools.product(
                MODES, (False, True), (None, self.ca), ("localhost", "127.0.0.1")):
            params = []
            if mode is not None:
                params.append("sslmode=" + mode)
            if root:
                params.append("sslrootcert=" + root)
            if compat:
                params.append("uselibpqcompat=true")
            label = "%s sslmode=%s libpqcompat=%s root=%s" % (host, mode, compat, "ca" if root else None)
            yield label, ("postgresql://probe@%s:@PORT/probe" % host
                          + ("?" if params else "") + "&".join(params))

    def generate(self):
        for (label, url), ssl in itertools.product(self.urls(), self.ssl_options):
            if "127.0.0.1" in label and ssl not in ("absent", True):
                continue
            yield Variant(label + " ssl=" + json.dumps(ssl), url,
                          {} if ssl == "absent" else {"ssl": ssl})

    def source(self, v):
        opts = "connectionString: " + _q(self.lint_conn(v))
        if "ssl" in (v.options or {}):
            opts += ", ssl: " + _js(v.options["ssl"], self.ca)
        return ('const fs = require("fs");\nconst { Client } = require("pg");\n\n'
                "const client = new Client({ %s });\n" % opts)


class PostgresJs(NodePostgres):
    name = "postgres.js"
    package = "postgres"
    ssl_options = ("absent", True, False, "disable", "allow", "prefer", "require",
                   "verify-ca", "verify-full", {"rejectUnauthorized": False}, {"ca": "@CA"})

    def urls(self):
        for mode, host in itertools.product(
                MODES, ("localhost", "127.0.0.1", "localhost sslrootcert=system")):
            params = [] if mode is None else ["sslmode=" + mode]
            if host.endswith("system"):
                params.append("sslrootcert=system")
            label = "%s sslmode=%s" % (host, mode)
            yield label, ("postgres://probe@%s:@PORT/probe" % host.split()[0]
                          + ("?" if params else "") + "&".join(params))

    def generate(self):
        for (label, url), ssl in itertools.product(self.urls(), self.ssl_options):
            yield Variant(label + " ssl=" + json.dumps(ssl), url,
                          {} if ssl == "absent" else {"ssl": ssl})

    def source(self, v):
        args = _q(self.lint_conn(v))
        if "ssl" in (v.options or {}):
            args += ", { ssl: %s }" % _js(v.options["ssl"], self.ca)
        return ('const fs = require("fs");\nconst postgres = require("postgres");\n\n'
                "const sql = postgres(%s);\n" % args)


def drivers(ca):
    return {d.name: d for d in (cls(ca) for cls in (
        Psycopg, Psycopg2, Asyncpg, Pgx, LibPq, Pgjdbc, NodePostgres, PostgresJs))}
