// client_node.js DRIVER — connects with node-postgres ("pg") or postgres.js
// ("postgres") once per input line and prints one result line.
// Input line: a connection string, a tab, a JSON object of options (ssl:
// a boolean, a string or an object; "@CA" in ssl.ca names the test CA's
// file). Output line: "ok" or "error <message>". The packages come from
// npm, pinned, in the build tree (tests/live/probe/package.json).
'use strict';
const fs = require('fs');
const readline = require('readline');

const driver = process.argv[2];
const caFile = process.env.PROBE_CA;

function options(json) {
  const o = JSON.parse(json || '{}');
  if (o.ssl && typeof o.ssl === 'object' && o.ssl.ca === '@CA')
    o.ssl.ca = fs.readFileSync(caFile);
  return o;
}

async function connectPg(conn, opts) {
  const { Client } = require('pg');
  const c = new Client({ connectionString: conn, connectionTimeoutMillis: 5000, ...opts });
  try {
    await c.connect();
  } finally {
    await c.end().catch(() => {});
  }
}

async function connectPostgres(conn, opts) {
  const postgres = require('postgres');
  // postgres.js connects on the first query; the probe answers every
  // query with an error once the startup is done, which means connected.
  const sql = postgres(conn, { connect_timeout: 5, max: 1, onnotice: () => {}, ...opts });
  try {
    await sql`select 1`;
  } catch (e) {
    if (!String(e.message).includes('probe: no queries'))
      throw e;
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}

// A connection the probe closes after its attempt may still emit an
// error: the attempt is over, its line printed; the program goes on.
process.on('uncaughtException', () => {});
process.on('unhandledRejection', () => {});

const connect = driver === 'pg' ? connectPg : connectPostgres;
const lines = readline.createInterface({ input: process.stdin });
const queue = [];
let busy = false;

async function drain() {
  if (busy)
    return;
  busy = true;
  while (queue.length) {
    const line = queue.shift();
    const tab = line.indexOf('\t');
    const conn = tab < 0 ? line : line.slice(0, tab);
    try {
      await connect(conn, options(tab < 0 ? '' : line.slice(tab + 1)));
      process.stdout.write('ok\n');
    } catch (e) {
      process.stdout.write('error ' + String(e && e.message).replace(/\s+/g, ' ').slice(0, 200) + '\n');
    }
  }
  busy = false;
}

lines.on('line', (line) => { queue.push(line); drain(); });
