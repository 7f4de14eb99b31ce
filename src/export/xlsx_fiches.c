/*
 * xlsx_fiches.c - the "Fiches actions" sheet (SPEC section 6, sheet 6):
 * one printable block per action, A4 portrait, with every text in full.
 * A row holds at most 409 pt, so a long text is split over consecutive
 * rows, at a paragraph boundary when one falls in the second half of
 * what a row can show, else at a line boundary (xl_wrap_prefix). A page
 * break goes before a block that would not fit on the current page.
 * The importer never reads this sheet (it is told by its name).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx_priv.h"

#define FICHE_LABEL_W	20.0
#define FICHE_TEXT_W	72.0
#define FICHE_LINE_PT	15.0	/* a line in Excel; LibreOffice needs less */
#define FICHE_MAX_LINES	26	/* 26 lines and their margins < 409 pt */
#define FICHE_PAGE_PT	720.0	/* A4 portrait less margins and footer */
#define FICHE_MAX_BREAKS 1023	/* Excel's limit */

void xl_fiches_begin(struct xctx *x, lxw_worksheet *ws, struct fiche_sheet *fs)
{
	static const double w[2] = { FICHE_LABEL_W, FICHE_TEXT_W };

	memset(fs, 0, sizeof *fs);
	fs->head = x->fiche_head;
	fs->label = x->fiche_label;
	fs->text = x->fiche_text;
	xl_set_widths(x, ws, w, 2, NULL);
	xl_page_setup(x, ws, 0);
	if (x->marks.len) {
		xl_put(x, ws, fs->row, 0, sb_str(&x->marks), x->mark);
		fs->page_pt += FICHE_LINE_PT + ROW_PAD_PT;
		fs->row++;
	}
}

/* Writes one row label | text, its height from the text's lines. */
static double fiche_row(struct xctx *x, lxw_worksheet *ws,
    struct fiche_sheet *fs, const char *label, const char *text,
    lxw_format *lf, lxw_format *tf)
{
	int lines = xl_wrap_lines(text, FICHE_TEXT_W), ll;
	double h;

	ll = xl_wrap_lines(label, FICHE_LABEL_W);
	if (ll > lines)
		lines = ll;
	h = lines * FICHE_LINE_PT + ROW_PAD_PT;
	if (h > MAX_ROW_PT)
		h = MAX_ROW_PT;
	xl_note_err(x, worksheet_set_row(ws, (lxw_row_t)fs->row, h, NULL));
	xl_put(x, ws, fs->row, 0, label, lf);
	xl_put(x, ws, fs->row, 1, text, tf);
	fs->row++;
	return h;
}

/* Writes text over as many rows as it needs, labelled label then
 * "label (suite)"; returns the height written. */
static double fiche_text(struct xctx *x, lxw_worksheet *ws,
    struct fiche_sheet *fs, const char *label, const char *text)
{
	char cont[96];
	double h = 0;
	int first = 1;

	snprintf(cont, sizeof cont, "%s (suite)", label);
	if (str_empty(text))
		return fiche_row(x, ws, fs, label, "", fs->label, fs->text);
	while (*text && !x->lerr) {
		size_t n = xl_wrap_prefix(text, FICHE_TEXT_W, FICHE_MAX_LINES);
		size_t k;

		if (text[n]) {
			/* Prefer the last paragraph boundary of the piece
			 * when it keeps at least half of it. */
			for (k = n; k > n / 2; k--)
				if (text[k - 1] == '\n') {
					n = k;
					break;
				}
		}
		sb_reset(&fs->piece);
		sb_append_n(&fs->piece, text, n);
		while (fs->piece.len && (fs->piece.buf[fs->piece.len - 1] ==
		    '\n' || fs->piece.buf[fs->piece.len - 1] == ' '))
			fs->piece.buf[--fs->piece.len] = '\0';
		if (!fs->piece.buf) {
			xl_note_err(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
			break;
		}
		h += fiche_row(x, ws, fs, first ? label : cont,
		    sb_str(&fs->piece), fs->label, fs->text);
		first = 0;
		text += n;
		while (*text == '\n' || *text == ' ')
			text++;
	}
	return h;
}

/* The rows a block takes, measured before it is written, for the page
 * breaks. */
static double block_height(const struct action *a, struct strbuf *sb)
{
	const char *texts[4];
	double h = 8 * (FICHE_LINE_PT + ROW_PAD_PT);
	int i;

	texts[0] = a->description;
	texts[1] = a->comments;
	texts[2] = a->perspectives;
	texts[3] = export_cell_text(a, XC_INDICATORS, sb) ? "" : sb_str(sb);
	for (i = 0; i < 4; i++) {
		int lines = xl_wrap_lines(texts[i], FICHE_TEXT_W);

		h += lines * FICHE_LINE_PT + ROW_PAD_PT *
		    (1 + lines / FICHE_MAX_LINES);
	}
	return h + xl_wrap_lines(a->designation, FICHE_TEXT_W) * FICHE_LINE_PT;
}

void xl_fiches_action(struct xctx *x, lxw_worksheet *ws,
    struct fiche_sheet *fs, const struct action *a)
{
	const struct referential *r = x->p->ref;
	const struct ref_engagement *en = r ?
	    referential_engagement(r, a->engagement) : NULL;
	char title[48];
	double h;

