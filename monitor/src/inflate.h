/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A small, freestanding inflater for zlib streams (RFC 1950 wrapping RFC
 * 1951 deflate data): stored, fixed-Huffman and dynamic-Huffman blocks, and
 * the Adler-32 check at the end. It needs no heap and no libc: all state
 * lives on the caller's stack (about 6 KiB).
 *
 * Every read of the input and every write of the output is bounds checked:
 * malformed, truncated or corrupted input gives an error code, never a read
 * past src + src_len or a write past dest + dest_len.
 */
#ifndef MONITOR_INFLATE_H
#define MONITOR_INFLATE_H

#include <stddef.h>
#include <stdint.h>

enum inflate_status {
    INFLATE_OK = 0,
    INFLATE_ERR_HEADER,     /* bad zlib header (method, window, check bits, dictionary) */
    INFLATE_ERR_TRUNCATED,  /* input ended before the stream did */
    INFLATE_ERR_BLOCK_TYPE, /* reserved block type 3 */
    INFLATE_ERR_STORED_LEN, /* stored block LEN does not match NLEN */
    INFLATE_ERR_CODES,      /* invalid Huffman code description */
    INFLATE_ERR_SYMBOL,     /* invalid literal/length or distance symbol */
    INFLATE_ERR_DISTANCE,   /* distance reaches before the start of the output */
    INFLATE_ERR_OUTPUT,     /* output does not fit in dest_len bytes */
    INFLATE_ERR_CHECKSUM,   /* Adler-32 of the output does not match */
};

/*
 * Inflates the zlib stream src[0..src_len) into dest[0..dest_len). On
 * INFLATE_OK, *out_len is the number of bytes written; on error it is the
 * number written before the error was found. Bytes after the stream's
 * Adler-32 trailer are ignored.
 */
enum inflate_status zlib_inflate(void *dest, size_t dest_len, const void *src, size_t src_len,
                                 size_t *out_len);

/* A short lowercase description of a status, for messages. */
const char *inflate_strerror(enum inflate_status status);

/* Adler-32 (RFC 1950) of buf[0..len), continuing from `adler` (1 to start). */
uint32_t inflate_adler32(uint32_t adler, const uint8_t *buf, size_t len);

#endif /* MONITOR_INFLATE_H */
