/* SPDX-License-Identifier: MIT */
/*
 * scan_py.c — from Python tokens to client facts.
 *
 * The driver comes from the file's imports: psycopg, psycopg2 and
 * psycopg_pool speak libpq; asyncpg has its own table. A file importing
 * neither has no driver context (RULES.md decision 2), and its SSLContext
 * settings do not count (decision 9).
 *
 * What is judged:
 * - every string expression that is a connection string or URL (adjacent
 *   literals join; an f-string's fields are unknown parts);
 * - psycopg's connect(conninfo, **kwargs) and the pools that take a
 *   conninfo, under any name an import binds (from psycopg import
 *   connect; import psycopg2 as pg): keyword arguments that are libpq keywords
 * override the string's (psycopg/conninfo.py make_conninfo: "Parameters
 * overriding the ones specified in conninfo"; None arguments are dropped, and
 * so are the ones we cannot read: unknown);
 * - asyncpg's connect/create_pool ssl= argument, which replaces the DSN's
 *   sslmode (asyncpg/connect_utils.py _parse_connect_dsn_and_args reads
 *   sslmode from the DSN only when ssl is None);
 * - SQLAlchemy's create_engine(url, connect_args={...}): connect_args
 *   are keyword arguments of the dialect's connect(), applied over the
 *   URL's query; the URL's dialect names the driver;
 * - ctx.check_hostname = False and ctx.verify_mode = ssl.CERT_NONE
 *   (PGT305): the context then accepts any certificate or host.
 */
#include "scan_py.h"

#include <stdlib.h>
#include <string.h>

#include "../model/client.h"
#include "../model/conn_string.h"
#include "../parsers/conninfo.h"
#include "../util/scan.h"
#include "../util/xalloc.h"
#include "eval.h"
#include "scan_common.h"
#include "scan_py_frameworks.h"

/* What the file's imports bind: the driver, names standing for a driver
 * module or its Connection classes (import psycopg as pg), and names of
 * its connect functions (from asyncpg import connect, create_pool). */
#define PY_MAX_NAMES 16
struct py_name {
	size_t tok; /* where the import binds it */
	int driver; /* the module's; -1 for SQLAlchemy's */
};

struct py_names {
	int driver;	/* the first imported; -1: none */
	int sqlalchemy; /* create_engine judged */
	struct py_name owners[PY_MAX_NAMES], functions[PY_MAX_NAMES];
	size_t nowners, nfunctions;
};

static int
driver_module(const struct tokens *ts, size_t i)
{
	if (tok_is(ts, i, "psycopg") || tok_is(ts, i, "psycopg2") ||
	    tok_is(ts, i, "psycopg_pool"))
		return DRIVER_LIBPQ;
	if (tok_is(ts, i, "asyncpg"))
		return DRIVER_ASYNCPG;
	return -1;
}

static void
bind_name(struct py_name *v, size_t *n, size_t tok, int driver)
{
	if (*n < PY_MAX_NAMES) {
		v[*n].tok = tok;
		v[(*n)++].driver = driver;
	}
}

/* The binding named like token i (the last one wins), or NULL. */
static const struct py_name *
bound(const struct tokens *ts, const struct py_name *v, size_t n, size_t i)
{
	const struct py_name *hit = NULL;
	size_t k;

	for (k = 0; k < n; k++)
		if (tok_same(ts, v[k].tok, i))
			hit = &v[k];
	return hit;
}

/* The token after a dotted name starting at i (psycopg2.pool). */
static size_t
skip_dotted(const struct tokens *ts, size_t i)
{
	while (i + 2 < ts->nr && tok_is(ts, i + 1, ".") &&
	       tok_kind(ts, i + 2) == TOK_IDENT)
		i += 2;
	return i + 1;
}

/* from MODULE import a [as b], ... or (a, b) */
static void
read_from_import(const struct tokens *ts, size_t i, int driver,
		 struct py_names *n)
{
	size_t k = skip_dotted(ts, i + 1), end = ts->nr;

