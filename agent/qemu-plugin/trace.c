/* capmark's tracing QEMU plugin, for the constant-time check (capmark ct). Between the
 * measurement marks it hashes the executed instruction addresses and, separately, the data
 * accesses (address, size, read or write), counts the instructions per timing class (the
 * counting plugin's decoder, classify.h: which classes have operand-dependent latency is the
 * core's timing table's to say), and prints on QEMU's log
 *   capmark-sites <address>:<class>=<n> ...       (each multiply and divide that ran, how often)
 *   capmark-trace <instructions> <instruction hash> <accesses> <data hash> <class>=<n> ...
 * Arguments: begin=<hex>,end=<hex> (marks.h); skip=<hex>-<hex>, repeatable: instructions in
 * that range and their accesses are left out (a function that branches only on public data;
 * what it calls is still traced); dump=<file>,control=<file> for diagnosis: at each region's
 * start the plugin reads "every=<n>" (write the hashes after every n entries of each trace)
 * and/or "insn_from=<i> data_from=<j> window=<n>" (write n entries from there) from the
 * control file, if there is one, so the host changes them between runs without a restart.
 *
 * Instructions are hashed per translation block, over the addresses recorded when it was
 * translated: the same as per instruction while blocks run to their end, which inside the
 * measured region they do (no interrupts, no I/O; -icount splits a block only by translating
 * a shorter one). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "classify.h"
#include "plugin-api.h"
#include "marks.h"

EXPORT int qemu_plugin_version = 1;

/* A multiply or divide instruction and how often it ran in the region: where the host looks
 * when a core's timing table says that class's latency depends on its operands. */
struct site { uint64_t pc, n; uint8_t cls, used; };
#define MAX_SITES 16384 /* a power of two; the firmware has a few thousand multiplies and divides */
static struct site sites[MAX_SITES];
static int sites_lost; /* a full table: the host is told, the counts stay exact */

struct block { size_t n; struct { uint64_t pc; struct site *site; uint8_t cls; } insn[]; };

static struct capmark_marks marks = CAPMARK_MARKS_UNSET;
#define MAX_SKIPS 16
static struct { uint64_t start, end; } skips[MAX_SKIPS];
static int n_skips;
/* Single vCPU: the boards have one core, and callbacks run on its thread. */
static int active;
static uint64_t insns, insn_hash, accesses, data_hash;
static uint64_t classes[CM_N_EXCLUSIVE];
static int riscv;

/* Diagnosis (dump=, control=): entries are numbered from 0 within the region. */
static const char *dump_path, *control_path;
static FILE *dump;
static uint64_t every, insn_from, data_from, window;

static inline int in_window(uint64_t i, uint64_t from) { return dump && i >= from && i - from < window; }

#define HASH_SEED 0xcbf29ce484222325ull
/* One step of the hash: a bijection of h for each x (rotate, xor, multiply by an odd constant),
 * so two sequences that differ in one entry always end with different hashes. */
static inline uint64_t mix(uint64_t h, uint64_t x) { return ((h << 5 | h >> 59) ^ x) * 0x9e3779b97f4a7c15ull; }

static void on_block(unsigned int vcpu, void *udata) {
  const struct block *b = udata;
  (void)vcpu;
  if (!active) return;
  for (size_t i = 0; i < b->n; i++) {
    uint64_t pc = b->insn[i].pc;
    if (in_window(insns, insn_from)) fprintf(dump, "I %" PRIu64 " %" PRIx64 "\n", insns, pc);
    insn_hash = mix(insn_hash, pc);
    classes[b->insn[i].cls]++;
    if (b->insn[i].site) b->insn[i].site->n++;
    insns++;
    if (dump && every && insns % every == 0) fprintf(dump, "i %" PRIu64 " %016" PRIx64 "\n", insns, insn_hash);
  }
}

static void on_access(unsigned int vcpu, qemu_plugin_meminfo_t info, uint64_t vaddr, void *udata) {
  (void)vcpu;
  if (!active) return;
  unsigned shift = qemu_plugin_mem_size_shift(info);
  int store = qemu_plugin_mem_is_store(info);
  if (in_window(accesses, data_from)) {
    fprintf(dump, "D %" PRIu64 " %" PRIx64 " %" PRIx64 " %u %c\n", accesses, (uint64_t)(uintptr_t)udata, vaddr, 1u << shift, store ? 'w' : 'r');
  }
  data_hash = mix(data_hash, vaddr << 3 | shift << 1 | (unsigned)store);
  accesses++;
  if (dump && every && accesses % every == 0) fprintf(dump, "d %" PRIu64 " %016" PRIx64 "\n", accesses, data_hash);
}

static uint64_t number(const char *s) { return strtoull(s, NULL, 0); }

/* Takes one diagnosis setting of the control file (which the host writes; other words are ignored). */
static void setting(const char *a) {
  if (strncmp(a, "every=", 6) == 0) every = number(a + 6);
  else if (strncmp(a, "insn_from=", 10) == 0) insn_from = number(a + 10);
  else if (strncmp(a, "data_from=", 10) == 0) data_from = number(a + 10);
  else if (strncmp(a, "window=", 7) == 0) window = number(a + 7);
}

/* Reads the control file's settings (none when it is absent) and opens the dump for them. */
static void start_dump(void) {
  char word[64];
  every = window = 0;
  insn_from = data_from = UINT64_MAX;
  if (dump) { fclose(dump); dump = NULL; }
  FILE *control = control_path ? fopen(control_path, "r") : NULL;
  if (!control) return;
  while (fscanf(control, "%63s", word) == 1) setting(word);
  fclose(control);
  if (every || window) dump = fopen(dump_path, "w");
}

