/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * zlib/deflate decoder (RFC 1950, RFC 1951). Huffman codes are decoded with
 * a direct lookup table indexed by the next FAST_BITS input bits; the rare
 * longer codes fall back to a canonical bit-by-bit walk, which needs only
 * the per-length counts and the symbols sorted by code.
 *
 * The acceptance rules for code descriptions follow zlib's: an
 * over-subscribed code is an error; an incomplete code is accepted only for
 * literal/length and distance codes whose longest code has one bit (the
 * "single distance code" case RFC 1951 allows), or when the code is empty.
 */
#include "inflate.h"

#define MAX_BITS    15
#define FAST_BITS   10
#define FAST_SIZE   (1u << FAST_BITS)
#define MAX_LITLEN  288
#define MAX_DIST    32
#define NUM_CODELEN 19
#define END_BLOCK   256

struct huff {
    uint16_t fast[FAST_SIZE]; /* (symbol << 4) | length; 0 = longer than FAST_BITS */
    uint16_t count[MAX_BITS + 1];
    uint16_t symbol[MAX_LITLEN]; /* symbols ordered by (length, value) */
};

struct bits {
    const uint8_t *in;
    const uint8_t *end;
    uint64_t buf; /* unread bits, next bit in bit 0; zero above cnt */
    unsigned cnt;
};

struct inflater {
    struct bits b;
    uint8_t *out;
    size_t out_len;
    size_t pos;
    struct huff lit;
    struct huff dist;
};

static const uint16_t len_base[29] = {3,  4,  5,  6,   7,   8,   9,   10,  11, 13,
                                      15, 17, 19, 23,  27,  31,  35,  43,  51, 59,
                                      67, 83, 99, 115, 131, 163, 195, 227, 258};