	if (!tok_is(ts, k++, "import"))
		return;
	if (tok_is(ts, k, "(") && tok_match(ts, k))
		end = tok_match(ts, k++);
	while (k < end && tok_kind(ts, k) == TOK_IDENT) {
		size_t name = k, as = k;

		if (tok_is(ts, k + 1, "as") && k + 2 < end &&
		    tok_kind(ts, k + 2) == TOK_IDENT)
			as = k = k + 2;
		if (driver >= 0 ? tok_is(ts, name, "connect") ||
				      tok_is(ts, name, "create_pool")
				: tok_is(ts, name, "create_engine") ||
				      tok_is(ts, name, "create_async_engine"))
			bind_name(n->functions, &n->nfunctions, as, driver);
		else if (driver >= 0 && (tok_is(ts, name, "Connection") ||
					 tok_is(ts, name, "AsyncConnection")))
			bind_name(n->owners, &n->nowners, as, driver);
		if (!tok_is(ts, k + 1, ","))
			break;
		k += 2;
	}
}

static void
py_read_imports(const struct tokens *ts, struct py_names *n)
{
	size_t i, k;
	int d;

	memset(n, 0, sizeof(*n));
	n->driver = -1;
	for (i = 0; i + 1 < ts->nr; i++) {
		int from = tok_is(ts, i, "from"), engines;

		if (!from && !tok_is(ts, i, "import"))
			continue;
		/* SQLModel's create_engine is SQLAlchemy's */
		engines = tok_is(ts, i + 1, "sqlalchemy") ||
			  tok_is(ts, i + 1, "sqlmodel");
		d = driver_module(ts, i + 1);
		if (!engines && d < 0)
			continue;
		n->sqlalchemy |= engines;
		if (d >= 0 && n->driver < 0)
			n->driver = d;
		if (from) {
			read_from_import(ts, i, d, n);
			continue;
		}
		/* import psycopg [as pg], import sqlalchemy [as sa] */
		k = skip_dotted(ts, i + 1);
		bind_name(n->owners, &n->nowners,
			  tok_is(ts, k, "as") && k + 1 < ts->nr &&
				  tok_kind(ts, k + 1) == TOK_IDENT
			      ? k + 1
			      : i + 1,
			  d);
	}
}

/* Calls that take a connection: psycopg.connect(...), psycopg2.connect,
 * (Async)Connection.connect, asyncpg.connect / create_pool, the names an
 * import bound to them, the pool classes of psycopg_pool and
 * psycopg2.pool (CALL_CONNECT, with *driver the module's), and
 * SQLAlchemy's create_engine (CALL_ENGINE). */
enum call { CALL_NONE, CALL_CONNECT, CALL_ENGINE };

static enum call
connect_call(const struct tokens *ts, size_t i, const struct py_names *n,
	     int *driver)
{
	static const char *const pools[] = {
	    "ConnectionPool", "AsyncConnectionPool", "SimpleConnectionPool",
	    "ThreadedConnectionPool"};
	const struct py_name *b;
	size_t k;
	int dotted = i >= 2 && tok_is(ts, i - 1, ".");

	if (!tok_is(ts, i + 1, "(") || !tok_match(ts, i + 1) ||
	    (i && tok_is(ts, i - 1, "def")))
		return CALL_NONE;
	*driver = DRIVER_LIBPQ;
	for (k = 0; n->driver >= 0 && k < sizeof(pools) / sizeof(pools[0]); k++)
		if (tok_is(ts, i, pools[k]))
			return CALL_CONNECT;
	if (!dotted) {
		b = bound(ts, n->functions, n->nfunctions, i);
		*driver = b ? b->driver : -1;
		return !b	       ? CALL_NONE
		       : b->driver < 0 ? CALL_ENGINE
				       : CALL_CONNECT;
	}
	if (driver_module(ts, i - 2) >= 0 || tok_is(ts, i - 2, "sqlalchemy"))
		*driver = driver_module(ts, i - 2);
	else if ((b = bound(ts, n->owners, n->nowners, i - 2)))
		*driver = b->driver;
	else if (n->driver >= 0 && (tok_is(ts, i - 2, "Connection") ||
				    tok_is(ts, i - 2, "AsyncConnection")))
		*driver = n->driver;
	else
		return CALL_NONE;
	if (*driver < 0)
		return n->sqlalchemy && (tok_is(ts, i, "create_engine") ||
					 tok_is(ts, i, "create_async_engine"))
			   ? CALL_ENGINE
			   : CALL_NONE;
	return tok_is(ts, i, "connect") || tok_is(ts, i, "create_pool")
		   ? CALL_CONNECT
		   : CALL_NONE;
}

/* ssl._create_unverified_context() at token v: a context that checks
 * nothing (Lib/ssl.py: CERT_NONE, check_hostname False). */
