// verify_host.js -- Node's own host name check (tls.checkServerIdentity,
// what node-postgres and postgres.js run for verify-full) on a
// certificate file, for each host given, with the peer certificate as a
// TLS socket presents it (subject.CN, subjectaltname): prints "host ok"
// or "host fail".
const fs = require("fs");
const tls = require("tls");
const { X509Certificate } = require("crypto");

const x = new X509Certificate(fs.readFileSync(process.argv[2]));
const subject = {};
for (const line of x.subject.split("\n")) {
  const at = line.indexOf("=");
  if (at > 0) subject[line.slice(0, at)] = line.slice(at + 1);
}
const peer = { subject, subjectaltname: x.subjectAltName };
for (const host of process.argv.slice(3)) {
  const err = tls.checkServerIdentity(host, peer);
  console.log(host + " " + (err ? "fail" : "ok"));
}
