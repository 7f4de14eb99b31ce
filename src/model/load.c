/*
 * load.c - the data files of the model read from disk: a referential
 * file parsed by referential_parse. The only file of src/model/ that
 * touches the file system (read only, through util's file_read_all), so
 * that the command line, the demo and the benchmark share one loader
 * below them all; the parsers stay pure.
 */
#include <stdlib.h>

#include "model.h"

int referential_load_file(const char *path, struct referential **out,
    struct err *e)
{
	char *text = NULL;
	size_t len = 0;
	int rc;

	if ((rc = file_read_all(path, 4u << 20, &text, &len, e)))
		return rc;
	rc = referential_parse(text, len, path, out, e);
	free(text);
	return rc;
}
