/*
 * screen_services.c - S: the coordinator's campaign, one line per
 * department (pilot): its actions, how many were updated since the
 * last done review, how many are still "à mettre à jour", its last
 * change and whether it has answered; a detail line gives the contact
 * and who made the last change. Enter shows the plan filtered on that
 * department exactly; c edits its contact; R writes the reminders
 * (campaign_reminders, as `suivi relances`).
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "tui_priv.h"

struct services_scr {
	struct app *app;
	struct services sv;
	struct widget_list list;
};

/* s in w columns, cut with "…" when longer; right-aligned when right. */
static void put_cell(WINDOW *win, int y, int x, int w, const char *s,
    unsigned long attr, int right)
{
	struct strbuf sb = {0};
	int used = 0;
	size_t n;

	if (w <= 0)
		return;
	if (!s)
		s = "";
	if ((int)utf8_width(s) > w) {
		n = text_fit(s, w - 1, &used);
		sb_append_n(&sb, s, n);
		sb_append(&sb, "…");
		used++;
	} else {
		sb_append(&sb, s);
		used = (int)utf8_width(s);
	}
	if (right && used < w)
		widget_put(win, y, x, w - used, "", attr, 1);
	widget_put(win, y, right ? x + w - used : x, right ? used : w,
	    sb_str(&sb), attr, 1);
	sb_free(&sb);
}

/* Column positions for width w: name, then the fixed columns. */
enum { C_ACT = 7, C_UPD = 6, C_STALE = 15, C_LAST = 10, C_ANS = 10 };

static int name_width(int w)
{
	int n = w - 1 - (C_ACT + C_UPD + C_STALE + C_LAST + C_ANS + 5);

	return n < 8 ? 8 : n;
}

static void draw_cols(WINDOW *win, int y, int x, int w, const char *const *c,
    unsigned long attr)
{
	int nw = name_width(w), cx = x + 1;

	widget_put(win, y, x, w, "", attr, 1);
	put_cell(win, y, cx, nw, c[0], attr, 0);
	cx += nw + 1;
	put_cell(win, y, cx, C_ACT, c[1], attr, 1);
	cx += C_ACT + 1;
	put_cell(win, y, cx, C_UPD, c[2], attr, 1);
	cx += C_UPD + 1;
	put_cell(win, y, cx, C_STALE, c[3], attr, 1);
	cx += C_STALE + 1;
	put_cell(win, y, cx, C_LAST, c[4], attr, 0);
	cx += C_LAST + 1;
	put_cell(win, y, cx, C_ANS, c[5], attr, 0);
}

static void draw_row(void *ctx, WINDOW *win, size_t row, int y, int x, int w,
    int sel)
{
	struct services_scr *p = ctx;
	const struct service *v = &p->sv.v[row];
	char n[3][24], last[FR_DATE_LEN], ans[FR_DATE_LEN];
	const char *c[6];
	unsigned long attr = sel ? A_REVERSE : A_NORMAL;

	snprintf(n[0], sizeof n[0], "%zu", v->n_actions);
	snprintf(n[1], sizeof n[1], "%zu", v->n_updated);
	snprintf(n[2], sizeof n[2], "%zu", v->n_stale);
	c[0] = v->name;
	c[1] = n[0];
	c[2] = n[1];
	c[3] = n[2];
	c[4] = v->last_at ? fr_date(v->last_at, last, sizeof last) : "jamais";
	c[5] = v->answered_at ? fr_date(v->answered_at, ans, sizeof ans) : "—";
	draw_cols(win, y, x, w, c, attr | (v->n_stale && !sel ? A_BOLD : 0));
}

static int services_reload(struct screen *s, struct err *e)
{
	struct services_scr *p = s->priv;
	int rc;

	services_clear(&p->sv);
	rc = store_list_services(p->app->store, p->app->mandate_id,
	    p->app->current_year, &p->sv, e);
	widget_list_set_count(&p->list, p->sv.n);
	return rc;
}

static int services_open(struct screen *s, struct err *e)
{
	struct services_scr *p = calloc(1, sizeof *p);
	int rc;

	if (!p)
		return err_nomem(e);
	p->app = s->app;
	p->list.ctx = p;
	p->list.draw_row = draw_row;
	p->list.height = 10;
	s->priv = p;
	if ((rc = services_reload(s, e))) {
		services_clear(&p->sv);
		free(p);
		s->priv = NULL;
	}
	return rc;
}

