/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Writes the binary seed inputs of the monitor's fuzz targets, at build
 * time, so no binary seed is committed:
 *
 *     gen_monitor_seeds inflate DIR     zlib streams of every block kind
 *     gen_monitor_seeds bootspec DIR    small boot specs (spec_builder.c)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "spec_builder.h"

static void write_seed(const char *dir, const char *name, const void *data, size_t size)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
        fprintf(stderr, "gen_monitor_seeds: cannot write '%s'\n", path);
        exit(1);
    }
}

/* One zlib stream of `in` with the given level and strategy. */
static void deflate_seed(const char *dir, const char *name, const uint8_t *in, size_t len,
                         int level, int strategy)
{
    static uint8_t out[1 << 16];
    z_stream z;
    memset(&z, 0, sizeof(z));
    if (deflateInit2(&z, level, Z_DEFLATED, 15, 8, strategy) != Z_OK) {
        exit(1);
    }
    z.next_in = (Bytef *)in;
    z.avail_in = (uInt)len;
    z.next_out = out;
    z.avail_out = sizeof(out);
    if (deflate(&z, Z_FINISH) != Z_STREAM_END) {
        exit(1);
    }
    write_seed(dir, name, out, z.total_out);
    deflateEnd(&z);
}

static void inflate_seeds(const char *dir)
{
    static uint8_t text[4096], noise[2048], runs[8192];
    uint32_t x = 12345;
    for (size_t i = 0; i < sizeof(text); i++) {
        text[i] = (uint8_t)("the monitor inflates segment data; "[i % 35] + (i / 700));
    }
    for (size_t i = 0; i < sizeof(noise); i++) {
        x = x * 1103515245u + 12345u;
        noise[i] = (uint8_t)(x >> 16);
    }
    for (size_t i = 0; i < sizeof(runs); i++) {
        runs[i] = (uint8_t)(i / 512);
    }
    deflate_seed(dir, "empty.z", text, 0, 6, Z_DEFAULT_STRATEGY);
    deflate_seed(dir, "stored.z", text, 300, 0, Z_DEFAULT_STRATEGY);
    deflate_seed(dir, "fixed.z", text, 600, 9, Z_FIXED);
    deflate_seed(dir, "dynamic.z", text, sizeof(text), 9, Z_DEFAULT_STRATEGY);
    deflate_seed(dir, "fast.z", text, sizeof(text), 1, Z_DEFAULT_STRATEGY);
    deflate_seed(dir, "huffman.z", text, 1000, 6, Z_HUFFMAN_ONLY);
    deflate_seed(dir, "rle.z", runs, sizeof(runs), 6, Z_RLE);
    deflate_seed(dir, "noise.z", noise, sizeof(noise), 6, Z_DEFAULT_STRATEGY);
    deflate_seed(dir, "one-byte.z", text, 1, 6, Z_DEFAULT_STRATEGY);
}

static void spec_seed(const char *dir, const char *name, const struct sb *b)
{
    size_t size;
    uint8_t *blob = sb_finish(b, &size);
    write_seed(dir, name, blob, size);
    free(blob);
}

