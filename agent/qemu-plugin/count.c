/* capmark's counting QEMU plugin: exact instruction counts and an instruction-class profile
 * between two markers. Each guest instruction is classified once, at translation time, from
 * its bytes (classify.c) and adds one to its class counter (an inline add, no helper call);
 * multiple loads/stores add their word count too. Conditional branches are resolved as taken
 * or not by one callback per executed block: QEMU ends a block at every branch, so the next
 * block's address says whether the branch fell through. The first instruction of
 * capmark_mark_begin latches the counters; the first of capmark_mark_end prints
 *   capmark-insns <n>
 *   capmark-classes <class>=<n> ...
 * on QEMU's log (stderr), n being exact counts of the instructions executed in between.
 * Arguments: begin=<hex address>,end=<hex address> (from the firmware ELF's symbols). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "classify.h"
#include "plugin-api.h"
#include "marks.h"

EXPORT int qemu_plugin_version = 1;

static uint64_t counts[CM_N_COUNTERS]; /* single vCPU: every virtual board runs one core (one hart) */
static uint64_t at_begin[CM_N_COUNTERS];
static struct capmark_marks marks = CAPMARK_MARKS_UNSET;
static int riscv;

/* A translated block, for the branch resolution: its address and, when it ends in a
 * conditional branch, that branch's fall-through address (0 otherwise). */
struct block { uint64_t pc, fall_through; };
static const struct block *pending; /* the last executed block ended in a conditional branch */

static void on_block(unsigned int vcpu, void *udata) {
  const struct block *b = udata;
  (void)vcpu;
  /* An exception between the two blocks also counts as taken: it refills the pipeline too. */
  if (pending && b->pc != pending->fall_through) counts[CM_BRANCH_COND_TAKEN]++;
  pending = b->fall_through ? b : NULL;
}

static void on_begin(unsigned int vcpu, void *udata) {
  (void)vcpu; (void)udata;
  memcpy(at_begin, counts, sizeof counts);
}

static void on_end(unsigned int vcpu, void *udata) {
  char line[64 + CM_N_COUNTERS * 40];
  uint64_t total = 0;
  (void)vcpu; (void)udata;
  for (int c = 0; c < CM_N_EXCLUSIVE; c++) total += counts[c] - at_begin[c];
  int n = snprintf(line, sizeof line, "capmark-insns %" PRIu64 "\ncapmark-classes", total);
  for (int c = 0; c < CM_N_COUNTERS; c++) {
    uint64_t d = counts[c] - at_begin[c];
    if (d) n += snprintf(line + n, sizeof line - n, " %s=%" PRIu64, cm_counter_name(c), d);
  }
  snprintf(line + n, sizeof line - n, "\n");
  qemu_plugin_outs(line);
}

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb) {
  (void)id;
  size_t n = qemu_plugin_tb_n_insns(tb);
  struct cm_thumb_state it = { 0, 0 };
  struct cm_insn prev = { CM_ALU, 0, 0, 0 }, d = prev;
  struct block *b = calloc(1, sizeof *b); /* lives as long as QEMU may run the block */
  b->pc = qemu_plugin_tb_vaddr(tb);
  for (size_t i = 0; i < n; i++) {
    struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
    uint64_t pc = qemu_plugin_insn_vaddr(insn);
    const uint8_t *bytes = qemu_plugin_insn_data(insn);
    size_t size = qemu_plugin_insn_size(insn);
    cm_classify(bytes, size, riscv, &it, &d);
    /* Markers first, so both read the counters before this instruction's own adds. */
    if (pc == marks.begin) qemu_plugin_register_vcpu_insn_exec_cb(insn, on_begin, QEMU_PLUGIN_CB_NO_REGS, NULL);
    if (pc == marks.end) qemu_plugin_register_vcpu_insn_exec_cb(insn, on_end, QEMU_PLUGIN_CB_NO_REGS, NULL);
    qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64, &counts[d.cls], 1);
    if (d.regs) {
      int words = d.cls == CM_STORE_MULTI ? CM_STORE_REGS : CM_LOAD_REGS;
      qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64, &counts[words], d.regs);
    }
    if (d.cls == CM_LOAD && prev.mem_single)
      qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64, &counts[CM_LOAD_PIPELINED], 1);
    if (d.cls == CM_BRANCH_COND && i == n - 1) b->fall_through = pc + size;
    prev = d;
  }
  qemu_plugin_register_vcpu_tb_exec_cb(tb, on_block, QEMU_PLUGIN_CB_NO_REGS, b);
}

EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc, char **argv) {
  riscv = strncmp(info->target_name, "riscv", 5) == 0;
  for (int i = 0; i < argc; i++) capmark_mark_arg(argv[i], &marks);
  if (!capmark_marks_set(&marks)) {
    qemu_plugin_outs("capmark-count: needs begin=<addr>,end=<addr>\n");
    return 1;
  }
  qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
  return 0;
}
