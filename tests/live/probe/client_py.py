"""client_py.py DRIVER — connects with a Python driver (psycopg, psycopg2 or
asyncpg) once per input line and prints one result line.

Input line: a connection string, a tab, then a JSON object of keyword
arguments (asyncpg's ssl= may be a string or a boolean). Output line:
"ok" or "error <class>: <message>". Run with Debian's /usr/bin/python3,
where the python3-psycopg, python3-psycopg2 and python3-asyncpg packages
live."""

import asyncio
import json
import sys


def connect_psycopg(conn, kwargs):
    import psycopg
    psycopg.connect(conn, connect_timeout=5, **kwargs).close()


def connect_psycopg2(conn, kwargs):
    import psycopg2
    psycopg2.connect(conn, connect_timeout=5, **kwargs).close()


def connect_asyncpg(conn, kwargs):
    import asyncpg

    async def run():
        c = await asyncpg.connect(dsn=conn, timeout=5, **kwargs)
        await c.close()
    asyncio.run(run())


DRIVERS = {"psycopg": connect_psycopg, "psycopg2": connect_psycopg2,
           "asyncpg": connect_asyncpg}


def main():
    connect = DRIVERS[sys.argv[1]]
    for line in sys.stdin:
        conn, _, opts = line.rstrip("\n").partition("\t")
        try:
            connect(conn, json.loads(opts or "{}"))
            print("ok", flush=True)
        except Exception as e:  # the driver's verdict, whatever its class
            text = " ".join(str(e).split())[:200]
            print("error %s: %s" % (type(e).__name__, text), flush=True)


main()
