/*
 * xlsx.c - the yearly follow-up workbook (SPEC section 6), with
 * libxlsxwriter: the workbook, its formats and properties, the order of
 * the sheets, the closing and checking of the file. Each sheet has its
 * own file (xlsx_pres.c, xlsx_plan.c, xlsx_ind.c, xlsx_synth.c,
 * xlsx_evol.c), the cell writers are in xlsx_cells.c, the one pass over
 * a large plan in xlsx_pass.c; xlsx_priv.h ties them. Only these files
 * include <xlsxwriter.h>.
 *
 * Sheets, in order: Présentation, Plan d'action, Indicateurs, Synthèse,
 * Évolution, Fiches actions (layout of "Plan d'action" documented in export.h).
 *
 * Design notes:
 * - Every text goes through worksheet_write_string(): a description that
 *   starts with '=' stays text. Lengths are checked before the workbook
 *   exists (export_check_texts), sheet names with
 *   workbook_validate_sheet_name(), header/footer and property lengths
 *   are cut below Excel's limits: libxlsxwriter would otherwise print
 *   warnings on stderr, which the interface cannot afford.
 * - workbook_close() prints its own errors: stderr is pointed at
 *   /dev/null for the duration of that call only.
 * - Rows are written in order, each row's height set before its cells
 *   (LibreOffice does not grow wrapped rows when it opens a file), which
 *   is what libxlsxwriter's constant_memory mode needs. From
 *   STREAM_MIN_ACTIONS actions on, "Plan d'action", "Indicateurs" and
 *   "Évolution" (the sheets that grow with the plan) are written in that
 *   mode: each row goes to disk when complete, with inline strings, instead of
 *   libxlsxwriter keeping every cell and a shared string table until
 *   workbook_close() (a third of the export's time and most of its
 *   memory on large plans; docs/performance.md). Below it, the shared
 *   string table keeps small files small and the golden tests
 *   byte-stable. libxlsxwriter 1.1.4 has the option per workbook but
 *   reads it in workbook_add_worksheet(), hence set around each sheet.
 * - A large plan may come without its actions, with a source that gives
 *   them one at a time (export_opts.source): then "Plan d'action" and
 *   "Indicateurs" are written together in one pass over the actions
 *   (each sheet has its own file in constant_memory mode, so the bytes
 *   are those of two passes), each action's texts are checked just
 *   before its row, the counts of Synthèse are summed as the actions
 *   pass, and Évolution gets a light copy of the actions it lists
 *   (without their long texts). Memory then no longer grows with the
 *   texts of the plan.
 * - Synthèse holds values, not formulas (LibreOffice would show the
 *   formula's cached result, 0).
 * - Output is deterministic: the document date comes from the caller
 *   (snapshot date, SOURCE_DATE_EPOCH), never from the clock when given.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "xlsx_priv.h"

const char *const xl_sheet_names[] = {
	"Présentation", "Plan d'action", "Indicateurs", "Synthèse",
	"Évolution", "Fiches actions",
};

/* The sheets written in constant_memory mode from STREAM_MIN_ACTIONS. */
static int grows_with_plan(int k)
{
	return k == 1 || k == 2 || k == 4 || k == 5;
}

