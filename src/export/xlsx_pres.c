/*
 * xlsx_pres.c - the "Présentation" sheet: the collectivité and its
 * referents, the year of the review and where the plan comes from, the
 * yearly reviews, the legend of the blue rows.
 */
#include <stdio.h>

#include "xlsx_priv.h"

/* The codes of the referential's recommendations and their wordings,
 * "à compléter" when unknown, from row on. */
static void legend_recommendations(struct xctx *x, lxw_worksheet *ws,
    int row)
{
	static const double w3 = 16 + 14 + 90;
	const struct referential *r = x->p->ref;
	size_t i;

	if (!r || !r->n_recommendations)
		return;
	row++;
	xl_put(x, ws, row++, 0, "Recommandations du référentiel", x->subtitle);
	for (i = 0; i < r->n_recommendations; i++) {
		const struct ref_recommendation *rr = &r->recommendations[i];

		sb_reset(&x->sb);
		sb_append(&x->sb, str_empty(rr->text) ? "à compléter" :
		    rr->text);
		if (rr->provisional)
			sb_append(&x->sb, " (provisoire)");
		xl_set_height(x, ws, row, xl_wrap_lines(sb_str(&x->sb), w3));
		xl_put(x, ws, row, 0, rr->code, x->label);
		xl_note_err(x, worksheet_merge_range(ws, (lxw_row_t)row, 1,
		    (lxw_row_t)row, 3, sb_str(&x->sb), x->cell[0][K_TEXT]));
		row++;
	}
}

void xl_sheet_presentation(struct xctx *x, lxw_worksheet *ws)
{
	static const double w[4] = { 34, 16, 14, 90 };
	const struct plan *p = x->p;
	char date[16];
	int row = 0, i;
	size_t k;

	xl_set_widths(x, ws, w, 4, NULL);
	xl_page_setup(x, ws, 0);
	worksheet_set_row(ws, 0, 24, NULL);
	xl_put(x, ws, row++, 0, "Tableau de suivi du plan d'action Ville amie "
	    "des enfants", x->title);
	if (x->marks.len)
		xl_put(x, ws, row, 0, sb_str(&x->marks), x->mark);
	row++;

#define LINE(lbl, val) do {						\
		const char *v_ = (val);					\
		int l_ = xl_wrap_lines(v_, 118);				\
		if (xl_wrap_lines(lbl, w[0] * 0.9) > l_)			\
			l_ = xl_wrap_lines(lbl, w[0] * 0.9);		\
		xl_set_height(x, ws, row, l_);				\
		xl_put(x, ws, row, 0, lbl, x->label);			\
		xl_note_err(x, str_empty(v_) ?				\
		    worksheet_write_blank(ws, (lxw_row_t)row, 1, NULL) :	\
		    worksheet_merge_range(ws, (lxw_row_t)row, 1,	\
		    (lxw_row_t)row, 3, v_, x->cell[0][K_TEXT]));	\
		row++;							\
	} while (0)

	LINE("Collectivité", p->coll.f[C_NAME]);
	LINE("Mandat", p->mandate.label);
	sb_reset(&x->sb);
	sb_printf(&x->sb, "%d", x->o->year);
	if (p->snapshot_year && p->snapshot_at) {
		export_date_fr(p->snapshot_at, date, sizeof date);
		sb_printf(&x->sb, " (plan figé au bilan annuel du %s)", date);
	} else {
		sb_append(&x->sb, " (plan en cours : bilan annuel non fait)");
	}
	LINE("Année du bilan", sb_str(&x->sb));
	if (p->ref)
		LINE("Référentiel", p->ref->name);
	if (x->service)
		LINE("Extrait pour le service", x->service);
	LINE("Document établi le", x->created_fr);
	row++;
	xl_put(x, ws, row++, 0, "La collectivité et ses référents", x->subtitle);
	for (i = 0; i < C_COUNT; i++)
		if (i != C_NAME)
			LINE(coll_fields[i].label, p->coll.f[i]);
#undef LINE
	row++;
	xl_put(x, ws, row++, 0, "Bilans annuels", x->subtitle);
	{
		static const char *const h[4] = { "Année",
		    "Bilan annuel - Fait", "Date",
		    "Commentaires de la collectivité" };

		xl_put_row(x, ws, row++, h, 4, w, x->header);
	}
	for (k = 0; k < p->n_reviews; k++) {
		const struct review *r = &p->reviews[k];
		char year[8];
		const char *cells[4];

		snprintf(year, sizeof year, "%d", r->year);
		export_date_fr(r->done ? r->done_at : NULL, date, sizeof date);
		cells[0] = year;
		cells[1] = r->done ? "Oui" : "Non";
		cells[2] = date;
		cells[3] = r->comments;
		xl_put_row(x, ws, row, cells, 4, w, x->cell[0][K_TEXT]);
		xl_put_num(x, ws, row, 0, r->year, x->cell[0][K_CENTER]);
		xl_put(x, ws, row, 1, cells[1], x->cell[0][K_CENTER]);
		xl_put(x, ws, row, 2, cells[2], x->cell[0][K_CENTER]);
		row++;
	}
	row++;
	xl_put(x, ws, row++, 0, "Légende", x->subtitle);
	xl_put(x, ws, row, 0, "Action prioritaire", x->legend);
	xl_note_err(x, worksheet_merge_range(ws, (lxw_row_t)row, 1,
	    (lxw_row_t)row, 3, "Fond bleu : action prioritaire UNICEF France "
	    "(suivi national). Son intitulé n'est pas modifiable.", x->note));
	row++;
	xl_put(x, ws, row, 0, "Action annulée", x->cell_off[K_TEXT]);
	xl_note_err(x, worksheet_merge_range(ws, (lxw_row_t)row, 1,
	    (lxw_row_t)row, 3, "Fond gris, texte barré : action annulée ; "
	    "son Résultat est « Annulée » et la Synthèse ne la compte pas "
	    "parmi les actions.", x->note));
	row++;
	xl_put(x, ws, row, 0, "Résultat", x->label);
	xl_note_err(x, worksheet_merge_range(ws, (lxw_row_t)row, 1,
	    (lxw_row_t)row, 3, "Calculé à partir de l'Avancement : Réalisée → "
	    "Atteint ; En cours → En passe d'être atteint ; Non commencée → "
	    "Non atteint ; action annulée → Annulée.", x->note));
	row++;
	xl_put(x, ws, row, 0, "Fiches actions", x->label);
	xl_note_err(x, worksheet_merge_range(ws, (lxw_row_t)row, 1,
	    (lxw_row_t)row, 3, "Chaque action sur une fiche imprimable (A4 "
	    "portrait), tous ses textes en entier.", x->note));
	row++;
	legend_recommendations(x, ws, row);
}