static int
unverified_context(const struct tokens *ts, size_t v)
{
	return tok_is(ts, v, "ssl") && tok_punct(ts, v + 1, '.') &&
	       tok_is(ts, v + 2, "_create_unverified_context");
}

/* Adds keyword argument name=value (expression at token v) to args when
 * it sets a connection parameter: a libpq keyword (password too: PGT308
 * when we see it), or asyncpg's ssl=, which replaces the DSN's sslmode.
 * A value built at run time is unknown. Returns 1 for sslmode. */
int
py_add_keyword(struct fact_ctx *fx, struct client_fact *args, struct eval *ev,
	       const char *name, size_t v, int driver)
{
	const struct tokens *ts = ev->ts;
	const char *key = driver == DRIVER_ASYNCPG && !strcmp(name, "ssl")
			      ? "sslmode"
			  : conninfo_is_keyword(name, fx->pg_version) ? name
								      : NULL;
	struct client_param *p;
	const struct eval_binding *bd;
	struct value val;
	size_t b = tok_begin(ts, v), e = tok_end(ts, v);
	char *text = NULL;

	/* None: psycopg's make_conninfo drops it, asyncpg's ssl=None is its
	 * default */
	if (!key || tok_is(ts, v, "None"))
		return 0;
	if (driver == DRIVER_ASYNCPG && unverified_context(ts, v))
		facts_add(fx->out, FACT_NO_VERIFY, ts->src, b,
			  tok_end(ts, v + 2), driver,
			  "ssl=ssl._create_unverified_context() accepts any "
			  "server certificate");
	else if (driver == DRIVER_ASYNCPG && tok_kind(ts, v) == TOK_IDENT &&
		 !tok_punct(ts, v + 1, '(') && (bd = eval_lookup(ev, v)) &&
		 unverified_context(ts, bd->expr))
		/* reported where the context is made */
		facts_add(fx->out, FACT_NO_VERIFY, ts->src,
			  tok_begin(ts, bd->expr), tok_end(ts, bd->expr + 2),
			  driver,
			  "ssl._create_unverified_context(), passed as ssl=, "
			  "accepts any server certificate");
	if (tok_kind(ts, v) == TOK_NUMBER || tok_is(ts, v, "True") ||
	    tok_is(ts, v, "False"))
		text = xstrndup(ts->src->text + b, e - b);
	else {
		value_init(&val);
		eval_expr(ev, v, &val);
		if (!value_has_unknown(val.text.ptr, val.text.len) &&
		    strlen(val.text.ptr) == val.text.len) {
			text = xstrdup(val.text.ptr);
			if (val.text.len) {
				b = value_offset(&val, 0);
				e = value_offset(&val, val.text.len - 1) + 1;
			}
		}
		value_release(&val);
	}
	p = client_fact_add(args, key, text, b, e);
	p->overrides = 1;
	/* ssl=True/False: a Python boolean, never a mode name to check */
	p->in_code = tok_is(ts, v, "True") || tok_is(ts, v, "False");
	p->exact = text && e - b == strlen(text) &&
		   !memcmp(ts->src->text + b, text, e - b);
	free(text);
	return !strcmp(key, "sslmode");
}

/*
 * A dict of connection keywords at token v -- {"sslmode": ...} or
 * dict(sslmode=...), or a name bound once to one: SQLAlchemy's
 * connect_args (keyword arguments of the DBAPI's connect() on top of the
 * URL's query, sqlalchemy/engine/create.py: cparams.update(pop_kwarg(
 * "connect_args", {}))), or a connect(**kwargs). Returns 1 when it sets
 * sslmode, -1 when it is not a dict we can read.
 */