static lxw_worksheet *add_sheet(struct xctx *x, int k)
{
	lxw_worksheet *ws;

	if (workbook_validate_sheet_name(x->wb, xl_sheet_names[k]) !=
	    LXW_NO_ERROR) {
		xl_note_err(x, LXW_ERROR_PARAMETER_VALIDATION);
		return NULL;
	}
	ws = workbook_add_worksheet(x->wb, xl_sheet_names[k]);
	if (!ws)
		xl_note_err(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
	return ws;
}

/* ---- Formats ---- */

static lxw_format *fmt(struct xctx *x)
{
	lxw_format *f = workbook_add_format(x->wb);

	if (!f)
		xl_note_err(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
	return f;
}

static int make_formats(struct xctx *x)
{
	int b, k;

	if (!(x->title = fmt(x)) || !(x->subtitle = fmt(x)) ||
	    !(x->bold = fmt(x)) || !(x->label = fmt(x)) ||
	    !(x->header = fmt(x)) || !(x->note = fmt(x)) ||
	    !(x->designation_locked = fmt(x)) || !(x->hidden_id = fmt(x)) ||
	    !(x->pct = fmt(x)) || !(x->pct_bold = fmt(x)) ||
	    !(x->num_bold = fmt(x)) || !(x->legend = fmt(x)))
		return -1;
	format_set_bold(x->title);
	format_set_font_size(x->title, 16);
	format_set_font_color(x->title, BLUE_HEADER);
	format_set_bold(x->subtitle);
	format_set_font_size(x->subtitle, 12);
	format_set_font_color(x->subtitle, BLUE_HEADER);
	format_set_bold(x->bold);
	format_set_text_wrap(x->bold);
	format_set_align(x->bold, LXW_ALIGN_VERTICAL_TOP);
	format_set_bold(x->label);
	format_set_align(x->label, LXW_ALIGN_VERTICAL_TOP);
	format_set_text_wrap(x->label);
	format_set_bold(x->header);
	format_set_text_wrap(x->header);
	format_set_align(x->header, LXW_ALIGN_CENTER);
	format_set_align(x->header, LXW_ALIGN_VERTICAL_CENTER);
	format_set_font_color(x->header, LXW_COLOR_WHITE);
	format_set_bg_color(x->header, BLUE_HEADER);
	format_set_border(x->header, LXW_BORDER_THIN);
	format_set_unlocked(x->header);
	format_set_italic(x->note);
	format_set_text_wrap(x->note);
	format_set_align(x->note, LXW_ALIGN_VERTICAL_TOP);
	for (b = 0; b < 2; b++)
		for (k = 0; k < K_COUNT; k++) {
			lxw_format *f;

			/* Numbers take the centred text format, as the same
			 * object: libxlsxwriter gives two objects with the
			 * same properties one style, but finds it by hashing
			 * the second one's properties at each cell. */
			if (k == K_NUMBER) {
				x->cell[b][k] = x->cell[b][K_CENTER];
				continue;
			}
			if (!(f = x->cell[b][k] = fmt(x)))
				return -1;
			format_set_text_wrap(f);
			format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
			format_set_border(f, LXW_BORDER_THIN);
			format_set_border_color(f, 0xA6A6A6);
			format_set_unlocked(f);
			if (k == K_CENTER)
				format_set_align(f, LXW_ALIGN_CENTER);
			if (b)
				format_set_bg_color(f, BLUE_PRIORITY);
		}
	format_set_text_wrap(x->designation_locked);
	format_set_align(x->designation_locked, LXW_ALIGN_VERTICAL_TOP);
	format_set_border(x->designation_locked, LXW_BORDER_THIN);
	format_set_border_color(x->designation_locked, 0xA6A6A6);
	format_set_bg_color(x->designation_locked, BLUE_PRIORITY);
	format_set_bold(x->designation_locked);
	format_set_num_format(x->hidden_id, "0");
	format_set_align(x->pct, LXW_ALIGN_VERTICAL_TOP);
	format_set_align(x->pct_bold, LXW_ALIGN_VERTICAL_TOP);
	format_set_align(x->num_bold, LXW_ALIGN_VERTICAL_TOP);
	format_set_num_format(x->pct, "0%");
	format_set_align(x->pct, LXW_ALIGN_CENTER);
	format_set_border(x->pct, LXW_BORDER_THIN);
	format_set_num_format(x->pct_bold, "0%");
	format_set_align(x->pct_bold, LXW_ALIGN_CENTER);
	format_set_border(x->pct_bold, LXW_BORDER_THIN);
	format_set_bold(x->pct_bold);
	format_set_align(x->num_bold, LXW_ALIGN_CENTER);
	format_set_border(x->num_bold, LXW_BORDER_THIN);
	format_set_bold(x->num_bold);
	for (k = 0; k < K_COUNT; k++) {
		lxw_format *f;

		if (k == K_NUMBER) {
			x->cell_off[k] = x->cell_off[K_CENTER];
			continue;
		}
		if (!(f = x->cell_off[k] = fmt(x)))
			return -1;
		format_set_text_wrap(f);
		format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
		format_set_border(f, LXW_BORDER_THIN);
		format_set_border_color(f, 0xA6A6A6);
		format_set_unlocked(f);
		format_set_bg_color(f, GREY_CANCELLED);
		format_set_font_color(f, 0x595959);
		format_set_font_strikeout(f);
		if (k == K_CENTER)
			format_set_align(f, LXW_ALIGN_CENTER);
	}
	if (!(x->designation_off = fmt(x)) || !(x->mark = fmt(x)))
		return -1;
	format_set_text_wrap(x->designation_off);
	format_set_align(x->designation_off, LXW_ALIGN_VERTICAL_TOP);
	format_set_border(x->designation_off, LXW_BORDER_THIN);
	format_set_border_color(x->designation_off, 0xA6A6A6);
	format_set_bg_color(x->designation_off, GREY_CANCELLED);
	format_set_font_color(x->designation_off, 0x595959);
	format_set_font_strikeout(x->designation_off);
	format_set_bold(x->designation_off);
	for (k = 0; k < 3; k++) {
		lxw_format *f = fmt(x);

		if (!f)
			return -1;
		format_set_text_wrap(f);
		format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
		format_set_border(f, LXW_BORDER_THIN);
		format_set_border_color(f, 0xA6A6A6);
		*(k == 0 ? &x->fiche_head : k == 1 ? &x->fiche_label :
		    &x->fiche_text) = f;
	}
	format_set_bold(x->fiche_head);
	format_set_font_color(x->fiche_head, LXW_COLOR_WHITE);
	format_set_bg_color(x->fiche_head, BLUE_HEADER);
	format_set_bold(x->fiche_label);
	format_set_bg_color(x->fiche_label, 0xF2F2F2);
	format_set_bold(x->mark);
	format_set_font_size(x->mark, 12);
	format_set_font_color(x->mark, 0xC00000);
	format_set_bg_color(x->legend, BLUE_PRIORITY);
	format_set_border(x->legend, LXW_BORDER_THIN);
	format_set_text_wrap(x->legend);
	/* libxlsxwriter numbers the styles by first use; a streamed plan
	 * uses them in another order (Plan, Indicateurs and Fiches rows in
	 * turn) than a loaded one (sheet after sheet). Numbered here, in
	 * the order made, both files are the same. */
	{
		lxw_format *f;

		/* <sys/queue.h>, which cppcheck is not given: */
		/* cppcheck-suppress unknownMacro */
		STAILQ_FOREACH(f, x->wb->formats, list_pointers)
			lxw_format_get_xf_index(f);
	}
	return 0;
}

/* ---- Public API ---- */

/* Checks that the rows of a sheet in constant_memory mode reached their
 * temporary file, whose writes libxlsxwriter does not check, and says
 * for export_verify_xlsx how long they are and how the row libxlsxwriter
 * keeps until workbook_close() starts. Writing that row here would
 * number the formats in another order (by first use in the file). */
static int sheet_data_end(lxw_worksheet *ws, struct export_sheet_data *sd,
    char *next, size_t size)
{
	const lxw_row *last = ws->optimize_row;
	FILE *f = ws->optimize_tmpfile;
	off_t end;

	if (!f || fflush(f) != 0 || ferror(f) || (end = ftello(f)) < 0)
		return -1;
	sd->len = (long long)end;
	if (last && (last->row_changed || last->data_changed))
		snprintf(next, size, "<row r=\"%lu\"",
		    (unsigned long)last->row_num + 1);
	else
		snprintf(next, size, "</sheetData>");
	sd->next = next;
	return 0;
}

/* Runs workbook_close() with stderr pointed at /dev/null: libxlsxwriter
 * prints its failures there, and the caller reports them in French. */
/* French text for a libxlsxwriter error (lxw_strerror is English);
 * sys_errno, when not 0, is the system's cause of a failed write. */
static const char *lxw_fr(lxw_error err, int sys_errno)
{
	switch (err) {
	case LXW_ERROR_MEMORY_MALLOC_FAILED: return "mémoire insuffisante";
	case LXW_ERROR_CREATING_XLSX_FILE: case LXW_ERROR_CREATING_TMPFILE:
	case LXW_ERROR_READING_TMPFILE: case LXW_ERROR_ZIP_FILE_OPERATION:
	case LXW_ERROR_ZIP_FILE_ADD: case LXW_ERROR_ZIP_CLOSE:
	case LXW_ERROR_ZIP_INTERNAL_ERROR: case LXW_ERROR_ZIP_BAD_ZIP_FILE:
	case LXW_ERROR_ZIP_PARAMETER_ERROR:
		if (sys_errno)
			return export_strerror(sys_errno);
		return err == LXW_ERROR_CREATING_TMPFILE ||
		    err == LXW_ERROR_READING_TMPFILE ?
		    "fichier temporaire impossible" : "erreur d'écriture";
	case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED:
		return "texte trop long pour une cellule";
	case LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED:
	case LXW_ERROR_INVALID_SHEETNAME_CHARACTER:
	case LXW_ERROR_SHEETNAME_START_END_APOSTROPHE:
	case LXW_ERROR_SHEETNAME_ALREADY_USED:
		return "nom de feuille refusé";
	default:
		return "erreur interne de la bibliothèque xlsxwriter";
	}
}

static lxw_error close_quietly(lxw_workbook *wb, int *sys_errno)
{
	int saved, devnull;
	lxw_error err;

	fflush(stderr);
	saved = dup(STDERR_FILENO);
	devnull = open("/dev/null", O_WRONLY);
	if (saved >= 0 && devnull >= 0)
		dup2(devnull, STDERR_FILENO);
	errno = 0;
	err = workbook_close(wb);
	if (sys_errno)
		*sys_errno = err ? errno : 0;
	fflush(stderr);
	if (saved >= 0 && devnull >= 0)
		dup2(saved, STDERR_FILENO);
	if (saved >= 0)
		close(saved);
	if (devnull >= 0)
		close(devnull);
	return err;
}

static void set_properties(struct xctx *x)
{
	lxw_doc_properties props;
	struct strbuf subject = {0}, company = {0}, keywords = {0};
	struct strbuf title = {0};

	/* Excel keeps 255 characters in these fields. */
	xl_append_cut(&company, x->p->coll.f[C_NAME], 200, 0);
	sb_append(&title, "Tableau de suivi du plan d'action Ville amie des "
	    "enfants");
	if (x->marks.len) {
		sb_append(&title, " — ");
		xl_append_cut(&title, sb_str(&x->marks), 150, 0);
	}
	sb_append(&subject, "Bilan annuel ");
	sb_printf(&subject, "%d", x->o->year);
	if (!str_empty(x->p->coll.f[C_NAME])) {
		sb_append(&subject, " - ");
		xl_append_cut(&subject, x->p->coll.f[C_NAME], 200, 0);
	}
	sb_printf(&keywords, "Ville amie des enfants, UNICEF France, %d",
	    x->o->year);
	memset(&props, 0, sizeof props);
	props.title = title.buf;
	props.subject = subject.buf;
	props.company = company.buf;
	props.keywords = keywords.buf;
	props.author = str_empty(x->p->coll.f[C_NAME]) ? "suivi" : company.buf;
	props.comments = x->p->mandate.label;
	props.created = (time_t)x->o->created;
	xl_note_err(x, workbook_set_properties(x->wb, &props));
	if (company.buf)
		xl_note_err(x, workbook_set_custom_property_string(x->wb,
		    "Collectivité", company.buf));
	xl_note_err(x, workbook_set_custom_property_integer(x->wb, "Année",
	    x->o->year));
	if (!str_empty(x->p->mandate.label) &&
	    utf8_len(x->p->mandate.label) <= 255)
		xl_note_err(x, workbook_set_custom_property_string(x->wb,
		    "Mandat", x->p->mandate.label));
	if (x->p->ref && !str_empty(x->p->ref->code) &&
	    utf8_len(x->p->ref->code) <= 255)
		xl_note_err(x, workbook_set_custom_property_string(x->wb,
		    "Référentiel", x->p->ref->code));
	xl_note_err(x, workbook_set_custom_property_string(x->wb,
	    "Bilan", xl_provisional(x) ? "Provisoire — bilan annuel non fait" :
	    "Bilan annuel fait"));
	if (x->service && utf8_len(x->service) <= 200)
		xl_note_err(x, workbook_set_custom_property_string(x->wb,
		    "Extrait", x->service));
	xl_note_err(x, workbook_set_custom_property_string(x->wb,
	    "Version de suivi", SUIVI_VERSION));
	xl_note_err(x, workbook_set_custom_property_integer(x->wb,
	    "Version du format", XL_FORMAT_VERSION));
	sb_free(&subject);
	sb_free(&company);
	sb_free(&keywords);
	sb_free(&title);
}

/* The service of an extract as the plan writes it: the pilot of the
 * first action kept whose folded form contains the folded pilot asked
 * for (so that "sports" prints "Direction des Sports"), else as typed. */
static char *canonical_service(const struct plan *view, const char *pilot)
{
	char *want = text_fold(pilot), *out = NULL;
	size_t i;

	for (i = 0; want && !out && i < view->n_actions; i++) {
		const char *s = view->actions[i].pilots;

		while (s && *s && !out) {
			size_t n = strcspn(s, ",;");
			char *one = strndup(s, n), *f;
			char *b = one, *e;

			if (!one)
				break;
			while (*b == ' ')
				b++;
			e = b + strlen(b);
			while (e > b && e[-1] == ' ')
				*--e = '\0';
			if ((f = text_fold(b)) && strstr(f, want))
				out = strdup(b);
			free(f);
			free(one);
			s += n;
			if (*s)
				s++;
		}
	}
	free(want);
	return out ? out : strdup(pilot);
}

int export_write_xlsx(const char *path, const struct plan *p,
    const struct export_opts *o, struct err *e)
{
	struct export_opts opts = *o;
	struct export_sheet_data sd[4];
	char sd_name[4][32], sd_next[4][32];
	size_t n_sd = 0;
	struct export_file file;
	struct plan view;
	struct xctx x;
	struct pass ps;
	lxw_workbook_options wo;
	lxw_worksheet *ws[XL_N_SHEETS];
	lxw_error cerr;
	int cerrno = 0;
	time_t t;
	struct tm tm;
	int rc = 0, k, have_view = 0, stream;
	size_t n_actions;

	memset(&x, 0, sizeof x);
	memset(&ps, 0, sizeof ps);
	memset(&file, 0, sizeof file);
	file.fd = -1;
	if (!opts.created)
		opts.created = clock_now();
	t = (time_t)opts.created;
	localtime_r(&t, &tm);
	strftime(x.created_fr, sizeof x.created_fr, "%d/%m/%Y", &tm);
	if ((rc = export_view_make(p, opts.pilot, &view, e)))
		goto out;
	have_view = 1;
	n_actions = opts.source ? opts.source->n_actions : view.n_actions;
	if (!str_empty(opts.pilot) && !n_actions) {
		rc = err_set(e, ERR_NOTFOUND, "aucune action n'a « %s » parmi "
		    "ses services pilotes", opts.pilot);
		goto out;
	}
	if ((!opts.source && (rc = export_check_texts(&view, e))) ||
	    (rc = export_file_begin(&file, path, e)))
		goto out;
	close(file.fd);		/* libxlsxwriter reopens it by name */
	file.fd = -1;

	/* Synthèse: counted here, or as the source's actions pass. */
	x.n_eng = plan_engagement_count(&view);
	if (!(x.counts = calloc((size_t)x.n_eng + 1, sizeof *x.counts))) {
		rc = err_nomem(e);
		goto out;
	}
	if (!opts.source)
		plan_count(&view, x.counts, x.n_eng);

	x.p = &view;
	x.o = &opts;
	x.e = e;
	/* A large plan's actions pass once, after Présentation: its
	 * service stays as typed, in both ways of writing it (same bytes). */
	if (!str_empty(opts.pilot) && !(x.service = n_actions <
	    STREAM_MIN_ACTIONS ? canonical_service(&view, opts.pilot) :
	    strdup(opts.pilot))) {
		rc = err_nomem(e);
		goto out;
	}
	if (xl_provisional(&x))
		sb_append(&x.marks, "Provisoire — bilan annuel non fait");
	if (x.service) {
		if (x.marks.len)
			sb_append(&x.marks, " — ");
		sb_append(&x.marks, "Extrait : ");
		sb_append(&x.marks, x.service);
	}
	memset(&wo, 0, sizeof wo);
	wo.constant_memory = LXW_FALSE;
	if (!(x.wb = workbook_new_opt(file.tmp, &wo))) {
		rc = err_nomem(e);
		goto out;
	}
	stream = n_actions >= STREAM_MIN_ACTIONS;
	set_properties(&x);
	if (make_formats(&x) == 0)
		for (k = 0; k < XL_N_SHEETS; k++) {
			/* The option is read when a sheet is added. */
			x.wb->options.constant_memory = stream &&
			    grows_with_plan(k);
			ws[k] = add_sheet(&x, k);
		}
	x.wb->options.constant_memory = LXW_FALSE;
	if (!x.lerr) {
		xl_sheet_presentation(&x, ws[0]);
		if (opts.source) {
			rc = xl_sheets_from_source(&x, ws[1], ws[2], ws[5],
			    &ps, e);
		} else {
			xl_sheet_plan(&x, ws[1]);
			xl_sheet_indicators(&x, ws[2]);
		}
		worksheet_activate(ws[0]);
	}
	if (!rc && !x.lerr) {
		xl_sheet_summary(&x, ws[3]);
		xl_sheet_evolution(&x, ws[4]);
		if (!opts.source)
			xl_sheet_fiches(&x, ws[5]);
	}
	if (rc || x.lerr) {
		/* Free the workbook without writing it. */
		close_quietly(x.wb, NULL);
		x.wb = NULL;
		if (!e || !e->code)	/* ERR_OK is 0 */
			err_set(e, ERR_IO, "préparation du tableau « %s » : %s",
			    path, lxw_fr(x.lerr ? x.lerr :
			    LXW_ERROR_MEMORY_MALLOC_FAILED, 0));
		rc = e && e->code ? e->code : ERR_IO;
		goto out;
	}
	for (k = 0; stream && k < XL_N_SHEETS; k++) {
		if (!grows_with_plan(k))
			continue;
		snprintf(sd_name[n_sd], sizeof sd_name[n_sd],
		    "xl/worksheets/sheet%d.xml", k + 1);
		sd[n_sd].part = sd_name[n_sd];
		if (sheet_data_end(ws[k], &sd[n_sd], sd_next[n_sd],
		    sizeof sd_next[n_sd])) {
			close_quietly(x.wb, NULL);
			x.wb = NULL;
			rc = err_set(e, ERR_IO, "écriture du tableau « %s » "
			    "impossible : fichier temporaire incomplet (disque "
			    "des fichiers temporaires plein ?) ; aucun fichier "
			    "n'a été remplacé", path);
			goto out;
		}
		/* An empty sheet has "<sheetData/>", parsed as a whole. */
		if (ws[k]->dim_rowmin != LXW_ROW_MAX)
			n_sd++;
	}
	cerr = close_quietly(x.wb, &cerrno);
	x.wb = NULL;
	if (cerr != LXW_NO_ERROR) {
		rc = err_set(e, ERR_IO, "écriture du tableau « %s » impossible "
		    "(disque plein ou fichier temporaire refusé ?) : %s ; "
		    "aucun fichier n'a été remplacé", path,
		    lxw_fr(cerr, cerrno));
		goto out;
	}
	if ((rc = export_fix_app_xml(file.tmp, e)) ||
	    (rc = export_verify_xlsx(file.tmp, sd, n_sd, e))) {
		err_prefix(e, "écriture du tableau « %s » impossible, aucun "
		    "fichier n'a été remplacé", path);
		goto out;
	}
	rc = export_file_commit(&file, e);
out:
	export_file_end(&file);
	if (have_view)
		export_view_free(&view);
	xl_pass_free(&ps);
	free(x.counts);
	free(x.service);
	free(x.fiche_breaks);
	sb_free(&x.marks);
	sb_free(&x.sb);
	return rc;
}