static void services_close(struct screen *s)
{
	struct services_scr *p = s->priv;

	if (!p)
		return;
	services_clear(&p->sv);
	free(p);
	s->priv = NULL;
}

static void detail_line(const struct services_scr *p, struct strbuf *sb)
{
	const struct service *v = &p->sv.v[p->list.sel];
	char d[FR_DATE_LEN];

	if (v->email || v->contact_name)
		sb_printf(sb, "Contact : %s%s%s%s", v->contact_name ?
		    v->contact_name : "", v->contact_name && v->email ? " <" :
		    (v->email ? "<" : ""), v->email ? v->email : "",
		    v->email ? ">" : "");
	else
		sb_append(sb, "Pas de contact (c pour le saisir)");
	if (v->last_at)
		sb_printf(sb, " · modifié le %s par %s", fr_date(v->last_at, d,
		    sizeof d), v->last_by ? v->last_by : "?");
	if (v->answered_at)
		sb_printf(sb, " · répondu le %s", fr_date(v->answered_at, d,
		    sizeof d));
}

static void services_draw(struct screen *s, WINDOW *win, const struct rect *r,
    int *cy, int *cx)
{
	static const char *const head[6] = { "Service", "Actions",
		"À jour", "À mettre à jour", "Modifié le", "Réponse" };
	struct services_scr *p = s->priv;
	struct rect lr = { r->y + 2, r->x, r->h - 4, r->w };
	struct strbuf sb = {0};
	size_t i, late = 0;

	for (i = 0; i < p->sv.n; i++)
		if (p->sv.v[i].n_stale)
			late++;
	sb_printf(&sb, "Services — bilan %d : %zu service%s, %zu avec des "
	    "actions à mettre à jour", p->app->current_year, p->sv.n,
	    p->sv.n > 1 ? "s" : "", late);
	widget_put(win, r->y, r->x, r->w, sb_str(&sb), A_BOLD, 1);
	draw_cols(win, r->y + 1, r->x, r->w, head, A_UNDERLINE);
	sb_reset(&sb);
	if (!p->sv.n) {
		widget_put(win, lr.y + 1, lr.x + 2, lr.w - 2, "Aucune action n'a "
		    "de service pilote.", A_NORMAL, 1);
		*cy = lr.y + 1;
		*cx = lr.x + 2;
		sb_free(&sb);
		return;
	}
	if (lr.h < 1)
		lr.h = 1;
	widget_list_draw(&p->list, win, &lr);
	detail_line(p, &sb);
	put_cell(win, r->y + r->h - 2, r->x + 1, r->w - 1, sb_str(&sb), A_BOLD,
	    0);
	widget_put(win, r->y + r->h - 1, r->x + 1, r->w - 1, "Entrée : ses "
	    "actions · c : contact · R : relances (extraits et courriels)",
	    A_DIM, 1);
	sb_free(&sb);
	*cy = lr.y + (int)(p->list.sel - p->list.top);
	*cx = lr.x + 1;
}

/* Enter: the plan, filtered on this department exactly (not cancelled). */
static int open_service(struct services_scr *p)
{
	struct app *a = p->app;
	const struct service *v;

	if (p->list.sel >= p->sv.n)
		return REDRAW_NONE;
	v = &p->sv.v[p->list.sel];
	store_filter_init(&a->view.filter);
	free(a->view.pilot);
	free(a->view.search);
	a->view.pilot = NULL;
	a->view.search = NULL;
	snprintf(a->view.service, sizeof a->view.service, "%s", v->name);
	a->view.filter.service = a->view.service;
	a->view.filter.cancelled = 0;
	tui_show_plan(a);	/* closes this screen: v is gone */
	app_status(a, 0, "Actions du service « %s » (x : tout le plan).",
	    a->view.service);
	return REDRAW_ALL | REDRAW_RELOAD;
}

