/* SPDX-License-Identifier: BSD-2-Clause */
/* Data only, so it assembles for any architecture: a .S file for $(AS). */
    .section .rodata
    .globl pingpong_stamp
pingpong_stamp:
    .asciz "pingpong built with the host drivers"
