"""certs.py — the probe's certificates, made with the openssl command:
a test CA; a leaf it signs for localhost and 127.0.0.1 ("good"); one it
signs for another host ("wronghost"); a self-signed leaf for localhost
("self"); and one it signed for localhost that expired ("expired")."""

import os
import subprocess

SAN_LOCAL = "subjectAltName=DNS:localhost,IP:127.0.0.1"
SAN_OTHER = "subjectAltName=DNS:other.example"


def _openssl(*args, cwd):
    subprocess.run(("openssl",) + args, cwd=cwd, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _key(name, cwd):
    _openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
             "-out", name + ".key", cwd=cwd)


def _signed(name, cn, san, cwd, dates=None):
    _key(name, cwd)
    _openssl("req", "-new", "-key", name + ".key", "-subj", "/CN=" + cn,
             "-out", name + ".csr", cwd=cwd)
    with open(os.path.join(cwd, name + ".ext"), "w") as f:
        f.write(san + "\n")
    if dates is None:
        _openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                 "-CAcreateserial", "-days", "30", "-extfile", name + ".ext",
                 "-out", name + ".crt", cwd=cwd)
        return
    # openssl x509 cannot date a certificate in the past; openssl ca can.
    with open(os.path.join(cwd, "ca.cnf"), "w") as f:
        f.write("[ca]\ndefault_ca=probe\n[probe]\ndir=.\ndatabase=index.txt\n"
                "new_certs_dir=.\nserial=serial\ndefault_md=sha256\npolicy=any\n"
                "copy_extensions=none\n[any]\ncommonName=supplied\n[ext]\n" + san + "\n")
    open(os.path.join(cwd, "index.txt"), "w").close()
    with open(os.path.join(cwd, "serial"), "w") as f:
        f.write("1000\n")
    _openssl("ca", "-batch", "-config", "ca.cnf", "-cert", "ca.crt", "-keyfile", "ca.key",
             "-startdate", dates[0], "-enddate", dates[1], "-extensions", "ext",
             "-in", name + ".csr", "-out", name + ".crt", "-notext", cwd=cwd)


def make(directory):
    """Writes the certificates into directory; returns the CA's path and
    {name: (certificate, key)}."""
    os.makedirs(directory, exist_ok=True)
    _key("ca", directory)
    _openssl("req", "-x509", "-new", "-key", "ca.key", "-subj", "/CN=pgtlslint probe CA",
             "-days", "30", "-addext", "basicConstraints=critical,CA:TRUE",
             "-addext", "keyUsage=critical,keyCertSign,cRLSign", "-out", "ca.crt", cwd=directory)
    _signed("good", "localhost", SAN_LOCAL, directory)
    _signed("wronghost", "other.example", SAN_OTHER, directory)
    _signed("expired", "localhost", SAN_LOCAL, directory,
            dates=("200101000000Z", "200201000000Z"))
    _key("self", directory)
    _openssl("req", "-x509", "-new", "-key", "self.key", "-subj", "/CN=localhost",
             "-days", "30", "-addext", SAN_LOCAL, "-out", "self.crt", cwd=directory)
    names = ("good", "wronghost", "expired", "self")
    return (os.path.join(directory, "ca.crt"),
            {n: (os.path.join(directory, n + ".crt"), os.path.join(directory, n + ".key"))
             for n in names})