int
py_add_dict(struct fact_ctx *fx, struct client_fact *args, struct eval *ev,
	    size_t v, int driver)
{
	const struct tokens *ts = ev->ts;
	const struct eval_binding *bd;
	int braces, mode = 0;
	size_t open, k, bound_to = 0;

	if (tok_kind(ts, v) == TOK_IDENT && !tok_punct(ts, v + 1, '(') &&
	    (bd = eval_lookup(ev, v))) {
		bound_to = v;
		v = bd->expr;
	}
	braces = tok_is(ts, v, "{");
	open = braces ? v : v + 1;
	if (!(braces || (tok_is(ts, v, "dict") && tok_is(ts, open, "("))) ||
	    !tok_match(ts, open))
		return -1;
	if (bound_to) /* NAME["key"] = value anywhere after the binding */
		for (k = tok_match(ts, open); k + 5 < ts->nr; k++) {
			char *key;

			if (!tok_same(ts, k, bound_to) || tok_punct(ts, k - 1, '.') ||
			    !tok_is(ts, k + 1, "[") || !tok_is(ts, k + 3, "]") ||
			    !tok_is(ts, k + 4, "=") || tok_is(ts, k + 5, "=") ||
			    !(key = tok_literal(ts, k + 2)))
				continue;
			mode |= py_add_keyword(fx, args, ev, key, k + 5, driver);
			free(key);
		}
	for (k = open + 1; k + 2 < tok_match(ts, open); k++) {
		char *name;

		if (tok_match(ts, k)) {
			k = tok_match(ts, k);
			continue;
		}
		if ((k != open + 1 && !tok_is(ts, k - 1, ",")) ||
		    !tok_is(ts, k + 1, braces ? ":" : "="))
			continue;
		name = braces ? tok_literal(ts, k)
		       : tok_kind(ts, k) == TOK_IDENT
			   ? xstrndup(ts->src->text + tok_begin(ts, k),
				      tok_end(ts, k) - tok_begin(ts, k))
			   : NULL;
		if (name)
			mode |= py_add_keyword(fx, args, ev, name, k + 2, driver);
		free(name);
	}
	return mode;
}

/* SQLAlchemy's dialect of the URL at token t: postgresql+asyncpg is
 * asyncpg, every other PostgreSQL dialect speaks libpq's keywords. */
static int
sqlalchemy_driver(struct eval *ev, size_t t, int async)
{
	struct value url;
	int asyncpg;

	value_init(&url);
	if (t)
		eval_expr(ev, t, &url);
	asyncpg = !strncmp(url.text.ptr, "postgresql+asyncpg", 18) ||
		  /* a URL we cannot read: create_async_engine's usual
		   * PostgreSQL dialect is asyncpg (SQLAlchemy's asyncio
		   * documentation) */
		  (async && (!t || eval_all_unknown(ev, t, 1)));
	value_release(&url);
	return asyncpg ? DRIVER_ASYNCPG : DRIVER_LIBPQ;
}

/* The SQLAlchemy URL at token t names a dialect other than PostgreSQL's
 * (its scheme, before "://" or "+", is known and is not postgresql or
 * postgres). */
static int
foreign_engine_url(struct eval *ev, size_t t)
{
	struct value url;
	const char *sep;
	int foreign = 0;

	if (!t)
		return 0;
	value_init(&url);
	eval_expr(ev, t, &url);
	sep = strstr(url.text.ptr, "://");
	if (sep && !memchr(url.text.ptr, VALUE_UNKNOWN,
			   (size_t)(sep - url.text.ptr)))
		foreign = strncmp(url.text.ptr, "postgres", 8) != 0;
	value_release(&url);
	return foreign;
}

/*
 * The call whose "(" is token open: its conninfo (the first positional
 * argument, or conninfo=/dsn=: a connection string of the driver whatever
 * it looks like, RULES.md decision 12) and its keyword arguments, judged
 * together. For create_engine (engine), only connect_args are the
 * driver's.
 */
