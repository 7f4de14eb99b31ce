/*
 * common.c - what the XLSX and CSV writers share: the text of each cell of
 * "Plan d'action", the length checks done before any file exists, the view
 * of a plan restricted to one pilot, the default file name, and the
 * temporary file that is renamed over the target only once complete.
 *
 * Never prints. Never touches the target until export_file_commit().
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "export_priv.h"

const char *const export_columns[EXPORT_N_COLUMNS] = {
	"N°",
	"Engagement",
	"Recommandation",
	"Intitulé de l'action",
	"Action prioritaire",
	"Descriptif / analyse de l'action",
	"Service(s) pilote(s)",
	"Élu(e) référent(e)",
	"Partenaires",
	"Public cible",
	"Calendrier",
	"Avancement",
	"Résultat",
	"Indicateurs clés",
	"Commentaires",
	"Perspectives de développement",
	"Action supplémentaire au plan d'action initial",
	"Action annulée",
	"Motif",
	"Bonne pratique",
	"Dernière mise à jour",
};

/* ---- Texts ---- */

size_t export_utf16_len(const char *s)
{
	size_t n = 0;

	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c & 0xC0) == 0x80)
			continue;
		/* A 4-byte sequence is outside the BMP: a surrogate pair. */
		n += (c >= 0xF0) ? 2 : 1;
	}
	return n;
}