static int is_site_class(int cls) {
  return cls == CM_MUL || cls == CM_MLA || cls == CM_MUL_LONG || cls == CM_MLA_LONG || cls == CM_DIV;
}

/* The site of the instruction at pc (open addressing; a block may be translated again). */
static struct site *site_at(uint64_t pc, uint8_t cls) {
  for (uint64_t i = 0, h = (pc >> 1) * 0x9e3779b97f4a7c15ull >> 50; i < MAX_SITES; i++) {
    struct site *s = &sites[(h + i) & (MAX_SITES - 1)];
    if (!s->used) { s->used = 1; s->pc = pc; s->cls = cls; return s; }
    if (s->pc == pc) return s;
  }
  sites_lost = 1;
  return NULL;
}

static void print_sites(void) {
  size_t cap = 64, len;
  for (int i = 0; i < MAX_SITES; i++) cap += sites[i].n ? 48 : 0;
  char *line = malloc(cap);
  if (!line) return;
  len = (size_t)snprintf(line, cap, "capmark-sites%s", sites_lost ? " lost" : "");
  for (int i = 0; i < MAX_SITES; i++) {
    if (sites[i].n) len += (size_t)snprintf(line + len, cap - len, " %" PRIx64 ":%s=%" PRIu64, sites[i].pc, cm_counter_name(sites[i].cls), sites[i].n);
  }
  snprintf(line + len, cap - len, "\n");
  qemu_plugin_outs(line);
  free(line);
}

static void on_begin(unsigned int vcpu, void *udata) {
  (void)vcpu; (void)udata;
  insns = accesses = 0;
  memset(classes, 0, sizeof classes);
  for (int i = 0; i < MAX_SITES; i++) sites[i].n = 0;
  insn_hash = data_hash = HASH_SEED;
  start_dump();
  active = 1;
}

static void on_end(unsigned int vcpu, void *udata) {
  char line[128 + CM_N_EXCLUSIVE * 40];
  (void)vcpu; (void)udata;
  active = 0;
  if (dump) {
    fprintf(dump, "i %" PRIu64 " %016" PRIx64 "\nd %" PRIu64 " %016" PRIx64 "\n", insns, insn_hash, accesses, data_hash);
    fflush(dump);
  }
  print_sites();
  int n = snprintf(line, sizeof line, "capmark-trace %" PRIu64 " %016" PRIx64 " %" PRIu64 " %016" PRIx64,
                   insns, insn_hash, accesses, data_hash);
  for (int c = 0; c < CM_N_EXCLUSIVE; c++)
    if (classes[c]) n += snprintf(line + n, sizeof line - n, " %s=%" PRIu64, cm_counter_name(c), classes[c]);
  snprintf(line + n, sizeof line - n, "\n");
  qemu_plugin_outs(line);
}

static int skipped(uint64_t pc) {
  for (int i = 0; i < n_skips; i++) if (pc >= skips[i].start && pc < skips[i].end) return 1;
  return 0;
}

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb) {
  (void)id;
  size_t n = qemu_plugin_tb_n_insns(tb);
  struct cm_thumb_state it = { 0, 0 };
  struct cm_insn d;
  /* Never freed: a block's callback may run as long as QEMU does, and the firmware is small. */
  struct block *b = malloc(sizeof *b + n * sizeof b->insn[0]);
  if (!b) return;
  b->n = 0;
  qemu_plugin_register_vcpu_tb_exec_cb(tb, on_block, QEMU_PLUGIN_CB_NO_REGS, b);
  for (size_t i = 0; i < n; i++) {
    struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
    uint64_t pc = qemu_plugin_insn_vaddr(insn);
    const uint8_t *bytes = qemu_plugin_insn_data(insn);
    size_t size = qemu_plugin_insn_size(insn);
    /* Decoded before any skip, so that the IT state follows every instruction of the block. */
    cm_classify(bytes, size, riscv, &it, &d);
    if (pc == marks.begin) qemu_plugin_register_vcpu_insn_exec_cb(insn, on_begin, QEMU_PLUGIN_CB_NO_REGS, NULL);
    if (pc == marks.end) qemu_plugin_register_vcpu_insn_exec_cb(insn, on_end, QEMU_PLUGIN_CB_NO_REGS, NULL);
    if (skipped(pc)) continue;
    b->insn[b->n].pc = pc;
    b->insn[b->n].site = is_site_class(d.cls) ? site_at(pc, d.cls) : NULL;
    b->insn[b->n++].cls = d.cls;
    qemu_plugin_register_vcpu_mem_cb(insn, on_access, QEMU_PLUGIN_CB_NO_REGS, QEMU_PLUGIN_MEM_RW, (void *)(uintptr_t)pc);
  }
}

EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc, char **argv) {
  riscv = strncmp(info->target_name, "riscv", 5) == 0;
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    if (capmark_mark_arg(a, &marks)) continue;
    if (strncmp(a, "dump=", 5) == 0) dump_path = a + 5;
    else if (strncmp(a, "control=", 8) == 0) control_path = a + 8;
    else if (strncmp(a, "skip=", 5) == 0 && n_skips < MAX_SKIPS && strchr(a, '-')) {
      skips[n_skips].start = strtoull(a + 5, NULL, 16) & ~1ull;
      skips[n_skips++].end = strtoull(strchr(a, '-') + 1, NULL, 16);
    } else {
      char line[160];
      snprintf(line, sizeof line, "capmark-trace: bad argument %.100s (at most %d skip= ranges)\n", a, MAX_SKIPS);
      qemu_plugin_outs(line);
      return 1;
    }
  }
  if (!capmark_marks_set(&marks) || !dump_path != !control_path) {
    qemu_plugin_outs("capmark-trace: needs begin=<addr>,end=<addr>, and dump= with control=\n");
    return 1;
  }
  qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
  return 0;
}
