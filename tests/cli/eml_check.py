# eml_check.py DB EML SERVICE DEADLINE [TO] - reads a reminder back with
# Python's email module (an independent reader) and openpyxl: headers
# decoded, the UTF-8 body lists exactly the department's actions to
# update (N° and title) and the deadline, signed by the coordinator; the
# attachment is a workbook with exactly that department's actions.
# The expected actions come from the base itself (sqlite3, read-only).
import email, email.policy, email.utils, io, re, sqlite3, sys, unicodedata
import openpyxl

db, path, service, deadline = sys.argv[1:5]
to = sys.argv[5] if len(sys.argv) > 5 else None

def key(s):
    s = unicodedata.normalize('NFD', s.casefold())
    s = ''.join(c for c in s if not unicodedata.combining(c))
    return ' '.join(s.split())

def depts(pilots):
    return [key(p) for p in re.split(r'[,;/]', pilots or '') if p.strip()]

def fail(msg):
    print('ÉCHEC eml : ' + path + ' : ' + msg)
    sys.exit(1)

con = sqlite3.connect('file:' + db + '?mode=ro', uri=True)
since = con.execute("select max(done_at) from review where done = 1 and "
                    "year < 2026").fetchone()[0]
mine, stale = {}, {}
for ref, title, pilots, at, canc in con.execute(
        "select ref, designation, pilots, updated_at, cancelled from action"):
    if key(service) in depts(pilots):
        mine[ref] = title
        if not canc and (at is None or at < since):
            stale[ref] = title

raw = open(path, 'rb').read()
for line in raw.split(b'\r\n'):
    if len(line) > 998:
        fail('ligne de plus de 998 octets')
head = raw.split(b'\r\n\r\n', 1)[0]
try:
    head.decode('ascii')
except UnicodeDecodeError:
    fail('en-têtes non ASCII (RFC 2047 attendu)')
if b'\n' in raw.replace(b'\r\n', b''):
    fail('fin de ligne LF seule')

m = email.message_from_bytes(raw, policy=email.policy.default)
if m.get_content_type() != 'multipart/mixed':
    fail('type ' + m.get_content_type())
if m['X-Unsent'] != '1':
    fail('X-Unsent absent')
if not m['Message-ID'] or not m['Date']:
    fail('Message-ID ou Date absent')
email.utils.parsedate_to_datetime(m['Date'])
frm = m['From'].addresses[0]
if (frm.display_name, frm.addr_spec) != ('Camille Martin',
                                         'camille.martin@ville-demo.fr'):
    fail('From : ' + str(m['From']))
if str(m['Reply-To']) != str(m['From']):
    fail('Reply-To : ' + str(m['Reply-To']))
if to:
    name, addr = to.split('|')
    a = m['To'].addresses[0]
    if (a.display_name, a.addr_spec) != (name, addr):
        fail('To : ' + str(m['To']))
elif m['To'] is not None:
    fail('To inattendu : ' + str(m['To']))
subject = str(m['Subject'])
if deadline not in subject or 'à mettre à jour' not in subject:
    fail('Objet : ' + subject)

body_part = m.get_body(('plain',))
if body_part.get_content_charset() != 'utf-8':
    fail('charset ' + str(body_part.get_content_charset()))
body = body_part.get_content().replace('\r\n', '\n')
listed = dict(re.findall(r'^  - (\S+) : (.*)$', body, re.M))
if listed != stale:
    fail('actions listées %s, attendues %s' % (sorted(listed.items()), sorted(stale.items())))
if 'avant le ' + deadline not in body:
    fail("pas d'échéance " + deadline)
if 'Camille Martin' not in body.rstrip().split('\n')[-4:][0]:
    fail('signature : ' + body[-200:])
if '« ' + service + ' »' not in body:
    fail('service absent du message')

atts = list(m.iter_attachments())
if len(atts) != 1:
    fail('%d pièces jointes' % len(atts))
att = atts[0]
if att.get_content_type() != ('application/vnd.openxmlformats-'
                              'officedocument.spreadsheetml.sheet'):
    fail('type de la pièce jointe ' + att.get_content_type())
if not att.get_filename().endswith('.xlsx'):
    fail('nom de la pièce jointe ' + att.get_filename())
wb = openpyxl.load_workbook(io.BytesIO(att.get_content()))
ws = wb["Plan d'action"]
refs = {}
for row in ws.iter_rows(min_row=2, values_only=True):
    if row[0] and re.match(r'^\d+\.\d+$', str(row[0])):
        refs[str(row[0])] = row[3]
if refs != mine:
    fail('extrait : %s, attendu %s' % (sorted(refs), sorted(mine)))
print('ok ' + service + ' : %d à mettre à jour, %d dans l\'extrait' %
      (len(stale), len(refs)))
