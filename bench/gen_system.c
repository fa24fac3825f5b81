/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Generate a system description for the tool benchmarks:
 *
 *     gen_system PDS MRS MAPS PAGES_PER_MR [ELF [PAGE_SIZE]]
 *
 * PDS protection domains (priorities 1..), MRS memory regions of
 * PAGES_PER_MR 4 KiB pages each, and MAPS maps in total: map g maps region
 * g mod MRS into PD (g + g / MRS) mod PDS, at that PD's next free address,
 * so the maps of one region go to consecutive PDs (60 60 180 1000: every
 * region shared by three PDs). Every PD runs ELF (default hello.elf).
 * Neighbouring PDs get a channel. Regions have no page_size, so the tool
 * picks the frames (docs/build.md: 2 MiB ones in the aligned middle of a
 * 4 KiB-page region); PAGE_SIZE (e.g. 0x1000) sets page_size on every
 * region, which makes each page a frame of that size, as Microkit does.
 * The SDF goes to stdout.
 */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: gen_system PDS MRS MAPS PAGES_PER_MR [ELF [PAGE_SIZE]]\n");
        return 2;
    }
    unsigned pds = (unsigned)atoi(argv[1]), mrs = (unsigned)atoi(argv[2]);
    unsigned maps = (unsigned)atoi(argv[3]), pages = (unsigned)atoi(argv[4]);
    const char *elf = argc > 5 ? argv[5] : "hello.elf";
    const char *page_size = argc > 6 ? argv[6] : NULL;
    if (!pds || pds > 63 || !mrs || !pages) {
        fprintf(stderr, "gen_system: need 1..63 PDs and at least one region and page\n");
        return 2;
    }
    printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- SPDX-License-Identifier: "
           "BSD-2-Clause -->\n<system>\n");
    for (unsigned m = 0; m < mrs; m++) {
        printf("    <memory_region name=\"mr%u\" size=\"0x%llx\"", m,
               (unsigned long long)pages * 0x1000);
        if (page_size) {
            printf(" page_size=\"%s\"", page_size);
        }
        printf("/>\n");
    }
    unsigned long long stride = ((unsigned long long)pages * 0x1000 + 0x1fffff) & ~0x1fffffull;
    for (unsigned p = 0; p < pds; p++) {
        printf("    <protection_domain name=\"pd%u\" priority=\"%u\">\n", p, 1 + p);
        printf("        <program_image path=\"%s\"/>\n", elf);
        unsigned i = 0;
        for (unsigned g = 0; g < maps; g++) {
            if ((g + g / mrs) % pds != p) {
                continue;
            }
            printf("        <map mr=\"mr%u\" vaddr=\"0x%llx\" perms=\"rw\"/>\n", g % mrs,
                   0x10000000ull + i * stride);
            i++;
        }
        printf("    </protection_domain>\n");
    }
    for (unsigned p = 0; p + 1 < pds; p++) {
        printf("    <channel><end pd=\"pd%u\" id=\"0\"/><end pd=\"pd%u\" id=\"1\"/></channel>\n", p,
               p + 1);
    }
    printf("</system>\n");
    return 0;
}