static void
judge_connect_call(struct fact_ctx *fx, struct eval *ev, size_t open,
		   int driver, int engine)
{
	struct tokens *ts = ev->ts;
	size_t close = tok_match(ts, open), k, dsn = 0;
	int dsn_unknown = 0, has_mode = 0, positional = 0;
	const struct client_param *pw;
	struct client_fact args;

	if (engine && foreign_engine_url(ev, tok_call_arg(ts, open, 0)))
		return; /* sqlite://, mysql+pymysql://: another database */
	if (engine)
		driver = sqlalchemy_driver(
		    ev, tok_call_arg(ts, open, 0),
		    tok_is(ts, open - 1, "create_async_engine"));
	client_fact_init(&args, (enum driver)driver, ts->src,
			 tok_begin(ts, open), tok_end(ts, close),
			 engine ? "create_engine() connect_args"
				: "connect() arguments");
	for (k = open + 1; k < close; k++) {
		int at_arg = k == open + 1 || tok_is(ts, k - 1, ",");
		size_t v = k + 2;
		char *name;

		if (tok_match(ts, k)) {
			k = tok_match(ts, k);
			continue;
		}
		if (!at_arg)
			continue;
		if (tok_punct(ts, k, '*') && tok_punct(ts, k + 1, '*')) {
			/* connect(**params): the dict's keywords */
			if (py_add_dict(fx, &args, ev, k + 2, driver) < 0)
				dsn_unknown = 1;
			continue;
		}
		if (!(tok_kind(ts, k) == TOK_IDENT && tok_is(ts, k + 1, "=") &&
		      !tok_is(ts, k + 2, "="))) {
			/* a positional argument: the first is the conninfo
			 * (a pool's sizes are numbers) */
			if (!positional++ && tok_kind(ts, k) != TOK_NUMBER)
				dsn = k;
			continue;
		}
		if (tok_is(ts, k, "conninfo") || tok_is(ts, k, "dsn") ||
		    (engine && tok_is(ts, k, "url"))) {
			dsn = v;
			continue;
		}
		if (engine) {
			if (tok_is(ts, k, "connect_args") &&
			    py_add_dict(fx, &args, ev, v, driver) > 0)
				has_mode = 1;
			continue;
		}
		name = xstrndup(ts->src->text + tok_begin(ts, k),
				tok_end(ts, k) - tok_begin(ts, k));
		has_mode |= py_add_keyword(fx, &args, ev, name, v, driver);
		free(name);
	}
	if (dsn && eval_all_unknown(ev, dsn, 1)) {
		dsn_unknown = 1;
		dsn = 0;
	}
	if (dsn)
		scan_judge_expr(fx, ev, dsn, &args, 1);
	else if (!dsn_unknown || has_mode) {
		args.host_elsewhere = !client_get(&args, "host");
		conn_args_judge(fx, &args);
	} else if ((pw = client_get(&args, "password")) && pw->value &&
		   *pw->value) /* the connection is unknown, the secret not */
		facts_add(fx->out, FACT_PASSWORD, ts->src, pw->begin, pw->end,
			  driver, "the connect() arguments");
	client_fact_release(&args);
}

/* ctx.check_hostname = False, ctx.verify_mode = ssl.CERT_NONE. */
static void
judge_ssl_context(struct fact_ctx *fx, const struct tokens *ts, size_t i,
		  int driver)
{
	size_t v;

	if ((v = tok_value_of(ts, i, "check_hostname")) &&
	    tok_is(ts, i + 1, "=") && tok_is(ts, v, "False"))
		scan_report_no_verify(fx, ts, v, v, driver,
				      "check_hostname = False accepts a "
				      "certificate for any host",
				      "True");
	if ((v = tok_value_of(ts, i, "verify_mode")) &&
	    tok_is(ts, i + 1, "=") && tok_is(ts, v + 2, "CERT_NONE"))
		scan_report_no_verify(fx, ts, v, v + 2, driver,
				      "verify_mode = CERT_NONE accepts any "
				      "server certificate",
				      "CERT_REQUIRED");
}

void
py_judge_source(struct fact_ctx *fx, const struct source *src,
		struct tokens *lexed)
{
	static const char *const needles[] = {
	    "postgres", "host=",   "hostaddr=",	      "sslmode",
	    "psycopg",	"asyncpg", "postgis", "dj_database_url", NULL};
	struct py_names names;
	struct tokens ts;
	struct eval ev;
	enum call call;
	int driver, tls_driver;
	size_t i;

	if (!facts_worth_reading(fx, src, needles))
		return;
	tokens_read(&ts, src, LEX_PY, 0);
	eval_init(&ev, &ts);
	py_read_imports(&ts, &names);
	/* an SSLContext counts where a driver is used: imported, or named
	 * by a SQLAlchemy URL (decision 9) */
	tls_driver = names.driver >= 0 ? names.driver
		     : names.sqlalchemy &&
			     scan_contains(src->text, src->len, "postgresql")
			 ? DRIVER_LIBPQ
			 : -1;
	for (i = 0; i + 1 < ts.nr; i++) {
		if (tok_kind(&ts, i) != TOK_IDENT ||
		    (names.driver < 0 && !names.sqlalchemy))
			continue;
		call = connect_call(&ts, i, &names, &driver);
		if (call != CALL_NONE)
			judge_connect_call(fx, &ev, i + 1, driver,
					   call == CALL_ENGINE);
		if (tls_driver >= 0)
			judge_ssl_context(fx, &ts, i, tls_driver);
	}
	py_judge_frameworks(fx, &ev);
	scan_judge_strings(fx, &ev, names.driver);
	eval_release(&ev);
	scan_hand_over(&ts, lexed);
}