static int edit_contact(struct services_scr *p)
{
	struct app *a = p->app;
	const struct service *v;
	char *name = NULL, *mail = NULL, title[400];
	struct err e = {0};
	int rc, tries = 0;

	if (p->list.sel >= p->sv.n || app_refuse_readonly(a))
		return REDRAW_STATUS;
	v = &p->sv.v[p->list.sel];
	snprintf(title, sizeof title, "Contact du service « %s » : nom",
	    v->name);
	if (app_ask_line(a, title, v->contact_name ? v->contact_name : "",
	    &name))
		return REDRAW_ALL;
	snprintf(title, sizeof title, "Contact du service « %s » : courriel",
	    v->name);
	if (app_ask_line(a, title, v->email ? v->email : "", &mail)) {
		free(name);
		return REDRAW_ALL;
	}
	str_trim(name);
	str_trim(mail);
	do
		rc = store_set_service_contact(a->store, v->name, name, mail, &e);
	while (app_retry_locked(a, rc, &tries));
	if (rc)
		app_status(a, 1, "Contact non enregistré : %s", e.msg);
	else
		app_status(a, 0, "Contact du service « %s » enregistré.",
		    v->name);
	free(name);
	free(mail);
	return rc ? REDRAW_ALL : REDRAW_ALL | REDRAW_RELOAD;
}

static int reminders(struct services_scr *p)
{
	struct app *a = p->app;
	struct campaign_opts o;
	struct campaign_report r = {0};
	struct err e = {0};
	char iso[16], def[16], *dir = NULL, *due = NULL, *text, *full = NULL;
	struct strbuf sb = {0};
	int rc;

	campaign_default_deadline(iso, sizeof iso);
	snprintf(def, sizeof def, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
	if (app_ask_line(a, "Relances : dossier où écrire les extraits et les "
	    "courriels (.eml)", ".", &dir))
		return REDRAW_ALL;
	if (app_ask_line(a, "Relances : date limite de réponse (JJ/MM/AAAA)",
	    def, &due))
		goto out;
	str_trim(dir);
	str_trim(due);
	if (campaign_parse_date(due, iso, sizeof iso)) {
		app_status(a, 1, "Relances : « %s » n'est pas une date (attendu "
		    "JJ/MM/AAAA).", due);
		goto out;
	}
	memset(&o, 0, sizeof o);
	o.year = a->current_year;
	o.deadline = iso;
	o.dir = str_empty(dir) ? "." : dir;
	rc = campaign_reminders(a->store, &a->mandate, &o, &r, &e);
	/* the folder as a full path: where to look for the files */
	if (!rc && (full = realpath(o.dir, NULL)))
		o.dir = full;
	if (rc)
		sb_printf(&sb, "Arrêté : %s\n\n", e.msg);
	else
		sb_printf(&sb, "%zu courriel%s écrit%s dans %s (rien n'est "
		    "envoyé d'ici : ouvrez les .eml, ou « suivi relances "
		    "--envoyer »). %zu service%s à jour.\n\n", r.written,
		    r.written > 1 ? "s" : "", r.written > 1 ? "s" : "", o.dir,
		    r.up_to_date, r.up_to_date > 1 ? "s" : "");
	sb_append(&sb, sb_str(&r.text));
	text = sb_steal(&sb);
	app_show_text(a, "Relances", text ? text : "", NULL);
	free(text);
	if (rc)
		app_status(a, 1, "Relances : %s", e.msg);
	else
		app_status(a, 0, "Relances : %zu courriel%s écrit%s dans %s.",
		    r.written, r.written > 1 ? "s" : "", r.written > 1 ? "s" :
		    "", o.dir);
out:
	campaign_report_clear(&r);
	free(full);
	free(dir);
	free(due);
	return REDRAW_ALL;
}

static int services_key(struct screen *s, enum act act, int key)
{
	struct services_scr *p = s->priv;

	if (widget_list_nav(&p->list, act))
		return REDRAW_BODY;
	switch (act) {
	case ACT_ENTER: return open_service(p);
	case ACT_EDIT: case ACT_SERVICE_CONTACT: return edit_contact(p);
	case ACT_REMINDERS: return reminders(p);
	default:
		(void)key;
		return REDRAW_NONE;
	}
}

static int services_click(struct screen *s, const struct rect *r, int y,
    int x)
{
	struct services_scr *p = s->priv;
	struct rect lr = { r->y + 2, r->x, r->h - 4, r->w };
	int c = widget_list_click(&p->list, &lr, y);

	(void)x;
	if (c == WL_CLICK_OPEN)
		return open_service(p) != REDRAW_NONE;
	return c != WL_CLICK_NONE;
}

const struct screen_ops screen_services_ops = {
	.name = "Services",
	.open = services_open,
	.close = services_close,
	.reload = services_reload,
	.draw = services_draw,
	.key = services_key,
	.click = services_click,
};
