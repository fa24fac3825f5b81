/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The one reader of input files and the one writer of outputs; docs/cli.md,
 * "Files the tool reads and writes", is the user's side of this contract.
 *
 * Inputs are regular files. Anything else is refused from its stat() alone,
 * without opening it: opening a FIFO blocks until a writer comes, opening
 * some devices does something, and a device or FIFO has no size to check.
 * The size is checked against a bound for the kind of file before a byte is
 * read, and the read stops at that bound even if the file grows meanwhile.
 *
 * Outputs are written as a set, all or nothing: each to a temporary file in
 * its own folder, flushed to disk, and renamed over its target only when
 * every output of the set is complete. Temporary files are removed on any
 * failure and on SIGINT, SIGTERM and SIGHUP. A target that already exists as
 * a character device or FIFO (/dev/null, a terminal, a pipe) is written in
 * place, since replacing the node is never what is meant; a directory,
 * socket or block device is refused. No output may be a file this process
 * read as an input, or another output of the set.
 */
#ifndef TOOL_FILES_H
#define TOOL_FILES_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct diag;

/* What an input is, which decides its size bound (input_limit()). */
enum input_kind {
    INPUT_SDF,    /* a system description: 64 MiB */
    INPUT_BOARD,  /* a board file: 1 MiB */
    INPUT_CONFIG, /* a kernel's gen_config.json: 1 MiB */
    INPUT_ELF,    /* a kernel, monitor, loader or PD program: 1 GiB */
    INPUT_IMAGE,  /* a loader or host image: 4 GiB */
    INPUT_DATA,   /* a prefill file: the caller bounds it by its region's size */
};

/* Why a file could not be read or written. */
struct file_error {
    int err;        /* an errno value (EISDIR, EINVAL for other types, EFBIG for size) */
    char text[200]; /* what follows "cannot read 'FILE': ", e.g. "is a FIFO, not a regular file" */
};

/* The largest input of `kind` the tool reads, in bytes. */
uint64_t input_limit(enum input_kind kind);

/*
 * Open the regular file `path` for reading and check that its size is within
 * input_limit(kind). Returns a blocking descriptor (close-on-exec) and sets
 * *size; -1 with `e` filled in. The file is remembered as an input of this
 * process, which no output may overwrite.
 */
int input_open(const char *path, enum input_kind kind, uint64_t *size, struct file_error *e);

/*
 * Read everything from `fd` (from input_open()), at most `max` bytes: a file
 * that turns out longer is refused, not cut. Returns a NUL-terminated buffer
 * (malloc'd; the NUL is not counted in *size), or NULL with `e` filled in.
 */
void *input_read_fd(int fd, uint64_t max, size_t *size, struct file_error *e);

/* input_open(), input_read_fd() to the kind's bound, close. */
void *read_input(const char *path, enum input_kind kind, size_t *size, struct file_error *e);

/*
 * Read the regular file `path` only if it has at most `max` bytes (a prefill
 * file and its region). A larger file is not read: NULL, e->err == EFBIG and
 * its size in *size.
 */
void *read_input_max(const char *path, uint64_t max, size_t *size, struct file_error *e);

/*
 * The same, for callers that report strerror(errno): NULL with errno set
 * (EISDIR, EINVAL for a FIFO, device or socket, EFBIG past 4 GiB). Prefer
 * read_input(), whose message says what the file is.
 */
void *read_file(const char *path, size_t *size);

/* One output of a set; output_set_write() fills in the fields after `mode`. */
struct output {
    const char *label; /* how the command line names it ("-o"), for clashes; or NULL */
    char *path;
    const void *data; /* borrowed: must live until output_set_write() returns */
    size_t size;
    unsigned mode;                    /* before the umask (see scratch) */
    char *tmp;                        /* the temporary file's name */
    volatile sig_atomic_t tmp_exists; /* read by the signal handler */
    bool through;                     /* a device or FIFO, written in place */
    bool clash;                       /* the error is a clash with an input or another output */
    struct file_error error;          /* error.text[0] != 0 when this output failed */
};

struct output_set {
    struct {
        struct output *items;
        size_t count, cap;
    } items;              /* a VEC (model.h) */
    bool scratch;         /* files for this run only: `mode` exactly, not flushed to disk */
    bool replaces_inputs; /* an output may be a file read as input (an edit in place) */
};

/* Add an output to the set. Nothing is checked or written yet. */
void output_add(struct output_set *s, const char *label, const char *path, const void *data,
                size_t size, unsigned mode);

enum output_status {
    OUTPUT_OK,
    OUTPUT_CLASH,  /* an output is an input or another output: a command-line error */
    OUTPUT_FAILED, /* a target is not writable, or writing failed */
};

/*
 * Check every target, then write every output, all or nothing: after
 * anything but OUTPUT_OK no target has changed (except a device or FIFO
 * written in place before a later one failed) and no temporary file is
 * left. Every failed output has its error set.
 */
enum output_status output_set_write(struct output_set *s);

/*
 * Report every failed output as "cannot write 'PATH': WHY", rule io
 * (output-clash for a clash). Returns the exit code for `st`.
 */
int output_set_report(const struct output_set *s, enum output_status st, struct diag *d);

/*
 * Make the folder `path` and those above it that are missing (mkdir -p,
 * mode 0777 less the umask). 0, or -1 with `e` filled in.
 */
int make_folders(const char *path, struct file_error *e);

/* Free the set (the data it borrowed stays). */
void output_set_free(struct output_set *s);

/*
 * One output alone, which may replace a file read as input: 0, or -1 with
 * errno set. Commands write their outputs as an output_set.
 */
int write_file_atomic(const char *path, const void *data, size_t size, unsigned mode);

#endif /* TOOL_FILES_H */
