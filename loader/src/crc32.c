/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CRC32 with the IEEE 802.3 polynomial, bit-reflected, initial value and
 * final XOR 0xffffffff: the value zlib's crc32_ieee() gives, which the tool
 * writes. The table is computed at start-up so it lives in .bss.
 */
#include "loader.h"

#define CRC32_POLY 0xedb88320u

static uint32_t table[256];

void crc32_table_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) {
            c = (c & 1) ? (c >> 1) ^ CRC32_POLY : c >> 1;
        }
        table[i] = c;
    }
}

uint32_t crc32_ieee_update(uint32_t crc, const void *data, size_t len)
{
    const uint8_t *p = data;
    crc = ~crc;
    while (len--) {
        crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    }
    return ~crc;
}

uint32_t crc32_ieee(const void *data, size_t len)
{
    return crc32_ieee_update(0, data, len);
}
