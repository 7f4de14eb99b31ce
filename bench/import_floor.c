/*
 * import_floor.c - the floors of the import benchmark: the least a C
 * program must do to read the workbook that `suivi export` writes, with
 * the libraries suivi reads it with, and to store its rows in SQLite.
 *
 *   import_floor FILE.xlsx            read only
 *   import_floor FILE.xlsx OUT.db     read, then store
 *
 * Reading: libzip opens the archive, expat parses the workbook's sheet
 * list and its relations, the shared strings, then the sheets "Plan
 * d'action" and "Indicateurs" as they are inflated, keeping the text of
 * every cell of a row (inline, shared or plain value) until the row ends.
 * Storing: each row becomes one INSERT of its cells, as text, into a table
 * of the sheet, in one transaction of a WAL database with synchronous =
 * NORMAL (suivi's settings). No header detection, no checks of values, no
 * journal, no full-text index, no conflict detection, no report: what
 * suivi does beyond this is the price of its features. Prints the number
 * of rows and cells read (so that the work cannot be skipped).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>
#include <sqlite3.h>
#include <zip.h>

#define MAXCOL 64

struct buf { char *s; size_t len, cap; };

static void die(const char *what)
{
	fprintf(stderr, "import_floor: %s\n", what);
	exit(1);
}

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		if (!b->s)
			die("mémoire");
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* ---- Parsing: one handler set for every part ---- */

struct parse {
	/* sheet list and relations */
	char names[2][64], rids[2][64], paths[2][256];
	/* shared strings */
	char **sst;
	size_t nsst, capsst;
	int in_si;
	/* cells */
	struct buf cell[MAXCOL];
	int col, in_text, shared, row_open;
	struct buf text;
	sqlite3_stmt *insert;
	long rows, cells;
};

static const char *attr(const XML_Char **a, const char *name)
{
	for (; a[0]; a += 2)
		if (!strcmp(a[0], name))
			return a[1];
	return NULL;
}

static int column(const char *ref)
{
	int c = 0;

	for (; *ref >= 'A' && *ref <= 'Z'; ref++)
		c = c * 26 + (*ref - 'A' + 1);
	return c - 1;
}

static void on_start(void *ud, const XML_Char *el, const XML_Char **a)
{
	struct parse *p = ud;
	const char *v;

	if (!strcmp(el, "sheet")) {
		const char *name = attr(a, "name"), *id = attr(a, "r:id");
		int k = !name ? -1 : !strcmp(name, "Plan d'action") ? 0 :
			!strcmp(name, "Indicateurs") ? 1 : -1;

		if (k >= 0 && id)
			snprintf(p->rids[k], sizeof p->rids[k], "%s", id);
	} else if (!strcmp(el, "Relationship")) {
		const char *id = attr(a, "Id"), *target = attr(a, "Target");

		for (int k = 0; k < 2 && id && target; k++)
			if (!strcmp(id, p->rids[k]))
				snprintf(p->paths[k], sizeof p->paths[k],
					 "xl/%s", target);
	} else if (!strcmp(el, "si")) {
		p->in_si = 1;
		p->text.len = 0;
	} else if (!strcmp(el, "row")) {
		for (int i = 0; i < MAXCOL; i++)
			p->cell[i].len = 0;
		p->row_open = 1;
	} else if (!strcmp(el, "c")) {
		p->col = (v = attr(a, "r")) ? column(v) : -1;
		p->shared = (v = attr(a, "t")) && !strcmp(v, "s");
		p->text.len = 0;
	} else if (!strcmp(el, "t") || !strcmp(el, "v")) {
		p->in_text = 1;
	}
}

static void on_text(void *ud, const XML_Char *s, int len)
{
	struct parse *p = ud;

	if (p->in_text)
		put(&p->text, s, (size_t)len);
}

static void end_row(struct parse *p)
{
	int i;

	p->rows++;
	if (!p->insert)
		return;
	for (i = 0; i < MAXCOL; i++)
		sqlite3_bind_text(p->insert, i + 1, p->cell[i].s,
				  (int)p->cell[i].len, SQLITE_STATIC);
	if (sqlite3_step(p->insert) != SQLITE_DONE ||
	    sqlite3_reset(p->insert) != SQLITE_OK)
		die("écriture");
}