/* One PD: code frame filled from a zlib stream, stack-less, with symbols. */
static void one_pd(struct sb *b, int passive)
{
    static const char code[] = "pd code pd code pd code pd code";
    uint32_t cnode = sb_object(b, BS_OBJ_CNODE, 9, BS_ANY_PADDR, 0, "cnode");
    uint32_t vspace = sb_object(b, BS_OBJ_VSPACE, 13, BS_ANY_PADDR, 0, "vspace");
    uint32_t tcb = sb_object(b, BS_OBJ_TCB, 11, BS_ANY_PADDR, 0, "tcb");
    uint32_t sc = sb_object(b, BS_OBJ_SCHED_CONTEXT, 8, BS_ANY_PADDR, 0, "sc");
    uint32_t pt = sb_object(b, BS_OBJ_PAGE_TABLE, 12, BS_ANY_PADDR, 0, "pt");
    uint32_t frame = sb_object(b, BS_OBJ_FRAME, 12, BS_ANY_PADDR, 0, "code");
    uint32_t ntfn = sb_object(b, BS_OBJ_NOTIFICATION, 6, BS_ANY_PADDR, 0, "ntfn");
    uint32_t ep = sb_object(b, BS_OBJ_ENDPOINT, 4, BS_ANY_PADDR, 0, "fault ep");
    b->monitor_fault_ep = ep;
    b->monitor_reply = sb_object(b, BS_OBJ_REPLY, 5, BS_ANY_PADDR, 0, "reply");
    sb_fill(b, frame, 0x20, code, sizeof(code), 1);
    sb_map(b, vspace, pt, 0x200000, BS_MAP_PAGE_TABLE, 0, BS_ATTR_CACHEABLE);
    sb_map(b, vspace, frame, 0x200000, BS_MAP_FRAME, BS_RIGHT_READ, BS_ATTR_CACHEABLE);
    sb_irq(b, 33, 1, ntfn, cnode, 138, BS_IRQ_EDGE);
    sb_cap(b, cnode, 1, ntfn, BS_CAP_OBJECT, BS_RIGHTS_ALL, 0);
    sb_cap(b, cnode, 7, 0, BS_CAP_SMC, BS_RIGHTS_ALL, 0);
    sb_symbol(b, 0x200000, 0x10, "_start");
    sb_symbol(b, 0x200010, 0, "init");
    struct bs_pd pd = {0};
    pd.tcb = tcb, pd.sched_context = sc, pd.cnode = cnode, pd.vspace = vspace;
    pd.notification = ntfn, pd.ipc_buffer = BS_NONE, pd.fault_ep = ep, pd.vcpu = BS_NONE;
    pd.parent = BS_NONE, pd.fault_badge = 1, pd.entry = 0x200000;
    pd.stack_top = 0x400000, pd.stack_bottom = 0x3ff000, pd.budget_us = 1000;
    pd.period_us = 1000, pd.cnode_guard = 55, pd.priority = 100, pd.mcp = 100;
    pd.flags = BS_PD_START | (passive ? BS_PD_PASSIVE : 0), pd.num_symbols = 2;
    sb_pd(b, &pd, "pd");
}

static void bootspec_seeds(const char *dir)
{
    static struct sb b;
    sb_init(&b);
    b.monitor_fault_ep = sb_object(&b, BS_OBJ_ENDPOINT, 4, BS_ANY_PADDR, 0, "ep");
    b.monitor_reply = sb_object(&b, BS_OBJ_REPLY, 5, BS_ANY_PADDR, 0, "reply");
    spec_seed(dir, "minimal.spec", &b);

    sb_init(&b);
    one_pd(&b, 0);
    spec_seed(dir, "one-pd.spec", &b);

    sb_init(&b);
    one_pd(&b, 1);
    uint32_t dev = sb_object(&b, BS_OBJ_FRAME, 12, 0x9000000, BS_OBJ_FLAG_DEVICE, "uart");
    uint32_t big = sb_object(&b, BS_OBJ_FRAME, 21, 0x60200000, 0, "large");
    sb_fill(&b, big, 0x1000, "stored bytes", 12, 0);
    sb_map(&b, 1, dev, 0x201000, BS_MAP_FRAME, BS_RIGHT_READ | BS_RIGHT_WRITE, 0);
    spec_seed(dir, "devices.spec", &b);

    /* fpu="false" and a domain schedule: us, ticks, an end marker, shifted. */
    sb_init(&b);
    one_pd(&b, 0);
    b.pds[0].flags |= BS_PD_FPU_DISABLED;
    b.pds[0].domain = 1;
    b.timer_hz = 62500000;
    sb_sched(&b, 2, 1, BS_SCHED_US, 1000);
    sb_sched(&b, 3, 0, BS_SCHED_TICKS, 5000);
    sb_sched(&b, 4, 0, BS_SCHED_END, 0);
    sb_sched_start(&b, 2);
    spec_seed(dir, "domains.spec", &b);
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "inflate")) {
        inflate_seeds(argv[2]);
        return 0;
    }
    if (argc == 3 && !strcmp(argv[1], "bootspec")) {
        bootspec_seeds(argv[2]);
        return 0;
    }
    fprintf(stderr, "usage: gen_monitor_seeds inflate|bootspec DIR\n");
    return 2;
}
