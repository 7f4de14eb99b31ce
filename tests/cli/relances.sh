#!/bin/sh
# Proves: `suivi relances` writes, for each department with actions to
# update, its extract (the pilot export) and a standard .eml, read back
# by Python's email module and openpyxl (tests/cli/eml_check.py):
# encoded headers, To the department's contact (none when it has none,
# and the report says so), From/Reply-To the coordinator, X-Unsent, the
# UTF-8 body listing exactly its actions to update and the deadline, the
# attachment with only its actions. Nothing is sent without --envoyer;
# with it, a stub sendmail receives one message per department that has
# a contact, run as "-t -oi"; a failing sendmail is reported (status 3).
# An applied import of a department's extract marks it as answered; a
# trial run or the whole plan's table does not.
set -eu
. "$(dirname "$0")/../lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
suivi init --demo >/dev/null 2>&1 || fail "démo"
export SUIVI_NOW="2026-12-04 10:00"
suivi services --contact "Direction Éducation" --nom "Élodie Bérenger" \
    --courriel elodie.berenger@ville-demo.fr >/dev/null
suivi services --contact "Service Petite enfance" --nom "Aïcha Benali" \
    --courriel aicha.benali@ville-demo.fr >/dev/null
suivi set 1.1 "commentaires=Ouverture prévue en janvier." >/dev/null

# A stub sendmail that records its arguments and its input.
mkdir "$T/sent"
cat >"$T/sendmail" <<STUB
#!/bin/sh
n=\$(ls "$T/sent" | wc -l)
echo "\$*" >"$T/sent/args.\$n"
cat >"$T/sent/msg.\$n.eml"
STUB
chmod +x "$T/sendmail"
export SUIVI_SENDMAIL="$T/sendmail"

mkdir "$T/r"
expect_status 0 suivi relances --annee 2026 --echeance 15/01/2027 -o "$T/r"
[ -z "$(ls "$T/sent")" ] || fail "envoyé sans --envoyer"
contains "$T/out" "14 courriels écrits dans $T/r (rien n'est envoyé sans --envoyer)"
contains "$T/out" "CCAS : 5 actions à mettre à jour"
grep "^CCAS" "$T/out" | grep -qF "pas de contact : courriel sans destinataire" ||
    fail "CCAS sans contact non signalé"
grep "^Direction Éducation" "$T/out" | grep -qF "pour elodie.berenger@ville-demo.fr" ||
    fail "Direction Éducation : $(cat "$T/out")"
[ "$(ls "$T/r" | grep -c '\.eml$')" = 14 ] || fail "$(ls "$T/r")"
[ "$(ls "$T/r" | grep -c '\.xlsx$')" = 14 ] || fail "$(ls "$T/r")"
ls -a "$T/r" | grep -q tmp && fail "fichier temporaire laissé : $(ls -a "$T/r")"
py() { /usr/bin/python3 "$here/eml_check.py" "$DB" "$@" || exit 1; }
py "$T/r/Suivi-VAE-Ville-de-Démo-2026-Direction-Éducation.eml" \
    "Direction Éducation" 15/01/2027 "Élodie Bérenger|elodie.berenger@ville-demo.fr"
py "$T/r/Suivi-VAE-Ville-de-Démo-2026-Service-Petite-enfance.eml" \
    "Service Petite enfance" 15/01/2027 "Aïcha Benali|aicha.benali@ville-demo.fr"
py "$T/r/Suivi-VAE-Ville-de-Démo-2026-CCAS.eml" CCAS 15/01/2027
# (1.1, just updated, is no longer asked of Petite enfance: eml_check
# compares the list with the base.)

# Bad input: nothing written.
mkdir "$T/bad"
expect_status 2 suivi relances --echeance 31/02/2027 -o "$T/bad"
contains "$T/err" "« 31/02/2027 » n'est pas une date (attendu JJ/MM/AAAA"
expect_status 2 suivi relances --echeance 15/01/2027
contains "$T/err" "-o DOSSIER est obligatoire"
expect_status 1 suivi relances -o "$T/nulle-part"
contains "$T/err" "dossier introuvable"
[ -z "$(ls "$T/bad")" ] || fail "écrit malgré une erreur"

# --envoyer: one message per department with a contact.
mkdir "$T/r2"
expect_status 0 suivi relances --echeance 15/01/2027 -o "$T/r2" --envoyer
contains "$T/out" "14 courriels écrits dans $T/r2, 2 envoyés"
[ "$(ls "$T/sent" | grep -c '\.eml$')" = 2 ] || fail "envoyés : $(ls "$T/sent")"
for a in "$T"/sent/args.*; do
	[ "$(cat "$a")" = "-t -oi" ] || fail "arguments de sendmail : $(cat "$a")"
done
grep -l "^To: .*elodie.berenger@ville-demo.fr" "$T"/sent/*.eml >/dev/null ||
    fail "Direction Éducation non envoyée"
grep -l "^To: .*aicha.benali@ville-demo.fr" "$T"/sent/*.eml >/dev/null ||
    fail "Petite enfance non envoyée"
for f in "$T"/sent/*.eml; do
	case $(grep -c "^To:" "$f") in 1) ;; *) fail "$f sans To" ;; esac
done
cmp -s "$T/r2/Suivi-VAE-Ville-de-Démo-2026-Direction-Éducation.eml" \
    "$(grep -l "^To: .*elodie" "$T"/sent/*.eml)" ||
    fail "le message envoyé n'est pas le .eml écrit"
# A failing sendmail: reported, status 3, the .eml are still written.
printf '#!/bin/sh\ncat >/dev/null\nexit 1\n' >"$T/badmail"
chmod +x "$T/badmail"
mkdir "$T/r3"
SUIVI_SENDMAIL="$T/badmail" expect_status 3 suivi relances -o "$T/r3" --envoyer
contains "$T/out" "NON ENVOYÉ : envoi par $T/badmail : échec (statut 1)"
[ "$(ls "$T/r3" | grep -c '\.eml$')" = 14 ] || fail "$(ls "$T/r3")"
SUIVI_SENDMAIL="$T/absent" expect_status 3 suivi relances -o "$T/r3" --envoyer
contains "$T/out" "est introuvable ou ne peut pas être lancé"

# Answers: the trial run and the whole table do not count; the applied
# import of the extract does.
x="$T/r/Suivi-VAE-Ville-de-Démo-2026-Service-Petite-enfance.xlsx"
suivi import "$x" --dry-run >/dev/null 2>&1
suivi export -o "$T/tout.xlsx" >/dev/null
suivi import "$T/tout.xlsx" >/dev/null 2>&1
suivi services >"$T/s"
lacks "$T/s" "répondu le"
SUIVI_NOW="2026-12-05 11:00" suivi import "$x" >/dev/null 2>&1
suivi services >"$T/s"
grep "^Service Petite enfance" "$T/s" | grep -qF "répondu le 05/12/2026" ||
    fail "réponse : $(cat "$T/s")"
[ "$(grep -c "répondu le" "$T/s")" = 1 ] || fail "$(cat "$T/s")"
echo ok