/* The n digits at s as a number, or -1. */
static int digits(const char *s, int n)
{
	int v = 0;

	for (; n > 0; n--, s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

void export_date_fr(const char *iso, char *buf, size_t n)
{
	int y, m, d;

	/* The dates of the database, without sscanf and snprintf: every
	 * row of the export has one. */
	if (iso && n >= 11 && (y = digits(iso, 4)) >= 0 && iso[4] == '-' &&
	    (m = digits(iso + 5, 2)) >= 0 && iso[7] == '-' &&
	    (d = digits(iso + 8, 2)) >= 0) {
		buf[0] = (char)('0' + d / 10);
		buf[1] = (char)('0' + d % 10);
		buf[2] = '/';
		buf[3] = (char)('0' + m / 10);
		buf[4] = (char)('0' + m % 10);
		buf[5] = '/';
		memcpy(buf + 6, iso, 4);
		buf[10] = '\0';
	} else if (iso && sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) == 3) {
		snprintf(buf, n, "%02d/%02d/%04d", d, m, y);
	} else if (n) {
		buf[0] = '\0';
	}
}

/* Appends v in decimal (sb_printf is slower, and this is per cell). */
static int append_int(struct strbuf *sb, int v)
{
	char b[16], *p = b + sizeof b;
	unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;

	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	return sb_append_n(sb, p, (size_t)(b + sizeof b - p));
}

static int append_indicators(const struct action *a, struct strbuf *sb)
{
	size_t i, k;
	int rc = 0;

	for (i = 0; i < a->n_indicators && !rc; i++) {
		const struct indicator *ind = &a->indicators[i];
		const char *sep = " : ";

		if (i)
			rc |= sb_append_c(sb, '\n');
		rc |= sb_append(sb, ind->label ? ind->label : "");
		if (!str_empty(ind->unit)) {
			rc |= sb_append(sb, " (");
			rc |= sb_append(sb, ind->unit);
			rc |= sb_append_c(sb, ')');
		}
		for (k = 0; k < ind->n_values; k++) {
			const struct indicator_value *v = &ind->values[k];

			if (str_empty(v->value))
				continue;
			rc |= sb_append(sb, sep);
			rc |= append_int(sb, v->year);
			rc |= sb_append(sb, " : ");
			rc |= sb_append(sb, v->value);
			sep = " ; ";
		}
		if (!str_empty(ind->target)) {
			rc |= sb_append(sb, " (cible : ");
			rc |= sb_append(sb, ind->target);
			rc |= sb_append_c(sb, ')');
		}
	}
	return rc ? ERR_NOMEM : 0;
}

int export_cell_text(const struct action *a, enum export_col col,
    struct strbuf *sb)
{
	char date[16];
	int rc = 0;

	sb_reset(sb);
	if (sb_append(sb, ""))	/* so that sb_str() never sees NULL */
		return ERR_NOMEM;
	switch (col) {
	case XC_REF: return sb_append(sb, a->ref ? a->ref : "");
	case XC_ENGAGEMENT: return append_int(sb, a->engagement);
	case XC_RECOMMENDATION:
		return sb_append(sb, a->recommendation ? a->recommendation : "");
	case XC_DESIGNATION:
		return sb_append(sb, a->designation ? a->designation : "");
	case XC_PRIORITY: return sb_append(sb, bool_label(a->priority));
	case XC_DESCRIPTION:
		return sb_append(sb, a->description ? a->description : "");
	case XC_PILOTS: return sb_append(sb, a->pilots ? a->pilots : "");
	case XC_ELECTED: return sb_append(sb, a->elected ? a->elected : "");
	case XC_PARTNERS: return sb_append(sb, a->partners ? a->partners : "");
	case XC_AUDIENCE: return sb_append(sb, a->audience ? a->audience : "");
	case XC_SCHEDULE: return action_field_get(a, F_SCHEDULE, 0, sb);
	case XC_PROGRESS: return sb_append(sb, progress_label(a->progress));
	case XC_RESULT: return sb_append(sb, action_result_text(a));
	case XC_INDICATORS: return append_indicators(a, sb);
	case XC_COMMENTS: return sb_append(sb, a->comments ? a->comments : "");
	case XC_PERSPECTIVES:
		return sb_append(sb, a->perspectives ? a->perspectives : "");
	case XC_ADDED: return sb_append(sb, bool_label(a->added));
	case XC_CANCELLED: return sb_append(sb, bool_label(a->cancelled));
	case XC_REASON:
		if (a->added && !str_empty(a->added_reason))
			rc |= sb_printf(sb, "Ajout : %s", a->added_reason);
		if (a->cancelled) {
			if (sb->len)
				rc |= sb_append_c(sb, '\n');
			if (a->cancelled_year)
				rc |= sb_printf(sb, "Annulation en %d : ",
				    a->cancelled_year);
			else
				rc |= sb_append(sb, "Annulation : ");
			rc |= sb_append(sb, a->cancelled_reason ?
			    a->cancelled_reason : "");
		}
		return rc ? ERR_NOMEM : 0;
	case XC_GOOD_PRACTICE: return sb_append(sb, bool_label(a->good_practice));
	case XC_UPDATED:
		export_date_fr(a->updated_at, date, sizeof date);
		if (!date[0])
			return 0;
		rc = sb_append(sb, date);
		if (!str_empty(a->updated_by)) {
			rc |= sb_append(sb, " par ");
			rc |= sb_append(sb, a->updated_by);
		}
		return rc ? ERR_NOMEM : 0;
	}
	return 0;
}

int export_check_text(const char *s, const char *what, struct err *e)
{
	size_t n = export_utf16_len(s);

	if (n > EXPORT_MAX_CELL)
		return err_set(e, ERR_INVALID, "%s : %zu caractères, alors "
		    "qu'une cellule de tableur en contient au plus 32 767 ; "
		    "raccourcissez ce texte avant d'exporter", what, n);
	return 0;
}

int export_check_cell(const struct action *a, enum export_col col,
    const struct strbuf *text, struct err *e)
{
	struct strbuf what = {0};
	int rc;

	/* A UTF-16 unit takes at least one byte: most texts need no count. */
	if (text->len <= EXPORT_MAX_CELL ||
	    export_utf16_len(sb_str(text)) <= EXPORT_MAX_CELL)
		return 0;
	if (sb_printf(&what, "action %s, colonne « %s »", a->ref ? a->ref : "?",
	    export_columns[col]))
		rc = err_nomem(e);
	else
		rc = export_check_text(sb_str(text), sb_str(&what), e);
	sb_free(&what);
	return rc;
}

int export_check_texts(const struct plan *p, struct err *e)
{
	struct strbuf sb = {0};
	size_t i;
	int col, rc = 0;

	for (i = 0; i < p->n_actions && !rc; i++) {
		const struct action *a = &p->actions[i];

		for (col = 0; col < EXPORT_N_COLUMNS && !rc; col++) {
			if ((rc = export_cell_text(a, (enum export_col)col, &sb)))
				err_set(e, rc, "mémoire insuffisante");
			else
				rc = export_check_cell(a, (enum export_col)col,
				    &sb, e);
		}
	}
	sb_free(&sb);
	return rc;
}

/* ---- View ---- */

static int pilot_matches(const char *pilots, const char *folded)
{
	char *f = text_fold(pilots);
	int m = f && strstr(f, folded) != NULL;

	free(f);
	return m;
}

int export_view_make(const struct plan *p, const char *pilot,
    struct plan *view, struct err *e)
{
	char *folded = NULL;
	size_t i;

	*view = *p;
	view->actions = NULL;
	view->n_actions = 0;
	if (p->n_actions) {
		view->actions = malloc(p->n_actions * sizeof *view->actions);
		if (!view->actions)
			return err_nomem(e);
	}
	if (!str_empty(pilot) && !(folded = text_fold(pilot))) {
		free(view->actions);
		view->actions = NULL;
		return err_nomem(e);
	}
	/* Shallow copies: the view borrows every string of p. */
	for (i = 0; i < p->n_actions; i++)
		if (!folded || pilot_matches(p->actions[i].pilots, folded))
			view->actions[view->n_actions++] = p->actions[i];
	free(folded);
	return 0;
}

void export_view_free(struct plan *view)
{
	free(view->actions);
	view->actions = NULL;
	view->n_actions = 0;
}

/* ---- File name ---- */

/* Appends "-" and s made safe for a file name. */
static void append_safe(struct strbuf *sb, const char *s)
{
	int dash = 1;

	sb_append_c(sb, '-');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == ' ' || c == '\t' || c == '\n' || c == '-' || c == '_' ||
		    c == '\'') {
			if (!dash)
				sb_append_c(sb, '-');
			dash = 1;
			continue;
		}
		/* Refused by Windows, macOS or office suites. */
		if (c < 0x20 || c == 0x7f || strchr("/\\:*?\"<>|.", c))
			continue;
		sb_append_c(sb, (char)c);
		dash = 0;
	}
	if (sb->len && sb->buf[sb->len - 1] == '-')
		sb->buf[--sb->len] = '\0';
}

