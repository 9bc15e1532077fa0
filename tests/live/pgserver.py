"""pgserver.py -- a throw-away PostgreSQL server for the live tests.

initdb in a temporary directory, started as the postgres user when run as
root (the server refuses root), Unix socket in the same directory, TCP only
on loopback when asked. Certificates come from the openssl command.
"""
import glob
import os
import pwd
import shutil
import subprocess
import tempfile


def find_bindir():
    """The newest /usr/lib/postgresql/N/bin, or None."""
    dirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                  key=lambda d: int(d.split("/")[-2]))
    return dirs[-1] if dirs else None


def bindir_version(bindir):
    return int(bindir.split("/")[-2])


class Server:
    def __init__(self, bindir, port):
        self.bindir = bindir
        self.port = str(port)
        self.tmp = tempfile.mkdtemp(prefix="pgtlslint-live-")
        self.data = os.path.join(self.tmp, "data")
        self.sock = os.path.join(self.tmp, "sock")
        os.mkdir(self.sock)
        self.as_user = []
        self.owner = None
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            self.owner = (pw.pw_uid, pw.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.chown(self.tmp)
        self.chown(self.sock)

    def chown(self, path):
        if self.owner:
            os.chown(path, *self.owner)

    def run(self, *args):
        return subprocess.run(self.as_user + list(args), check=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)

    def path(self, *parts):
        return os.path.join(self.tmp, *parts)

    def write(self, path, data, mode=None):
        """Writes a file the server can read (path is absolute)."""
        os.makedirs(os.path.dirname(path), exist_ok=True)
        self.chown(os.path.dirname(path))
        with open(path, "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode())
        if mode is not None:
            os.chmod(path, mode)
        self.chown(path)

    def make_certs(self, hostname="localhost"):
        """A CA and a server certificate for hostname; returns their paths."""
        d = self.path("tls")
        os.makedirs(d, exist_ok=True)
        ossl = ["openssl"]
        subprocess.run(ossl + ["req", "-x509", "-newkey", "rsa:2048",
                               "-nodes", "-days", "2", "-subj",
                               "/CN=pgtlslint test CA",
                               "-keyout", d + "/ca.key", "-out",
                               d + "/ca.crt"],
                       check=True, capture_output=True)
        subprocess.run(ossl + ["req", "-newkey", "rsa:2048", "-nodes",
                               "-subj", "/CN=" + hostname, "-keyout",
                               d + "/server.key", "-out", d + "/server.csr"],
                       check=True, capture_output=True)
        ext = d + "/ext.cnf"
        with open(ext, "w") as f:
            f.write("subjectAltName=DNS:%s,IP:127.0.0.1\n" % hostname)
        subprocess.run(ossl + ["x509", "-req", "-in", d + "/server.csr",
                               "-CA", d + "/ca.crt", "-CAkey", d + "/ca.key",
                               "-CAcreateserial", "-days", "2", "-extfile",
                               ext, "-out", d + "/server.crt"],
                       check=True, capture_output=True)
        for name in os.listdir(d):
            self.chown(os.path.join(d, name))
        os.chmod(d + "/server.key", 0o600)
        self.chown(d)
        return d + "/ca.crt", d + "/server.crt", d + "/server.key"

    def start(self, conf="", tcp=False):
        """initdb, replace postgresql.conf with conf, start."""
        self.run(os.path.join(self.bindir, "initdb"), "-D", self.data,
                 "-A", "trust", "-U", "postgres", "--no-sync")
        self.write(os.path.join(self.data, "postgresql.conf"), conf)
        opts = "-c unix_socket_directories=%s -c port=%s" % (self.sock,
                                                             self.port)
        opts += " -c listen_addresses=%s" % ("127.0.0.1" if tcp else "''")
        self.run(os.path.join(self.bindir, "pg_ctl"), "-D", self.data,
                 "-o", opts, "-l", self.path("log"), "-w", "start")

    def config_accepted(self):
        """Whether the postmaster would start with the data directory's
        configuration files: postgres -C reads them as startup does
        (SelectConfigFiles) and exits with an error for one it refuses."""
        r = subprocess.run(self.as_user + [
            os.path.join(self.bindir, "postgres"), "-D", self.data,
            "-C", "data_directory"], stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE, text=True)
        return r.returncode == 0, r.stderr

    def reload(self):
        self.run(os.path.join(self.bindir, "pg_ctl"), "-D", self.data,
                 "reload")

    def stop(self):
        subprocess.run(self.as_user + [os.path.join(self.bindir, "pg_ctl"),
                       "-D", self.data, "-m", "immediate", "stop"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def query(self, sql, db="postgres"):
        """Rows of sql run as postgres over the Unix socket."""
        out = subprocess.run(
            [os.path.join(self.bindir, "psql"), "-X", "-h", self.sock, "-p",
             self.port, "-U", "postgres", "-d", db, "-At", "-F", "\x1f",
             "-R", "\x1e", "-c", sql],
            check=True, stdout=subprocess.PIPE, text=True).stdout
        return [r.strip("\n").split("\x1f") for r in out.split("\x1e")
                if r.strip("\n")]

    def connect_tcp(self, db, user, sslmode, password=None):
        """True when a TCP connection to 127.0.0.1 is accepted."""
        env = dict(os.environ, PGCONNECT_TIMEOUT="5")
        env.pop("PGSSLMODE", None)
        env["PGPASSWORD"] = password or "no-password"
        r = subprocess.run(
            [os.path.join(self.bindir, "psql"), "-X", "-At", "-c",
             "select ssl from pg_stat_ssl where pid = pg_backend_pid()",
             "host=127.0.0.1 port=%s dbname=%s user=%s sslmode=%s"
             % (self.port, db, user, sslmode)],
            env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True)
        return r.returncode == 0


class Tally:
    """Comparisons between the server (or libpq) and pgtlslint."""

    def __init__(self):
        self.checked = self.agreed = 0
        self.disagreements = []
        self.wanted = {}  # how often the oracle said each answer

    def compare(self, what, want, got):
        self.checked += 1
        self.wanted[str(want)] = self.wanted.get(str(want), 0) + 1
        if want == got:
            self.agreed += 1
        else:
            self.disagreements.append("%s: server %r, pgtlslint %r"
                                      % (what, want, got))
