/* capmark's instruction-counting QEMU plugin. Every guest instruction adds one to a counter
 * (an inline add, no helper call); the first instruction of capmark_mark_begin latches the
 * counter and the first of capmark_mark_end prints "capmark-insns <n>" on QEMU's log
 * (stderr), where n is the exact number of instructions executed in between.
 * Arguments: begin=<hex address>,end=<hex address> (from the firmware ELF's symbols). */
#include <inttypes.h>
#include <stdio.h>
#include "plugin-api.h"
#include "marks.h"

EXPORT int qemu_plugin_version = 1;

static uint64_t executed;  /* single vCPU: the Cortex-M boards have one core */
static uint64_t at_begin;
static struct capmark_marks marks = CAPMARK_MARKS_UNSET;

static void on_begin(unsigned int vcpu, void *udata) { (void)vcpu; (void)udata; at_begin = executed; }

static void on_end(unsigned int vcpu, void *udata) {
  char line[64];
  (void)vcpu; (void)udata;
  snprintf(line, sizeof line, "capmark-insns %" PRIu64 "\n", executed - at_begin);
  qemu_plugin_outs(line);
}

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb) {
  (void)id;
  size_t n = qemu_plugin_tb_n_insns(tb);
  for (size_t i = 0; i < n; i++) {
    struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
    uint64_t pc = qemu_plugin_insn_vaddr(insn);
    /* Markers first, so both read the counter before this instruction's own add. */
    if (pc == marks.begin) qemu_plugin_register_vcpu_insn_exec_cb(insn, on_begin, QEMU_PLUGIN_CB_NO_REGS, NULL);
    if (pc == marks.end) qemu_plugin_register_vcpu_insn_exec_cb(insn, on_end, QEMU_PLUGIN_CB_NO_REGS, NULL);
    qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64, &executed, 1);
  }
}

EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc, char **argv) {
  (void)info;
  for (int i = 0; i < argc; i++) capmark_mark_arg(argv[i], &marks);
  if (!capmark_marks_set(&marks)) {
    qemu_plugin_outs("capmark-count: needs begin=<addr>,end=<addr>\n");
    return 1;
  }
  qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
  return 0;
}
