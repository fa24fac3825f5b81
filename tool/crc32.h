/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CRC-32 as zlib computes it (polynomial 0xedb88320, reflected, inverted),
 * for the image payloads and the boot spec the tool writes. On x86-64 hosts
 * with PCLMULQDQ, blocks of 64 bytes are folded with carry-less multiplies
 * (about five times zlib's speed); everything else goes to zlib. Readers
 * (image_parse, spec_parse) keep using zlib, so each check compares two
 * implementations.
 */
#ifndef MICROKIT_TOOL_CRC32_H
#define MICROKIT_TOOL_CRC32_H

#include <stddef.h>
#include <stdint.h>

/* zlib's crc32_z(crc, p, n): `crc` is 0 for a new checksum or an earlier result. */
uint32_t crc32_fast(uint32_t crc, const void *p, size_t n);

#endif