	if (x->lerr)
		return;
	h = block_height(a, &fs->sb);
	if (fs->page_pt > 0 && fs->page_pt + h > FICHE_PAGE_PT &&
	    fs->n_breaks < FICHE_MAX_BREAKS) {
		lxw_row_t *nb = realloc(x->fiche_breaks, (fs->n_breaks + 2) *
		    sizeof *nb);

		if (!nb) {
			xl_note_err(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
			return;
		}
		x->fiche_breaks = nb;
		nb[fs->n_breaks++] = (lxw_row_t)fs->row;
		nb[fs->n_breaks] = 0;
		fs->page_pt = 0;
	}
	h = 0;
	snprintf(title, sizeof title, "Action %s", a->ref ? a->ref : "");
	h += fiche_row(x, ws, fs, title, a->designation, fs->head, fs->head);

	sb_reset(&fs->sb);
	sb_printf(&fs->sb, "%d", a->engagement);
	if (en && !str_empty(en->title))
		sb_printf(&fs->sb, " — %s%s", en->title, en->provisional ?
		    " (titre provisoire)" : "");
	h += fiche_row(x, ws, fs, "Engagement", sb_str(&fs->sb), fs->label,
	    fs->text);

	if (xl_recommendation_text(x, a->recommendation, &fs->sb)) {
		xl_note_err(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	h += fiche_row(x, ws, fs, "Recommandation", sb_str(&fs->sb),
	    fs->label, fs->text);
	h += fiche_row(x, ws, fs, "Action prioritaire",
	    a->priority ? "Oui (UNICEF France)" : "Non", fs->label, fs->text);
	h += fiche_row(x, ws, fs, "Avancement", a->progress == PROGRESS_UNSET ?
	    "Non renseigné" : progress_label(a->progress), fs->label, fs->text);
	h += fiche_row(x, ws, fs, "Résultat", action_result_text(a), fs->label,
	    fs->text);
	if (!str_empty(a->pilots))
		h += fiche_row(x, ws, fs, "Service(s) pilote(s)", a->pilots,
		    fs->label, fs->text);
	h += fiche_text(x, ws, fs, "Descriptif", a->description);
	h += fiche_text(x, ws, fs, "Commentaires", a->comments);
	h += fiche_text(x, ws, fs, "Perspectives", a->perspectives);
	if (export_cell_text(a, XC_INDICATORS, &fs->sb)) {
		xl_note_err(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	if (fs->sb.len) {
		char *ind = strdup(sb_str(&fs->sb));

		if (!ind) {
			xl_note_err(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
			return;
		}
		h += fiche_text(x, ws, fs, "Indicateurs", ind);
		free(ind);
	}
	if (a->added || a->cancelled) {
		if (export_cell_text(a, XC_REASON, &fs->sb) == 0)
			h += fiche_row(x, ws, fs, "Motif", sb_str(&fs->sb),
			    fs->label, fs->text);
	}
	fs->row++;		/* a blank row between blocks */
	h += 15;
	fs->page_pt += h;
}

void xl_fiches_end(struct xctx *x, lxw_worksheet *ws, struct fiche_sheet *fs)
{
	if (fs->n_breaks && x->fiche_breaks)
		xl_note_err(x, worksheet_set_h_pagebreaks(ws, x->fiche_breaks));
	sb_free(&fs->sb);
	sb_free(&fs->piece);
}

void xl_sheet_fiches(struct xctx *x, lxw_worksheet *ws)
{
	struct fiche_sheet fs;
	size_t i;

	xl_fiches_begin(x, ws, &fs);
	for (i = 0; i < x->p->n_actions && !x->lerr; i++)
		xl_fiches_action(x, ws, &fs, &x->p->actions[i]);
	xl_fiches_end(x, ws, &fs);
}