static const uint8_t len_extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                      2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const uint16_t dist_base[30] = {
    1,   2,   3,   4,   5,   7,    9,    13,   17,   25,   33,   49,   65,    97,    129,
    193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
static const uint8_t dist_extra[30] = {0, 0, 0, 0, 1, 1, 2, 2,  3,  3,  4,  4,  5,  5,  6,
                                       6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
static const uint8_t codelen_order[NUM_CODELEN] = {16, 17, 18, 0, 8,  7, 9,  6, 10, 5,
                                                   11, 4,  12, 3, 13, 2, 14, 1, 15};

static void refill(struct bits *b)
{
    while (b->cnt <= 56 && b->in < b->end) {
        b->buf |= (uint64_t)*b->in++ << b->cnt;
        b->cnt += 8;
    }
}

/* Takes n (<= 16) bits; returns -1 when the input has fewer left. */
static int32_t getbits(struct bits *b, unsigned n)
{
    if (b->cnt < n) {
        refill(b);
        if (b->cnt < n) {
            return -1;
        }
    }
    int32_t v = (int32_t)(b->buf & ((1u << n) - 1));
    b->buf >>= n;
    b->cnt -= n;
    return v;
}

static unsigned reverse_bits(unsigned code, unsigned len)
{
    unsigned r = 0;
    for (unsigned i = 0; i < len; i++) {
        r = (r << 1) | (code & 1);
        code >>= 1;
    }
    return r;
}

static void build_fast(struct huff *h, const uint8_t *lengths)
{
    uint16_t next[MAX_BITS + 2];
    unsigned code = 0;
    next[0] = 0;
    for (unsigned len = 1; len <= MAX_BITS; len++) {
        code = (code + h->count[len - 1]) << 1;
        next[len] = (uint16_t)code;
    }
    for (unsigned i = 0; i < FAST_SIZE; i++) {
        h->fast[i] = 0;
    }
    unsigned total = 0;
    for (unsigned len = 1; len <= MAX_BITS; len++) {
        total += h->count[len];
    }
    for (unsigned i = 0; i < total; i++) {
        unsigned sym = h->symbol[i];
        unsigned len = lengths[sym];
        unsigned c = next[len]++;
        if (len > FAST_BITS) {
            continue;
        }
        for (unsigned j = reverse_bits(c, len); j < FAST_SIZE; j += 1u << len) {
            h->fast[j] = (uint16_t)((sym << 4) | len);
        }
    }
}

/* Builds a code from n code lengths; single_ok allows the one-bit incomplete case. */
static int build_huff(struct huff *h, const uint8_t *lengths, unsigned n, int single_ok)
{
    uint16_t offs[MAX_BITS + 2];
    for (unsigned len = 0; len <= MAX_BITS; len++) {
        h->count[len] = 0;
    }
    for (unsigned i = 0; i < n; i++) {
        h->count[lengths[i]]++;
    }
    h->count[0] = 0;
    int left = 1;
    unsigned max = 0;
    for (unsigned len = 1; len <= MAX_BITS; len++) {
        left = (left << 1) - h->count[len];
        if (left < 0) {
            return -1;
        }
        if (h->count[len] != 0) {
            max = len;
        }
    }
    if (left > 0 && max != 0 && !(single_ok && max == 1)) {
        return -1;
    }
    offs[1] = 0;
    for (unsigned len = 1; len <= MAX_BITS; len++) {
        offs[len + 1] = (uint16_t)(offs[len] + h->count[len]);
    }
    for (unsigned i = 0; i < n; i++) {
        if (lengths[i] != 0) {
            h->symbol[offs[lengths[i]]++] = (uint16_t)i;
        }
    }
    build_fast(h, lengths);
    return 0;
}

/* Canonical decode, one bit at a time, for codes longer than FAST_BITS. */
static int decode_slow(struct bits *b, const struct huff *h)
{
    int code = 0, first = 0, index = 0;
    uint64_t bits = b->buf;
    for (unsigned len = 1; len <= MAX_BITS; len++) {
        code |= (int)(bits & 1);
        bits >>= 1;
        int count = h->count[len];
        if (code - count < first) {
            if (len > b->cnt) {
                return -1;
            }
            b->buf >>= len;
            b->cnt -= len;
            return h->symbol[index + (code - first)];
        }
        index += count;
        first = (first + count) << 1;
        code <<= 1;
    }
    return -2;
}

/* Returns a symbol, -1 when the input ran out, -2 for an invalid code. */
static int decode(struct bits *b, const struct huff *h)
{
    if (b->cnt < MAX_BITS) {
        refill(b);
    }
    unsigned e = h->fast[b->buf & (FAST_SIZE - 1)];
    if (e == 0) {
        return decode_slow(b, h);
    }
    unsigned len = e & 15;
    if (len > b->cnt) {
        return -1;
    }
    b->buf >>= len;
    b->cnt -= len;
    return (int)(e >> 4);
}

static enum inflate_status sym_error(int sym)
{
    return sym == -1 ? INFLATE_ERR_TRUNCATED : INFLATE_ERR_SYMBOL;
}

/* Separate loops with restrict pointers let the compiler copy in wide steps. */
static void copy_disjoint(uint8_t *restrict d, const uint8_t *restrict from, unsigned len)
{
    for (unsigned i = 0; i < len; i++) {
        d[i] = from[i];
    }
}

static void fill_bytes(uint8_t *restrict d, uint8_t v, unsigned len)
{
    for (unsigned i = 0; i < len; i++) {
        d[i] = v;
    }
}

static enum inflate_status copy_match(struct inflater *s, unsigned len, unsigned dist)
{
    if (dist > s->pos) {
        return INFLATE_ERR_DISTANCE;
    }
    if (len > s->out_len - s->pos) {
        return INFLATE_ERR_OUTPUT;
    }
    uint8_t *d = s->out + s->pos;
    s->pos += len;
    if (dist >= len) {
        copy_disjoint(d, d - dist, len);
    } else if (dist == 1) {
        fill_bytes(d, d[-1], len);
    } else {
        /* Overlapping: each byte may be one this copy just wrote. */
        const uint8_t *from = d - dist;
        for (unsigned i = 0; i < len; i++) {
            d[i] = from[i];
        }
    }
    return INFLATE_OK;
}

/* Length/distance pair after length symbol `sym` (257..285). */
static enum inflate_status do_match(struct inflater *s, int sym)
{
    if (sym > 285) {
        return INFLATE_ERR_SYMBOL;
    }
    int32_t extra = getbits(&s->b, len_extra[sym - 257]);
    if (extra < 0) {
        return INFLATE_ERR_TRUNCATED;
    }
    unsigned len = len_base[sym - 257] + (unsigned)extra;
    int dsym = decode(&s->b, &s->dist);
    if (dsym < 0) {
        return sym_error(dsym);
    }
    if (dsym > 29) {
        return INFLATE_ERR_SYMBOL;
    }
    extra = getbits(&s->b, dist_extra[dsym]);
    if (extra < 0) {
        return INFLATE_ERR_TRUNCATED;
    }
    return copy_match(s, len, dist_base[dsym] + (unsigned)extra);
}

static enum inflate_status codes(struct inflater *s)
{
    for (;;) {
        int sym = decode(&s->b, &s->lit);
        if (sym < 0) {
            return sym_error(sym);
        }
        if (sym < 256) {
            if (s->pos == s->out_len) {
                return INFLATE_ERR_OUTPUT;
            }
            s->out[s->pos++] = (uint8_t)sym;
        } else if (sym == END_BLOCK) {
            return INFLATE_OK;
        } else {
            enum inflate_status st = do_match(s, sym);
            if (st != INFLATE_OK) {
                return st;
            }
        }
    }
}

static enum inflate_status stored(struct inflater *s)
{
    struct bits *b = &s->b;
    b->buf >>= b->cnt & 7;
    b->cnt &= ~7u;
    int32_t len = getbits(b, 16);
    int32_t nlen = getbits(b, 16);
    if (len < 0 || nlen < 0) {
        return INFLATE_ERR_TRUNCATED;
    }
    if ((len ^ 0xffff) != nlen) {
        return INFLATE_ERR_STORED_LEN;
    }
    if ((size_t)len > s->out_len - s->pos) {
        return INFLATE_ERR_OUTPUT;
    }
    /* Whole bytes still in the bit buffer come first, then the input. */
    for (; len > 0 && b->cnt >= 8; len--) {
        s->out[s->pos++] = (uint8_t)b->buf;
        b->buf >>= 8;
        b->cnt -= 8;
    }
    if ((size_t)len > (size_t)(b->end - b->in)) {
        return INFLATE_ERR_TRUNCATED;
    }
    for (; len > 0; len--) {
        s->out[s->pos++] = *b->in++;
    }
    return INFLATE_OK;
}

static enum inflate_status fixed(struct inflater *s)
{
    uint8_t lengths[MAX_LITLEN];
    unsigned i = 0;
    for (; i < 144; i++) {
        lengths[i] = 8;
    }
    for (; i < 256; i++) {
        lengths[i] = 9;
    }
    for (; i < 280; i++) {
        lengths[i] = 7;
    }
    for (; i < MAX_LITLEN; i++) {
        lengths[i] = 8;
    }
    build_huff(&s->lit, lengths, MAX_LITLEN, 0);
    for (i = 0; i < MAX_DIST; i++) {
        lengths[i] = 5;
    }
    build_huff(&s->dist, lengths, MAX_DIST, 0);
    return codes(s);
}

/* Reads `count` code lengths coded with the code-length code `cl`. */
static enum inflate_status read_lengths(struct inflater *s, const struct huff *cl, uint8_t *lengths,
                                        unsigned count)
{
    unsigned i = 0;
    while (i < count) {
        int sym = decode(&s->b, cl);
        if (sym < 0) {
            return sym_error(sym);
        }
        if (sym < 16) {
            lengths[i++] = (uint8_t)sym;
            continue;
        }
        unsigned value = 0;
        int32_t rep;
        if (sym == 16) {
            if (i == 0) {
                return INFLATE_ERR_CODES;
            }
            value = lengths[i - 1];
            rep = getbits(&s->b, 2);
            rep = rep < 0 ? rep : rep + 3;
        } else if (sym == 17) {
            rep = getbits(&s->b, 3);
            rep = rep < 0 ? rep : rep + 3;
        } else {
            rep = getbits(&s->b, 7);
            rep = rep < 0 ? rep : rep + 11;
        }
        if (rep < 0) {
            return INFLATE_ERR_TRUNCATED;
        }
        if ((unsigned)rep > count - i) {
            return INFLATE_ERR_CODES;
        }
        for (; rep > 0; rep--) {
            lengths[i++] = (uint8_t)value;
        }
    }
    return INFLATE_OK;
}

static enum inflate_status dynamic(struct inflater *s)
{
    uint8_t lengths[MAX_LITLEN + MAX_DIST];
    int32_t nlen = getbits(&s->b, 5);
    int32_t ndist = getbits(&s->b, 5);
    int32_t ncode = getbits(&s->b, 4);
    if (nlen < 0 || ndist < 0 || ncode < 0) {
        return INFLATE_ERR_TRUNCATED;
    }
    nlen += 257;
    ndist += 1;
    ncode += 4;
    if (nlen > 286 || ndist > 30) {
        return INFLATE_ERR_CODES;
    }
    for (unsigned i = 0; i < NUM_CODELEN; i++) {
        int32_t v = i < (unsigned)ncode ? getbits(&s->b, 3) : 0;
        if (v < 0) {
            return INFLATE_ERR_TRUNCATED;
        }
        lengths[codelen_order[i]] = (uint8_t)v;
    }
    /* The code-length code reuses the distance table's storage. */
    if (build_huff(&s->dist, lengths, NUM_CODELEN, 0) != 0) {
        return INFLATE_ERR_CODES;
    }
    enum inflate_status st = read_lengths(s, &s->dist, lengths, (unsigned)nlen + (unsigned)ndist);
    if (st != INFLATE_OK) {
        return st;
    }
    if (lengths[END_BLOCK] == 0) {
        return INFLATE_ERR_CODES;
    }
    if (build_huff(&s->lit, lengths, (unsigned)nlen, 1) != 0 ||
        build_huff(&s->dist, lengths + nlen, (unsigned)ndist, 1) != 0) {
        return INFLATE_ERR_CODES;
    }
    return codes(s);
}

static enum inflate_status blocks(struct inflater *s)
{
    int32_t last;
    do {
        last = getbits(&s->b, 1);
        int32_t type = getbits(&s->b, 2);
        if (last < 0 || type < 0) {
            return INFLATE_ERR_TRUNCATED;
        }
        enum inflate_status st;
        if (type == 0) {
            st = stored(s);
        } else if (type == 1) {
            st = fixed(s);
        } else if (type == 2) {
            st = dynamic(s);
        } else {
            st = INFLATE_ERR_BLOCK_TYPE;
        }
        if (st != INFLATE_OK) {
            return st;
        }
    } while (!last);
    return INFLATE_OK;
}

static enum inflate_status check_trailer(struct inflater *s)
{
    struct bits *b = &s->b;
    b->buf >>= b->cnt & 7;
    b->cnt &= ~7u;
    uint32_t want = 0;
    for (unsigned i = 0; i < 4; i++) {
        int32_t byte = getbits(b, 8);
        if (byte < 0) {
            return INFLATE_ERR_TRUNCATED;
        }
        want = (want << 8) | (uint32_t)byte;
    }
    if (inflate_adler32(1, s->out, s->pos) != want) {
        return INFLATE_ERR_CHECKSUM;
    }
    return INFLATE_OK;
}

enum inflate_status zlib_inflate(void *dest, size_t dest_len, const void *src, size_t src_len,
                                 size_t *out_len)
{
    struct inflater s;
    const uint8_t *in = src;
    s.b.in = in;
    s.b.end = in + src_len;
    s.b.buf = 0;
    s.b.cnt = 0;
    s.out = dest;
    s.out_len = dest_len;
    s.pos = 0;
    *out_len = 0;
    if (src_len < 2) {
        return INFLATE_ERR_TRUNCATED;
    }
    unsigned cmf = in[0], flg = in[1];
    if ((cmf & 0xf) != 8 || (cmf >> 4) > 7 || (cmf * 256 + flg) % 31 != 0 || (flg & 0x20)) {
        return INFLATE_ERR_HEADER;
    }
    s.b.in += 2;
    enum inflate_status st = blocks(&s);
    if (st == INFLATE_OK) {
        st = check_trailer(&s);
    }
    *out_len = s.pos;
    return st;
}

uint32_t inflate_adler32(uint32_t adler, const uint8_t *buf, size_t len)
{
    uint32_t a = adler & 0xffff, b = adler >> 16;
    while (len > 0) {
        /* 5552 bytes is the most that cannot overflow 32 bits before the modulo. */
        size_t n = len < 5552 ? len : 5552;
        len -= n;
        for (; n > 0; n--) {
            a += *buf++;
            b += a;
        }
        a %= 65521;
        b %= 65521;
    }
    return (b << 16) | a;
}

const char *inflate_strerror(enum inflate_status status)
{
    static const char *const text[] = {
        [INFLATE_OK] = "ok",
        [INFLATE_ERR_HEADER] = "bad zlib header",
        [INFLATE_ERR_TRUNCATED] = "truncated stream",
        [INFLATE_ERR_BLOCK_TYPE] = "invalid block type",
        [INFLATE_ERR_STORED_LEN] = "stored block length check failed",
        [INFLATE_ERR_CODES] = "invalid huffman code description",
        [INFLATE_ERR_SYMBOL] = "invalid symbol",
        [INFLATE_ERR_DISTANCE] = "distance too far back",
        [INFLATE_ERR_OUTPUT] = "output larger than expected",
        [INFLATE_ERR_CHECKSUM] = "adler-32 mismatch",
    };
    if ((unsigned)status >= sizeof(text) / sizeof(text[0])) {
        return "unknown error";
    }
    return text[status];
}