static void on_end(void *ud, const XML_Char *el)
{
	struct parse *p = ud;

	if (!strcmp(el, "t") || !strcmp(el, "v")) {
		p->in_text = 0;
	} else if (!strcmp(el, "si")) {
		if (p->nsst == p->capsst) {
			p->capsst = p->capsst ? p->capsst * 2 : 64;
			p->sst = realloc(p->sst, p->capsst * sizeof *p->sst);
			if (!p->sst)
				die("mémoire");
		}
		p->sst[p->nsst++] = strndup(p->text.len ? p->text.s : "",
					    p->text.len);
		p->in_si = 0;
	} else if (!strcmp(el, "c")) {
		const char *s = p->text.len ? p->text.s : "";
		size_t n = p->text.len;

		if (p->col < 0 || p->col >= MAXCOL || !n)
			return;
		if (p->shared) {
			size_t k = strtoul(s, NULL, 10);

			s = k < p->nsst ? p->sst[k] : "";
			n = strlen(s);
		}
		p->cell[p->col].len = 0;
		put(&p->cell[p->col], s, n);
		p->cells++;
	} else if (!strcmp(el, "row") && p->row_open) {
		p->row_open = 0;
		end_row(p);
	}
}

static void parse_part(zip_t *z, const char *name, struct parse *p, int need)
{
	char chunk[1 << 16];
	zip_file_t *f = zip_fopen(z, name, 0);
	XML_Parser x;
	zip_int64_t n;

	if (!f) {
		if (need)
			die(name);
		return;
	}
	x = XML_ParserCreate("UTF-8");
	XML_SetUserData(x, p);
	XML_SetElementHandler(x, on_start, on_end);
	XML_SetCharacterDataHandler(x, on_text);
	while ((n = zip_fread(f, chunk, sizeof chunk)) > 0)
		if (XML_Parse(x, chunk, (int)n, 0) != XML_STATUS_OK)
			die(name);
	if (n < 0 || XML_Parse(x, chunk, 0, 1) != XML_STATUS_OK)
		die(name);
	XML_ParserFree(x);
	zip_fclose(f);
}

/* ---- Storing ---- */

static void exec(sqlite3 *db, const char *sql)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		die(sqlite3_errmsg(db));
}

static sqlite3_stmt *table(sqlite3 *db, const char *name)
{
	char create[2048] = "", insert[1024] = "";
	size_t c = 0, i_ = 0;
	sqlite3_stmt *st;

	c += (size_t)snprintf(create, sizeof create, "CREATE TABLE %s (id "
			      "INTEGER PRIMARY KEY", name);
	i_ += (size_t)snprintf(insert, sizeof insert, "INSERT INTO %s VALUES "
			       "(NULL", name);
	for (int i = 0; i < MAXCOL; i++) {
		c += (size_t)snprintf(create + c, sizeof create - c,
				      ", c%d TEXT", i);
		i_ += (size_t)snprintf(insert + i_, sizeof insert - i_, ", ?");
	}
	snprintf(create + c, sizeof create - c, ")");
	snprintf(insert + i_, sizeof insert - i_, ")");
	exec(db, create);
	if (sqlite3_prepare_v2(db, insert, -1, &st, NULL) != SQLITE_OK)
		die(sqlite3_errmsg(db));
	return st;
}

int main(int argc, char **argv)
{
	static struct parse p;
	sqlite3 *db = NULL;
	sqlite3_stmt *ins[2] = { NULL, NULL };
	int err;
	zip_t *z;

	if (argc < 2 || argc > 3)
		die("usage : import_floor FICHIER.xlsx [BASE.db]");
	if (!(z = zip_open(argv[1], ZIP_RDONLY, &err)))
		die(argv[1]);
	parse_part(z, "xl/workbook.xml", &p, 1);
	parse_part(z, "xl/_rels/workbook.xml.rels", &p, 1);
	parse_part(z, "xl/sharedStrings.xml", &p, 0);
	if (!p.paths[0][0] || !p.paths[1][0])
		die("feuilles Plan d'action et Indicateurs introuvables");
	if (argc == 3) {
		remove(argv[2]);
		if (sqlite3_open(argv[2], &db) != SQLITE_OK)
			die(argv[2]);
		exec(db, "PRAGMA journal_mode = WAL");
		exec(db, "PRAGMA synchronous = NORMAL");
		exec(db, "BEGIN IMMEDIATE");
		ins[0] = table(db, "plan");
		ins[1] = table(db, "indicateurs");
	}
	for (int k = 0; k < 2; k++) {
		p.insert = ins[k];
		parse_part(z, p.paths[k], &p, 1);
	}
	if (db) {
		sqlite3_finalize(ins[0]);
		sqlite3_finalize(ins[1]);
		exec(db, "COMMIT");
		if (sqlite3_close(db) != SQLITE_OK)
			die("fermeture");
	}
	zip_discard(z);
	printf("%ld %ld\n", p.rows, p.cells);
	return 0;
}
