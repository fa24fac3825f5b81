/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A small open-addressing hash map from a string or a 64-bit key to an int,
 * so that name and number lookups stay linear in the size of the system.
 * String keys are borrowed: the caller keeps them alive while the map lives.
 */
#ifndef TOOL_HASHMAP_H
#define TOOL_HASHMAP_H

#include <stddef.h>
#include <stdint.h>

struct hashmap_slot {
    const char *str; /* string key, or NULL for a number key */
    uint64_t num;
    int value;
    int used;
};

struct hashmap {
    struct hashmap_slot *slots;
    size_t count;
    size_t cap; /* a power of two, or 0 */
};

void hashmap_init(struct hashmap *m);
void hashmap_free(struct hashmap *m);

/*
 * Insert `key` → `value` unless the key is present. Returns -1 when it was
 * inserted, else the value already stored (which is left unchanged).
 */
int hashmap_put_str(struct hashmap *m, const char *key, int value);
int hashmap_put_u64(struct hashmap *m, uint64_t key, int value);

/* The value stored for `key`, or -1. */
int hashmap_get_str(const struct hashmap *m, const char *key);
int hashmap_get_u64(const struct hashmap *m, uint64_t key);

#endif /* TOOL_HASHMAP_H */
