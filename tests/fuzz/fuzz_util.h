/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Helpers shared by the fuzz targets whose stage reads a file by path
 * (boards, ELFs): the input is written to one private temporary file, which
 * is removed when the process exits.
 */
#ifndef FUZZ_UTIL_H
#define FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>

/*
 * Writes data[0..size) to this process's temporary file (created on first
 * use, name ending in `suffix`) and returns its path. Aborts when the file
 * cannot be written: that is a broken environment, not a finding.
 */
const char *fuzz_temp_file(const uint8_t *data, size_t size, const char *suffix);

/* A private temporary directory (created on first use, removed at exit). */
const char *fuzz_temp_dir(void);

#endif /* FUZZ_UTIL_H */
