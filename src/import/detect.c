/*
 * detect.c - what a file to import is, by its content: the name a person
 * gave it is often wrong (an old .xls renamed .xlsx, a LibreOffice file
 * saved as .ods then renamed, a text export called .xls).
 *
 * - zip with a "mimetype" entry of an OpenDocument spreadsheet: ODS
 *   (encrypted when its manifest has encryption data: a password);
 *   another OpenDocument mimetype: not a spreadsheet; any other zip:
 *   XLSX (its reader says what is missing);
 * - OLE2 compound file (D0 CF 11 E0 A1 B1 1A E1): an encrypted OOXML
 *   package when its directory has an "EncryptedPackage" stream (what
 *   Excel writes for a workbook with a password to open), an .xls with
 *   a password when its workbook stream starts with BOF then FILEPASS,
 *   else an old Excel .xls;
 * - anything else: text (CSV).
 */
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "import.h"
#include "import_priv.h"

static const unsigned char ole2_sig[8] = {
	0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1
};

/* 1 when the OLE2 directory holds a stream named "EncryptedPackage".
 * Directory entries are 128 bytes long and sectors 512 or 4096 bytes
 * after a header of one sector, so every entry starts at a multiple of
 * 128 from the start of the file: each such block is checked for the
 * name (UTF-16LE), its length in bytes with the final NUL (34) and the
 * type "stream" (2). A cell text cannot pass for it by chance. */
static int ole2_encrypted(const unsigned char *d, size_t len)
{
	static const char name[] = "EncryptedPackage";
	size_t off, k;

	for (off = 512; off + 128 <= len; off += 128) {
		if (d[off + 0x40] != 34 || d[off + 0x41] != 0 ||
		    d[off + 0x42] != 2)
			continue;
		for (k = 0; k < 16; k++)
			if (d[off + 2 * k] != (unsigned char)name[k] ||
			    d[off + 2 * k + 1] != 0)
				break;
		if (k == 16 && d[off + 32] == 0 && d[off + 33] == 0)
			return 1;
	}
	return 0;
}

static unsigned le16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static unsigned long le32(const unsigned char *p)
{
	return (unsigned long)le16(p) | (unsigned long)le16(p + 2) << 16;
}

/* 1 when the BIFF workbook stream starts with BOF then FILEPASS (0x002F):
 * an .xls with a password to open (freexl cannot tell it from a file it
 * fails on). The "Workbook" entry is found as in ole2_encrypted; a stream
 * of 4096 bytes or more is in regular sectors, its first one at
 * (start + 1) * sector size. */
static int xls_filepass(const unsigned char *d, size_t len)
{
	static const char name[] = "Workbook";
	unsigned ssz = len > 0x1F && le16(d + 0x1E) >= 7 &&
	    le16(d + 0x1E) <= 16 ? 1u << le16(d + 0x1E) : 512;
	size_t off, k;

	for (off = 512; off + 128 <= len; off += 128) {
		unsigned long start, size, at;

		if (d[off + 0x40] != 18 || d[off + 0x41] != 0 ||
		    d[off + 0x42] != 2)
			continue;
		for (k = 0; k < 8; k++)
			if (d[off + 2 * k] != (unsigned char)name[k] ||
			    d[off + 2 * k + 1] != 0)
				break;
		if (k < 8)
			continue;
		start = le32(d + off + 0x74);
		size = le32(d + off + 0x78);
		if (size < 4096 || start >= 0xFFFFFFF0ul ||
		    (start + 1) > (unsigned long)(len / ssz))
			return 0;
		at = (start + 1) * ssz;
		if (at + 4 > len || le16(d + at) != 0x0809)
			return 0;
		at += 4 + le16(d + at + 2);
		return at + 2 <= len && le16(d + at) == 0x002F;
	}
	return 0;
}

/* 1 when the ODF manifest says a part is encrypted (a password to
 * open): read up to 1 MiB of it. */
static int odf_encrypted(zip_t *z)
{
	zip_int64_t idx = zip_name_locate(z, "META-INF/manifest.xml", 0);
	zip_file_t *zf;
	char *buf;
	zip_int64_t got;
	int enc = 0;

	if (idx < 0 || !(zf = zip_fopen_index(z, (zip_uint64_t)idx, 0)))
		return 0;
	if ((buf = malloc((1u << 20) + 1))) {
		got = zip_fread(zf, buf, 1u << 20);
		buf[got > 0 ? got : 0] = '\0';
		enc = got > 0 && strstr(buf, "encryption-data") != NULL;
		free(buf);
	}
	zip_fclose(zf);
	return enc;
}

static enum import_format zip_kind(const void *data, size_t len)
{
	static const char ods[] = "application/vnd.oasis.opendocument."
	    "spreadsheet";
	static const char odf[] = "application/vnd.oasis.opendocument.";
	enum import_format f = IMPORT_FMT_XLSX;
	zip_source_t *src;
	zip_error_t ze;
	zip_t *z;
	zip_int64_t idx;
	zip_file_t *zf;
	char mt[96];
	zip_int64_t got;

	zip_error_init(&ze);
	if (!(src = zip_source_buffer_create(data, len, 0, &ze))) {
		zip_error_fini(&ze);
		return f;
	}
	if (!(z = zip_open_from_source(src, ZIP_RDONLY, &ze))) {
		/* the XLSX reader says why it is no zip */
		zip_source_free(src);
		zip_error_fini(&ze);
		return f;
	}
	zip_error_fini(&ze);
	idx = zip_name_locate(z, "mimetype", 0);
	if (idx >= 0 && (zf = zip_fopen_index(z, (zip_uint64_t)idx, 0))) {
		/* at most sizeof mt bytes inflated: no bomb here */
		got = zip_fread(zf, mt, sizeof mt - 1);
		zip_fclose(zf);
		mt[got > 0 ? got : 0] = '\0';
		if (strncmp(mt, ods, sizeof ods - 1) == 0)
			f = odf_encrypted(z) ? IMPORT_FMT_ENCRYPTED :
			    IMPORT_FMT_ODS;
		else if (strncmp(mt, odf, sizeof odf - 1) == 0)
			f = IMPORT_FMT_OTHER_ZIP;
	} else if (zip_name_locate(z, "xl/workbook.xml", 0) < 0 &&
	    zip_name_locate(z, "content.xml", 0) >= 0) {
		f = IMPORT_FMT_ODS;	/* an ODS whose mimetype was lost */
	}
	zip_discard(z);
	return f;
}

enum import_format import_detect(const void *data, size_t len)
{
	const unsigned char *d = data;

	if (len >= 4 && d[0] == 'P' && d[1] == 'K')
		return zip_kind(data, len);
	if (len >= sizeof ole2_sig && memcmp(d, ole2_sig, sizeof ole2_sig) == 0)
		return ole2_encrypted(d, len) || xls_filepass(d, len) ?
		    IMPORT_FMT_ENCRYPTED : IMPORT_FMT_XLS;
	if (len >= 2 && d[0] == 'P' && d[1] == 'K')
		return IMPORT_FMT_XLSX;	/* "PK" and less: a damaged zip */
	return IMPORT_FMT_TEXT;
}

int import_refuse_password(const char *name, struct err *e)
{
	return err_set(e, ERR_FORMAT, "%s : ce classeur est protégé par un "
	    "mot de passe : ouvrez-le dans Excel ou LibreOffice, "
	    "enregistrez-le sans mot de passe, puis importez-le",
	    name ? name : "classeur");
}
