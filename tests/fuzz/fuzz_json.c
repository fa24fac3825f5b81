/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fuzz target: the flat JSON reader the tool uses for the kernel's
 * gen_config.json (a file from the user's kernel build). A refusal must
 * come with a message; an accepted document must give members whose keys
 * can be looked up again.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void use(const struct json_flat *j)
{
    for (size_t i = 0; i < j->members.count; i++) {
        const struct json_member *m = &j->members.items[i];
        if (!m->key || !m->text) {
            abort();
        }
        const struct json_member *found = json_flat_get(j, m->key);
        if (!found || strcmp(found->key, m->key) != 0 || !json_flat_value(j, m->key)) {
            abort(); /* every key read must be found again */
        }
    }
    (void)json_flat_value(j, "ARM_HYPERVISOR_SUPPORT");
    (void)json_flat_value(j, "ROOT_CNODE_SIZE_BITS");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct json_flat j;
    char err[128];
    memset(&j, 0, sizeof(j));
    memset(err, 0x55, sizeof(err));
    if (json_flat_parse((const char *)data, size, &j, err, sizeof(err)) == 0) {
        use(&j);
    } else if (memchr(err, '\0', sizeof(err)) == NULL || err[0] == '\0') {
        abort(); /* a refusal must say why, NUL-terminated */
    }
    json_flat_free(&j);
    return 0;
}
