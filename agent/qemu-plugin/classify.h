/* Instruction classes for capmark's timing model: decodes one Thumb (ARMv6-M, ARMv7-M,
 * ARMv8-M) or RV32IMC instruction from its bytes into the class whose cycle cost the per-core
 * timing tables give (boards/timing/). Pure functions, no QEMU: shared by the counting plugin
 * and the constant-time trace plugin, and unit-tested on assembled snippets. */
#ifndef CAPMARK_CLASSIFY_H
#define CAPMARK_CLASSIFY_H
#include <stddef.h>
#include <stdint.h>

/* Exclusive classes: every instruction is exactly one of these, so they sum to the count. */
enum cm_class {
  CM_ALU,         /* data processing, moves, compares, shifts, extends, SIMD add/sub, NOP */
  CM_LOAD,        /* single load (LDR*, LDREX*; RISC-V LB..LW, AMO) */
  CM_STORE,       /* single store */
  CM_LOAD_MULTI,  /* LDM, POP without PC, LDRD, VLDM, VPOP: + CM_LOAD_REGS words */
  CM_STORE_MULTI, /* STM, PUSH, STRD, VSTM, VPUSH: + CM_STORE_REGS words */
  CM_LOAD_PC,     /* a load that writes PC: LDR pc, POP {..pc}, LDM {..pc}, TBB/TBH: + words */
  CM_MUL,         /* 32-bit result multiply: MUL(S), SMUL<x><y>, SMUAD, SMMUL; RISC-V MUL */
  CM_MLA,         /* 32-bit multiply-accumulate: MLA, MLS, SMLA<x><y>, SMLAD, SMMLA, USADA8 */
  CM_MUL_LONG,    /* 64-bit result: SMULL, UMULL; RISC-V MULH, MULHU, MULHSU (upper half) */
  CM_MLA_LONG,    /* 64-bit accumulate: SMLAL, UMLAL, UMAAL, SMLAL<x><y>, SMLALD, SMLSLD */
  CM_DIV,         /* SDIV, UDIV; RISC-V DIV, DIVU, REM, REMU */
  CM_BRANCH,      /* always taken: B, BL, BX, BLX, MOV/ADD pc; RISC-V JAL, JALR */
  CM_BRANCH_COND, /* conditional: B<c>, CBZ, CBNZ, a branch in an IT block; RISC-V B<cond> */
  CM_IT,          /* the IT instruction itself */
  CM_FP,          /* floating point data processing and core<->FP register moves (VMOV, VADD...) */
  CM_SYSTEM,      /* MSR, MRS, barriers, CPS, SVC, BKPT, WFI, UDF; RISC-V CSR, FENCE, ECALL */
  CM_N_EXCLUSIVE
};

/* Additive counters, counted on top of the exclusive class. */
enum cm_extra {
  CM_LOAD_REGS = CM_N_EXCLUSIVE, /* words loaded by CM_LOAD_MULTI and CM_LOAD_PC (PC included) */
  CM_STORE_REGS,                 /* words moved by CM_STORE_MULTI */
  CM_LOAD_PIPELINED,             /* CM_LOAD right after a single load/store in the same block */
  CM_BRANCH_COND_TAKEN,          /* CM_BRANCH_COND that went elsewhere than the next PC */
  CM_N_COUNTERS
};

struct cm_insn {
  uint8_t cls;      /* enum cm_class */
  uint8_t regs;     /* words moved by a multiple load/store (0 otherwise) */
  uint8_t size;     /* bytes: 2 or 4 */
  uint8_t mem_single; /* a single load or store (for the load-pipelining rule) */
};

/* IT-block state across the instructions of one straight-line block (Thumb only). */
struct cm_thumb_state { uint8_t it_left; uint8_t it_always; };

/* Decodes the Thumb instruction at `bytes` (little-endian halfwords, `len` >= its size).
 * Returns its size in bytes (2 or 4), or 0 when `len` is too short. */
int cm_decode_thumb(const uint8_t *bytes, size_t len, struct cm_thumb_state *st, struct cm_insn *out);

/* Decodes the RV32IMC (+A/F/D loads and stores) instruction at `bytes`. Returns 2, 4 or 0. */
int cm_decode_rv32(const uint8_t *bytes, size_t len, struct cm_insn *out);

/* Either decoder (`riscv` picks it); an instruction neither decodes counts as CM_SYSTEM. The one
 * entry both plugins (count.c, trace.c) classify a block's instructions through. */
void cm_classify(const uint8_t *bytes, size_t len, int riscv, struct cm_thumb_state *st, struct cm_insn *out);

/* Stable names used in results files (`instruction_classes`) and the timing tables. */
const char *cm_counter_name(int counter);

#endif