char *export_default_name(const struct plan *p, int year, const char *pilot,
    const char *ext)
{
	struct strbuf sb = {0};
	const char *name = p->coll.f[C_NAME];

	sb_append(&sb, "Suivi-VAE");
	append_safe(&sb, str_empty(name) ? "collectivite" : name);
	sb_printf(&sb, "-%d", year);
	if (!str_empty(pilot))
		append_safe(&sb, pilot);
	sb_printf(&sb, ".%s", ext);
	return sb_steal(&sb);
}

/* ---- Temporary file ---- */

const char *export_strerror(int errnum)
{
	/* Where export meets ENOENT, it is the folder that is missing. */
	if (errnum == ENOENT)
		return "dossier introuvable";
	return err_fr_errno(errnum);
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *d;

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	d = malloc((size_t)(slash - path) + 1);
	if (d) {
		memcpy(d, path, (size_t)(slash - path));
		d[slash - path] = '\0';
	}
	return d;
}

int export_file_begin(struct export_file *f, const char *path,
    struct err *e)
{
	struct strbuf sb = {0};
	struct stat st;
	const char *base = strrchr(path, '/');
	char *dir = NULL;
	int rc = 0;

	memset(f, 0, sizeof *f);
	f->fd = -1;
	base = base ? base + 1 : path;
	if (!*base)
		return err_set(e, ERR_IO, "« %s » : il manque le nom du "
		    "fichier", path);
	/* rename() would replace a device or a directory entry: refuse
	 * anything but a regular file. */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return err_set(e, ERR_IO, "« %s » n'est pas un fichier "
		    "ordinaire : choisissez un autre nom de fichier", path);
	if (!(dir = dir_of(path)) || !(f->path = xstrdup(path)) ||
	    sb_printf(&sb, "%s/.%s.XXXXXX", dir, base)) {
		rc = err_nomem(e);
		goto out;
	}
	f->tmp = sb_steal(&sb);
	if (!f->tmp) {
		rc = err_nomem(e);
		goto out;
	}
	if ((f->fd = mkstemp(f->tmp)) < 0) {
		rc = err_set(e, ERR_IO, "impossible d'écrire dans le dossier "
		    "« %s » : %s", dir, export_strerror(errno));
		free(f->tmp);
		f->tmp = NULL;
		goto out;
	}
out:
	free(dir);
	sb_free(&sb);
	if (rc) {
		free(f->path);
		f->path = NULL;
	}
	return rc;
}

int export_file_commit(struct export_file *f, struct err *e)
{
	mode_t mask = umask(0);
	int fd = f->fd;

	umask(mask);
	if (fd < 0 && (fd = open(f->tmp, O_RDONLY)) < 0)
		return err_set(e, ERR_IO, "« %s » : %s", f->path,
		    export_strerror(errno));
	f->fd = fd;
	if (fsync(fd) != 0)
		return err_set(e, ERR_IO, "écriture de « %s » : %s", f->path,
		    export_strerror(errno));
	/* mkstemp made it 0600: give it the mode of an ordinary file. */
	if (fchmod(fd, 0666 & ~mask) != 0)
		return err_set(e, ERR_IO, "« %s » : %s", f->path,
		    export_strerror(errno));
	close(fd);
	f->fd = -1;
	if (rename(f->tmp, f->path) != 0)
		return err_set(e, ERR_IO, "impossible de remplacer « %s » : %s",
		    f->path, export_strerror(errno));
	free(f->tmp);
	f->tmp = NULL;
	return 0;
}

void export_file_end(struct export_file *f)
{
	if (f->fd >= 0)
		close(f->fd);
	f->fd = -1;
	if (f->tmp)
		unlink(f->tmp);
	free(f->tmp);
	free(f->path);
	f->tmp = NULL;
	f->path = NULL;
}
