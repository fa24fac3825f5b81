/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * mmio_objdump_check FILE: FILE is `objdump -d --insn-width=15` output. Every
 * instruction with a memory operand (but lea, nop and the control transfers)
 * must decode with objdump's length, and a MOV's direction must match.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mmio_decode.h"

static int skipped(const char *mn)
{
    static const char *const skip[] = {"lea",  "nop", "data16", "cs",      "call", "jmp",
                                       "push", "pop", "xchg",   "endbr64", "ret"};
    for (size_t i = 0; i < sizeof(skip) / sizeof(skip[0]); i++) {
        if (strncmp(mn, skip[i], strlen(skip[i])) == 0) {
            return 1;
        }
    }
    return 0;
}

/* A memory operand: `(` in the operands, or movabs with an address. */
static int has_memory(const char *mn, const char *ops)
{
    if (strchr(ops, '(')) {
        return 1;
    }
    return strncmp(mn, "movabs", 6) == 0 && !strchr(ops, '$');
}

/* The comma between the last two operands (not one inside parentheses). */
static const char *last_comma(const char *ops)
{
    const char *comma = NULL;
    int depth = 0;
    for (const char *p = ops; *p && *p != '#'; p++) {
        depth += *p == '(' ? 1 : *p == ')' ? -1 : 0;
        if (*p == ',' && depth == 0) {
            comma = p;
        }
    }
    return comma;
}

/* Check one instruction; returns 1 when it is a bad decode. */
static int check(const char *line, const uint8_t *code, size_t n, const char *mn, const char *ops)
{
    ucontext_t uc;
    struct sim_mmio_insn d;
    const char *why = "";
    memset(&uc, 0, sizeof(uc));
    if (sim_mmio_decode(code, n, &uc, &d, &why) != 0) {
        printf("FAIL: %s\n  refused: %s\n", line, why);
        return 1;
    }
    if (d.len != n) {
        printf("FAIL: %s\n  decoded length %u, objdump %zu\n", line, d.len, n);
        return 1;
    }
    const char *comma = last_comma(ops);
    if (strncmp(mn, "mov", 3) == 0 && comma) {
        int store = strchr(comma, '(') != NULL ||
                    (mn[3] == 'a' && strchr(ops, '(') == NULL && strchr(comma, '%') == NULL);
        if (store != d.is_store || store == d.is_load) {
            printf("FAIL: %s\n  decoded as a %s\n", line, d.is_store ? "store" : "load");
            return 1;
        }
    }
    return 0;
}

/* Split "  addr:\tbytes\tmnemonic operands"; returns 0 for other lines. */
static int parse(char *line, uint8_t *code, size_t *n, char **mn, char **ops)
{
    char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
    if (!t1 || !t2 || t1[-1] != ':') {
        return 0;
    }
    *t2 = '\0';
    *n = 0;
    for (char *p = t1 + 1; *n < SIM_MMIO_MAX_LEN;) {
        char *end;
        unsigned long v = strtoul(p, &end, 16);
        if (end == p) {
            break;
        }
        code[(*n)++] = (uint8_t)v;
        p = end;
    }
    *mn = t2 + 1;
    char *sp = strchr(*mn, ' ');
    *ops = sp ? sp : *mn + strlen(*mn);
    return *n > 0;
}

int main(int argc, char **argv)
{
    FILE *f = argc == 2 ? fopen(argv[1], "r") : NULL;
    char line[512], copy[512];
    int bad = 0, seen = 0;
    if (!f) {
        fprintf(stderr, "usage: mmio_objdump_check OBJDUMP-OUTPUT\n");
        return 2;
    }
    while (fgets(line, sizeof(line), f)) {
        uint8_t code[SIM_MMIO_MAX_LEN];
        size_t n;
        char *mn, *ops;
        line[strcspn(line, "\n")] = '\0';
        strcpy(copy, line);
        if (!parse(line, code, &n, &mn, &ops) || skipped(mn) || !has_memory(mn, ops)) {
            continue;
        }
        seen++;
        bad += check(copy, code, n, mn, ops);
    }
    fclose(f);
    printf("%s: %d memory accesses, %d not decoded as objdump shows\n", argv[1], seen, bad);
    return bad || seen == 0;
}
