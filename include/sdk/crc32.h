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

#if defined(__aarch64__)
/*
 * Lets sdk_crc32() use the CPU's CRC32 instructions (FEAT_CRC32) from now
 * on. Only a caller that has seen them in ID_AA64ISAR0_EL1 (CRC32, bits
 * 19:16, non-zero) may call it: the loader does, at EL2 or EL1; the
 * monitor, at EL0, cannot read that register and keeps the table path.
 */
void sdk_crc32_enable_aarch64(void);
#endif

#endif /* SDK_CRC32_H */
