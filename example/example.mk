# SPDX-License-Identifier: BSD-2-Clause
#
# The rules every example shares. An example's Makefile sets
#   SYSTEM  its .system file
#   IMAGES  its PD programs (<name>.elf, each built from <name>.c)
# and includes this file. Variables the user sets:
#   MICROKIT_SDK (required), MICROKIT_BOARD (qemu_virt_aarch64), MICROKIT_CONFIG
#   (debug), BUILD_DIR (build), MICROKIT_FLAGS (extra tool arguments, e.g.
#   "--kernel <seL4 build>"). MICROKIT_BOARD=host builds the PDs with the host
#   compiler for the simulator. To start a project from an example, copy its
#   folder and this file.
SRC_DIR := $(dir $(abspath $(firstword $(MAKEFILE_LIST))))
EXAMPLE_MK := $(abspath $(lastword $(MAKEFILE_LIST)))

ifeq ($(strip $(MICROKIT_SDK)),)
$(error MICROKIT_SDK must be set to the root of the SDK)
endif

MICROKIT_BOARD ?= qemu_virt_aarch64
MICROKIT_CONFIG ?= debug
BUILD_DIR ?= build
MICROKIT_TOOL ?= $(MICROKIT_SDK)/bin/microkit
# Extra arguments for the tool, e.g. MICROKIT_FLAGS="--kernel <seL4 build>".
MICROKIT_FLAGS ?=
BOARD_DIR := $(MICROKIT_SDK)/board/$(MICROKIT_BOARD)/$(MICROKIT_CONFIG)

CFLAGS := -std=gnu11 -O2 -g -Wall -Wno-unused-parameter -Werror -I$(BOARD_DIR)/include
ifeq ($(MICROKIT_BOARD),host)
CC := cc
LINK = $(CC) -no-pie -o $@ $^ -L$(BOARD_DIR)/lib -lmicrokit $(HOST_LDFLAGS)
else
# The board's architecture, as the SDK's kernel configuration names it.
ARCH := $(shell sed -n 's/^\#define CONFIG_SEL4_ARCH  *//p' $(BOARD_DIR)/include/kernel/gen_config.h 2>/dev/null)
ifeq ($(ARCH),riscv64)
TOOLCHAIN ?= riscv64-linux-gnu-
ARCH_CFLAGS := -march=rv64imafdc_zicsr_zifencei -mabi=lp64d -mcmodel=medany
else
TOOLCHAIN ?= aarch64-linux-gnu-
ARCH_CFLAGS := -mcpu=cortex-a53 -mstrict-align
endif
CC := $(TOOLCHAIN)gcc
LD := $(TOOLCHAIN)ld
CFLAGS += -ffreestanding -nostdlib -fno-pic -fno-stack-protector $(ARCH_CFLAGS)
LINK = $(LD) -z max-page-size=0x1000 -o $@ $^ -L$(BOARD_DIR)/lib -lmicrokit -Tmicrokit.ld
endif

# Generated headers (docs/reports.md, "Generated headers"): $(BUILD_DIR)/sdf/<pd>.h
# for every PD, with the ids and map addresses of the SDF, when the SDK's tool
# has `gen-header`; a stock Microkit SDK has not, and the examples then use
# their own numbers (they include the header only if it is there). Asked by
# the usage line: Microkit 2.0.1's tool prints its own usage for any
# unknown argument and exits 0.
GEN_STAMP := $(BUILD_DIR)/sdf/.stamp
CFLAGS += -I$(BUILD_DIR)

# Debug builds keep frame pointers (AArch64 and the host: leaf functions
# too), so that fault reports show a backtrace (docs/debugging.md).
ifeq ($(MICROKIT_CONFIG),debug)
CFLAGS += -fno-omit-frame-pointer
ifneq ($(ARCH),riscv64)
CFLAGS += -mno-omit-leaf-frame-pointer
endif
endif

IMAGE_FILE := $(BUILD_DIR)/loader.img
REPORT_FILE := $(BUILD_DIR)/report.txt

# On the host the image is a host image: `microkit run $(IMAGE_FILE)` runs it
# in the simulator (as does `microkit run $(SYSTEM) --search-path $(BUILD_DIR)`).
all: $(IMAGE_FILE)

$(BUILD_DIR):
	mkdir -p $@

$(GEN_STAMP): $(SRC_DIR)$(SYSTEM) | $(BUILD_DIR)
	mkdir -p $(BUILD_DIR)/sdf
	if $(MICROKIT_TOOL) gen-header --help 2>&1 | grep -q 'usage: microkit gen-header'; then \
		$(MICROKIT_TOOL) gen-header $(SRC_DIR)$(SYSTEM) --dir $(BUILD_DIR)/sdf \
			--search-path $(BUILD_DIR) $(SRC_DIR); fi
	touch $@

$(BUILD_DIR)/%.o: $(SRC_DIR)%.c $(SRC_DIR)Makefile $(EXAMPLE_MK) $(GEN_STAMP) | $(BUILD_DIR)
	$(CC) -c $(CFLAGS) $< -o $@

# Each PD program is one C file of the same name.
$(BUILD_DIR)/%.elf: $(BUILD_DIR)/%.o
	$(LINK)

$(IMAGE_FILE): $(addprefix $(BUILD_DIR)/, $(IMAGES)) $(SRC_DIR)$(SYSTEM)
	$(MICROKIT_TOOL) $(SRC_DIR)$(SYSTEM) --search-path $(BUILD_DIR) --board $(MICROKIT_BOARD) \
		--config $(MICROKIT_CONFIG) -o $(IMAGE_FILE) -r $(REPORT_FILE) $(MICROKIT_FLAGS)

# Only the PD programs (what the simulator and the CMake build need).
elfs: $(addprefix $(BUILD_DIR)/, $(IMAGES))

clean:
	rm -rf $(BUILD_DIR)

.PHONY: all elfs clean
