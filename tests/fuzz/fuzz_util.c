/* SPDX-License-Identifier: BSD-2-Clause */
#define _GNU_SOURCE
#include "fuzz_util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[256];
static char path[320];

static void remove_dir(void)
{
    DIR *d = opendir(dir);
    if (d) {
        for (struct dirent *e; (e = readdir(d));) {
            if (e->d_name[0] != '.') {
                char sub[600];
                snprintf(sub, sizeof(sub), "%s/%s", dir, e->d_name);
                unlink(sub);
            }
        }
        closedir(d);
    }
    rmdir(dir);
}

const char *fuzz_temp_dir(void)
{
    if (dir[0] == '\0') {
        const char *tmp = getenv("TMPDIR");
        snprintf(dir, sizeof(dir), "%s/microkit-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
        if (!mkdtemp(dir)) {
            perror("fuzz: mkdtemp");
            abort();
        }
        atexit(remove_dir);
    }
    return dir;
}

const char *fuzz_temp_file(const uint8_t *data, size_t size, const char *suffix)
{
    snprintf(path, sizeof(path), "%s/input%s", fuzz_temp_dir(), suffix);
    /* A new file each time: truncating one in place makes ext4 flush it on close. */
    unlink(path);
    FILE *f = fopen(path, "wb");
    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
        perror("fuzz: writing the input file");
        abort();
    }
    return path;
}
