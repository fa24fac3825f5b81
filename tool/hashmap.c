/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "hashmap.h"
#include "util.h"

static uint64_t hash_str(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ull; /* FNV-1a */
    for (; *s; s++) {
        h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
    }
    return h;
}

static uint64_t hash_u64(uint64_t x)
{
    /* A 64-bit finaliser mixes every input bit into the low bits used as index. */
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    return x;
}

void hashmap_init(struct hashmap *m)
{
    memset(m, 0, sizeof(*m));
}

void hashmap_free(struct hashmap *m)
{
    free(m->slots);
    memset(m, 0, sizeof(*m));
}

static bool slot_matches(const struct hashmap_slot *s, const char *str, uint64_t num)
{
    if (str) {
        return s->str && !strcmp(s->str, str);
    }
    return !s->str && s->num == num;
}

static struct hashmap_slot *find_slot(struct hashmap_slot *slots, size_t cap, const char *str,
                                      uint64_t num)
{
    size_t i = (size_t)(str ? hash_str(str) : hash_u64(num)) & (cap - 1);
    while (slots[i].used && !slot_matches(&slots[i], str, num)) {
        i = (i + 1) & (cap - 1);
    }
    return &slots[i];
}

static void grow(struct hashmap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    struct hashmap_slot *slots = xcalloc(cap, sizeof(*slots));
    for (size_t i = 0; i < m->cap; i++) {
        if (m->slots[i].used) {
            *find_slot(slots, cap, m->slots[i].str, m->slots[i].num) = m->slots[i];
        }
    }
    free(m->slots);
    m->slots = slots;
    m->cap = cap;
}

static int put(struct hashmap *m, const char *str, uint64_t num, int value)
{
    if ((m->count + 1) * 2 > m->cap) {
        grow(m);
    }
    struct hashmap_slot *s = find_slot(m->slots, m->cap, str, num);
    if (s->used) {
        return s->value;
    }
    s->used = 1;
    s->str = str;
    s->num = num;
    s->value = value;
    m->count++;
    return -1;
}

static int get(const struct hashmap *m, const char *str, uint64_t num)
{
    if (!m->cap) {
        return -1;
    }
    const struct hashmap_slot *s = find_slot(m->slots, m->cap, str, num);
    return s->used ? s->value : -1;
}

int hashmap_put_str(struct hashmap *m, const char *key, int value)
{
    return put(m, key, 0, value);
}

int hashmap_put_u64(struct hashmap *m, uint64_t key, int value)
{
    return put(m, NULL, key, value);
}

int hashmap_get_str(const struct hashmap *m, const char *key)
{
    return get(m, key, 0);
}

int hashmap_get_u64(const struct hashmap *m, uint64_t key)
{
    return get(m, NULL, key);
}
