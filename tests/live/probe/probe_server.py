"""probe_server.py — a loopback server that plays PostgreSQL's opening and
records what a client really sends (issue 15).

One listening port per scenario. A scenario decides the answer to an
SSLRequest ('S' or 'N'), the certificate presented after 'S', and whether
a StartupMessage that arrives in plaintext is accepted or refused with an
error (the way a hostssl-only server refuses it). Every connection becomes
one record: did the client ask for TLS, did the handshake complete, and did
a StartupMessage arrive, encrypted or in plaintext. The harness turns the
records of one connection attempt into the driver's real outcome.

Protocol facts (PostgreSQL 15 docs, "Message Flow" and "Message Formats",
https://www.postgresql.org/docs/15/protocol-flow.html#id-1.10.6.7.12 and
src/include/libpq/pqcomm.h): SSLRequest is length 8 and code 80877103,
GSSENCRequest 80877104, CancelRequest 80877102, protocol 3.0 is 196608; a
server that accepts TLS answers the single byte 'S', otherwise 'N'. A
direct TLS ClientHello (PostgreSQL 17 sslnegotiation=direct) starts with
the TLS record type 0x16.
"""

import socket
import ssl
import struct
import threading

SSL_REQUEST = 80877103
GSSENC_REQUEST = 80877104
CANCEL_REQUEST = 80877102
PROTOCOL_3 = 196608
MAX_STARTUP_PACKET_LENGTH = 10000  # src/include/libpq/pqcomm.h

# scenario name -> (answer to SSLRequest, certificate key, plaintext startup)
SCENARIOS = {
    "good": ("S", "good", "accept"),
    "no-tls": ("N", None, "accept"),
    "self-signed": ("S", "self", "accept"),
    "wrong-host": ("S", "wronghost", "accept"),
    "expired": ("S", "expired", "accept"),
    "plain-refused": ("S", "good", "refuse"),
}


def _read_exact(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return data


def _message(kind, payload):
    return kind + struct.pack("!I", len(payload) + 4) + payload


def _error(severity, code, text):
    fields = b"S" + severity + b"\0V" + severity + b"\0C" + code + b"\0M" + text + b"\0\0"
    return _message(b"E", fields)


def _ready_for_startup():
    out = _message(b"R", struct.pack("!I", 0))  # AuthenticationOk
    for key, value in (
        (b"server_version", b"15.0"),
        (b"server_encoding", b"UTF8"),
        (b"client_encoding", b"UTF8"),
        (b"DateStyle", b"ISO, MDY"),
        (b"integer_datetimes", b"on"),
        (b"standard_conforming_strings", b"on"),
        (b"TimeZone", b"UTC"),
        (b"IntervalStyle", b"postgres"),
        (b"is_superuser", b"off"),
        (b"session_authorization", b"probe"),
        (b"application_name", b""),
    ):
        out += _message(b"S", key + b"\0" + value + b"\0")
    out += _message(b"K", struct.pack("!II", 4242, 4242))
    return out + _message(b"Z", b"I")


class Probe:
    """Listens on 127.0.0.1, one port per scenario, until close()."""

    def __init__(self, certs):
        self._contexts = {}
        for key, (cert, keyfile) in certs.items():
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.minimum_version = ssl.TLSVersion.TLSv1_2
            ctx.load_cert_chain(cert, keyfile)
            self._contexts[key] = ctx
        self._lock = threading.Lock()
        self._records = []
        self._listeners = {}
        self.ports = {}
        for name in SCENARIOS:
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("127.0.0.1", 0))
            s.listen(16)
            self._listeners[name] = s
            self.ports[name] = s.getsockname()[1]
            threading.Thread(target=self._accept, args=(name, s), daemon=True).start()

    def take_records(self):
        """The records of every connection since the last call. Each is
        filled in before the server answers, so once the client has said
        how its attempt ended they are final, even for a connection it
        left open (lib/pq keeps a socket whose certificate it rejected)."""
        with self._lock:
            out, self._records = self._records, []
        return out

    def close(self):
        for s in self._listeners.values():
            s.close()

    def _accept(self, name, listener):
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(name, conn), daemon=True).start()

    def _serve(self, name, conn):
        answer, cert, plain = SCENARIOS[name]
        rec = {"scenario": name, "tls_requested": False, "handshake": None,
               "startup": None, "direct_tls": False}
        with self._lock:
            self._records.append(rec)
        sock = conn
        try:
            conn.settimeout(10)
            while True:
                if sock is conn:
                    head = conn.recv(1, socket.MSG_PEEK)
                    if not head:
                        break
                    if head == b"\x16":
                        rec["direct_tls"] = True
                        break
                length, code = struct.unpack("!II", _read_exact(sock, 8))
                if length < 8 or length > MAX_STARTUP_PACKET_LENGTH:
                    break  # as the server: "invalid length of startup packet"
                if code == SSL_REQUEST and sock is conn:
                    rec["tls_requested"] = True
                    sock.sendall(answer.encode())
                    if answer == "S":
                        try:
                            sock = self._contexts[cert].wrap_socket(conn, server_side=True)
                            rec["handshake"] = "done"
                        except (ssl.SSLError, OSError) as e:
                            rec["handshake"] = "aborted: " + str(e)[:80]
                            break
                    continue
                if code == GSSENC_REQUEST:
                    sock.sendall(b"N")
                    continue
                if code != PROTOCOL_3:
                    break
                body = _read_exact(sock, max(0, length - 8))
                parts = body.split(b"\0")
                params = dict(zip(parts[0::2], parts[1::2]))
                rec["startup"] = "encrypted" if sock is not conn else "plaintext"
                rec["user"] = params.get(b"user", b"").decode("utf-8", "replace")
                if sock is conn and plain == "refuse":
                    sock.sendall(_error(b"FATAL", b"28000", b"probe: plaintext refused"))
                    break
                sock.sendall(_ready_for_startup())
                self._after_startup(sock)
                break
        except (EOFError, OSError, struct.error, ValueError):
            pass
        finally:
            try:
                sock.close()
            except OSError:
                pass

    @staticmethod
    def _after_startup(sock):
        """Answer what a client sends once connected, until it says
        Terminate: an error for any query, ReadyForQuery at each Sync."""
        while True:
            kind = _read_exact(sock, 1)
            length = struct.unpack("!I", _read_exact(sock, 4))[0]
            _read_exact(sock, max(0, length - 4))
            if kind == b"X":
                return
            if kind == b"Q":
                sock.sendall(_error(b"ERROR", b"0A000", b"probe: no queries")
                             + _message(b"Z", b"I"))
            elif kind == b"S":
                sock.sendall(_error(b"ERROR", b"0A000", b"probe: no queries")
                             + _message(b"Z", b"I"))
