/* SPDX-License-Identifier: BSD-2-Clause */
/* Random systems for tests (sysgen.h). */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>

#include "sysgen.h"

/* Microkit 2.3's <cspace>: a few caps of random PDs (itself included) in distinct slots. */
static void gen_cspace(FILE *f, int npd)
{
    static const char *const kinds[] = {"cap_tcb", "cap_sc", "cap_vspace"};
    int n = 1 + rand() % 4, slot = 0;
    fprintf(f, "<cspace>\n");
    for (int i = 0; i < n; i++) {
        slot += 1 + rand() % 15;
        fprintf(f, "<%s slot=\"%d\" pd=\"p%d\"/>\n", kinds[rand() % 3], slot, rand() % npd);
    }
    fprintf(f, "</cspace>\n");
}

static void gen_more_maps(FILE *f, int p)
{
    unsigned base = 0x20000000u + (unsigned)p * 0x1000000u;
    fprintf(f, "<map mr=\"m\" vaddr=\"0x%x\" perms=\"%s\"/>\n", base, rand() % 2 ? "rw" : "r");
    if (rand() % 2) {
        fprintf(f, "<map mr=\"m\" vaddr=\"0x%x\" perms=\"rw\"/>\n", base + 0x100000u);
    }
    if (rand() % 3 == 0) {
        fprintf(f, "<map mr=\"code\" vaddr=\"0x%x\" perms=\"rx\"/>\n", base + 0x200000u);
    }
    if (rand() % 3 == 0) {
        fprintf(f, "<map mr=\"big\" vaddr=\"0x%x\"/>\n", base + 0x400000u);
    }
}

static void gen_maps(FILE *f, int p, const struct sysgen_opts *o)
{
    if (o->maps) {
        if (rand() % 2) {
            gen_more_maps(f, p);
        }
        return;
    }
    if (p == 0) {
        fprintf(f, "<map mr=\"m0\" vaddr=\"0x30000000\" perms=\"r\"/>\n");
    }
    if (p == 0 || rand() % 2) {
        fprintf(f, "<map mr=\"m\" vaddr=\"0x%x\" perms=\"rw\"/>\n", 0x20000000 + p * 0x100000);
    }
}

static void gen_irqs(FILE *f, int p, const struct sysgen_opts *o)
{
    int k = o->irqs ? rand() % 3 : rand() % 3 == 0;
    for (int i = 0; i < k; i++) {
        fprintf(f, "<irq irq=\"%d\" id=\"%d\"/>\n", 40 + p * 3 + i, 40 + i * 5 + rand() % 5);
    }
}

/* The PD's element and contents, without its end tag (children go inside). */
static void gen_pd(FILE *f, int p, int npd, int prio, bool child, const struct sysgen_opts *o)
{
    fprintf(f, "<protection_domain name=\"p%d\" priority=\"%d\"%s", p, prio,
            rand() % 3 == 0 ? " passive=\"true\"" : "");
    if (o->smc && rand() % 4 == 0) {
        fprintf(f, " smc=\"true\"");
    }
    if (child) {
        fprintf(f, " id=\"%d\"", 50 + p);
    }
    fprintf(f, ">\n<program_image path=\"x.elf\"/>\n");
    gen_maps(f, p, o);
    gen_irqs(f, p, o);
    if (o->vm && !child && rand() % 6 == 0) {
        fprintf(f, "<virtual_machine name=\"vm%d\"><vcpu id=\"0\"/>%s</virtual_machine>\n", p,
                rand() % 2 ? "<vcpu id=\"1\"/>" : "");
    }
    if (o->cspace && rand() % 4 == 0) {
        gen_cspace(f, npd);
    }
}

static void gen_channels(FILE *f, int npd, const int *prio, const struct sysgen_opts *o)
{
    for (int c = 0, nch = rand() % 12; c < nch && npd > 1; c++) {
        int a = rand() % npd, b = rand() % npd;
        bool pp = prio[b] > prio[a] && rand() % 2;
        const char *na = o->notify_off && rand() % 4 == 0 ? " notify=\"false\"" : "";
        const char *nb = o->notify_off && rand() % 4 == 0 ? " notify=\"false\"" : "";
        if (a != b) {
            fprintf(f,
                    "<channel><end pd=\"p%d\" id=\"%d\"%s%s/><end pd=\"p%d\" id=\"%d\"%s/>"
                    "</channel>\n",
                    a, c, pp ? " pp=\"true\"" : "", na, b, c + 20, nb);
        }
    }
}

char *sysgen_generate(unsigned seed, const struct sysgen_opts *o, size_t *len)
{
    srand(seed);
    char *out = NULL;
    FILE *f = open_memstream(&out, len);
    int npd = 1 + rand() % 7, prio[8] = {0};
    bool child[8] = {false};
    fprintf(f, "<system>\n<memory_region name=\"m\" size=\"0x3000\"/>\n"
               "<memory_region name=\"m0\" size=\"0x1000\"/>\n"
               "<memory_region name=\"code\" size=\"0x1000\"/>\n"
               "<memory_region name=\"big\" size=\"0x200000\" page_size=\"0x200000\"/>\n");
    for (int p = 0; p < npd; p++) {
        prio[p] = 10 + rand() % 200;
        child[p] = p > 0 && rand() % 4 == 0;
    }
    gen_pd(f, 0, npd, prio[0], false, o);
    for (int p = 1; p < npd; p++) {
        if (child[p]) {
            gen_pd(f, p, npd, prio[p], true, o);
            fprintf(f, "</protection_domain>\n");
        }
    }
    fprintf(f, "</protection_domain>\n");
    for (int p = 1; p < npd; p++) {
        if (!child[p]) {
            gen_pd(f, p, npd, prio[p], false, o);
            fprintf(f, "</protection_domain>\n");
        }
    }
    gen_channels(f, npd, prio, o);
    fprintf(f, "</system>\n");
    fclose(f);
    return out;
}
