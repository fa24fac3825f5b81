/* SPDX-License-Identifier: BSD-2-Clause */
/* The initrd's /init: one line on the console, then power off (PSCI SYSTEM_OFF). */
#include <sys/reboot.h>
#include <unistd.h>

int main(void)
{
    static const char msg[] = "init: hello from Linux user space on seL4\n";
    write(1, msg, sizeof(msg) - 1);
    sync();
    reboot(RB_POWER_OFF);
    for (;;) {
        pause();
    }
}
