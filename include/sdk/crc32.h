/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The one CRC-32 of the SDK (common/crc32.c, freestanding): the IEEE 802.3
 * polynomial, bit-reflected, register preset to all ones and inverted at
 * the end, the value zlib's crc32() gives. Every checksum of our formats
 * uses it: the boot spec (bootspec.h), the loader image (image.h) and the
 * host image (host_image.h), written by the tool and checked by the
 * monitor, the loader, the simulator and dump-image.
 */
#ifndef SDK_CRC32_H
#define SDK_CRC32_H

#include <stddef.h>
#include <stdint.h>

/*
 * The CRC-32 of buf[0, len) continuing from `crc`: 0 starts a checksum,
 * and a checksum of A followed by B is sdk_crc32(sdk_crc32(0, A), B), as
 * with zlib's crc32(crc, buf, len). `buf` may be unaligned; it is only
 * read when len > 0.
 */
uint32_t sdk_crc32(uint32_t crc, const void *buf, size_t len);

#endif /* SDK_CRC32_H */
