/* Decodes Thumb and RV32IMC instructions into timing classes (classify.h). Encodings follow
 * the ARMv7-M Architecture Reference Manual (DDI 0403E) §A5.2-A5.3 (a superset of ARMv6-M's
 * Thumb; ARMv8-M adds no class-changing encodings used here) and the RISC-V Unprivileged ISA
 * (20191213) chapters 2, 7 (M), 16 (C) and 24 (opcode map). */
#include "classify.h"

static const char *const NAMES[CM_N_COUNTERS] = {
  "alu", "load", "store", "load_multi", "store_multi", "load_pc", "mul", "mla", "mul_long",
  "mla_long", "div", "branch", "branch_cond", "it", "fp", "system",
  "load_regs", "store_regs", "load_pipelined", "branch_cond_taken",
};

const char *cm_counter_name(int counter) {
  return counter >= 0 && counter < CM_N_COUNTERS ? NAMES[counter] : "?";
}

static int popcount16(unsigned x) { int n = 0; for (; x; x &= x - 1) n++; return n; }

static void set(struct cm_insn *o, int cls, int regs, int size) {
  o->cls = (uint8_t)cls; o->regs = (uint8_t)regs; o->size = (uint8_t)size;
  o->mem_single = cls == CM_LOAD || cls == CM_STORE;
}

/* §A5.2: 16-bit Thumb. Returns the class; *regs: words moved by a multiple transfer. */
static int thumb16(unsigned hw, int *regs) {
  unsigned op = hw >> 10;
  if (op < 0x10) return CM_ALU;                                       /* 00xxxx shift/add/sub/mov/cmp */
  if (op == 0x10) return ((hw >> 6) & 0xF) == 0xD ? CM_MUL : CM_ALU;  /* data processing; MUL */
  if (op == 0x11) {                                                   /* special data, BX, BLX */
    unsigned o = (hw >> 6) & 0xF;
    if (o >= 0xC) return CM_BRANCH;                      /* BX, BLX */
    unsigned rd = ((hw >> 4) & 8) | (hw & 7);
    if (rd == 15 && (o < 4 || (o >= 8 && o < 12))) return CM_BRANCH; /* ADD/MOV pc */
    return CM_ALU;
  }
  if (op == 0x12 || op == 0x13) return CM_LOAD;                       /* LDR literal */
  if ((op >> 2) == 0x5) return ((hw >> 9) & 7) >= 3 ? CM_LOAD : CM_STORE; /* register offset */
  if ((op >> 3) == 0x3 || (op >> 2) == 0x8 || (op >> 2) == 0x9)       /* imm offset, SP-relative */
    return (hw >> 11) & 1 ? CM_LOAD : CM_STORE;
  if ((op >> 2) == 0xA) return CM_ALU;                                /* ADR, ADD SP */
  if ((op >> 2) == 0xB) {                                             /* §A5.2.5 miscellaneous */
    unsigned m = (hw >> 5) & 0x7F;
    if ((hw & 0xF500) == 0xB100) return CM_BRANCH_COND;  /* CBZ, CBNZ */
    if ((m >> 4) == 0x2) { *regs = popcount16(hw & 0x1FF); return CM_STORE_MULTI; } /* PUSH */
    if ((m >> 4) == 0x6) {                                            /* POP */
      *regs = popcount16(hw & 0x1FF);
      if (hw & 0x100) return CM_LOAD_PC;
      return CM_LOAD_MULTI;
    }
    if ((m >> 3) == 0xF) {                                            /* IT and hints */
      if (hw & 0xF) return CM_IT;
      return hw == 0xBF00 ? CM_ALU : CM_SYSTEM;                       /* NOP; YIELD/WFE/WFI/SEV */
    }
    if (m == 0x33 || (m >> 3) == 0xE) return CM_SYSTEM;               /* CPS, BKPT */
    return CM_ALU;                                                    /* ADD/SUB SP, extend, REV */
  }
  if ((op >> 1) == 0x18) { *regs = popcount16(hw & 0xFF); return CM_STORE_MULTI; } /* STM */
  if ((op >> 1) == 0x19) { *regs = popcount16(hw & 0xFF); return CM_LOAD_MULTI; }  /* LDM */
  if ((op >> 2) == 0xD) {                                             /* B<c>, UDF, SVC */
    unsigned cond = (hw >> 8) & 0xF;
    if (cond >= 0xE) return CM_SYSTEM;
    return CM_BRANCH_COND;
  }
  return CM_BRANCH;                                          /* 11100: B */
}

/* §A5.3.18 / §A6.4: coprocessor space, which FPv4/FPv5 uses for cp10/cp11. */
static int coprocessor(unsigned hw1, unsigned hw2, int *regs) {
  unsigned op1 = (hw1 >> 4) & 0x3F;
  if ((op1 & 0x20) == 0 && (op1 & 0x3A) != 0) {                       /* LDC/STC: VLDR/VSTR/VLDM/VSTM */
    int load = op1 & 1, p = (op1 >> 4) & 1, w = (op1 >> 1) & 1;
    if (p && !w) return load ? CM_LOAD : CM_STORE;                     /* VLDR, VSTR */
    *regs = hw2 & 0xFF;                                               /* imm8: words transferred */
    return load ? CM_LOAD_MULTI : CM_STORE_MULTI;
  }
  return CM_FP;                                                       /* CDP, MCR/MRC, MCRR/MRRC: VMOV, VADD... */
}

/* §A5.3: 32-bit Thumb. */
static int thumb32(unsigned hw1, unsigned hw2, int *regs) {
  unsigned op1 = (hw1 >> 11) & 3, op2 = (hw1 >> 4) & 0x7F;
  if (op1 == 1) {
    if ((op2 & 0x64) == 0x00) {                                       /* §A5.3.5 load/store multiple */
      unsigned kind = (hw1 >> 7) & 3;
      if (kind == 0 || kind == 3) return CM_SYSTEM;                   /* SRS/RFE: not in M profile */
      *regs = popcount16(hw2);
      if (!((hw1 >> 4) & 1)) return CM_STORE_MULTI;
      if (hw2 & 0x8000) return CM_LOAD_PC;
      return CM_LOAD_MULTI;
    }
    if ((op2 & 0x64) == 0x04) {                                       /* §A5.3.6 dual, exclusive, TBB */
      unsigned a = (hw1 >> 7) & 3, b = (hw1 >> 4) & 3, c = (hw2 >> 4) & 0xF;
      if (a == 0 && b == 0) return CM_STORE;                          /* STREX */
      if (a == 0 && b == 1) return CM_LOAD;                           /* LDREX */
      if ((a < 2 && b >= 2) || a >= 2) { *regs = 2; return b & 1 ? CM_LOAD_MULTI : CM_STORE_MULTI; } /* LDRD/STRD */
      if (b == 1 && (c == 0 || c == 1)) { *regs = 1; return CM_LOAD_PC; } /* TBB, TBH */
      return b & 1 ? CM_LOAD : CM_STORE;                              /* LDREXB/H, STREXB/H */
    }
    if ((op2 & 0x60) == 0x20) return CM_ALU;                          /* data processing, shifted reg */
    return coprocessor(hw1, hw2, regs);
  }
  if (op1 == 2) {
    if (!(hw2 & 0x8000)) return CM_ALU;                               /* data processing, immediate */
    unsigned b = (hw2 >> 12) & 7;                                     /* §A5.3.4 branches, misc */
    if ((b & 5) == 0) {
      if ((op2 & 0x38) != 0x38) return CM_BRANCH_COND;   /* B<c>.W */
      return CM_SYSTEM;                                               /* MSR, MRS, hints, barriers, UDF */
    }
    if ((b & 5) == 1 || (b & 5) == 5) return CM_BRANCH;  /* B.W, BL */
    return CM_SYSTEM;                                                 /* BLX imm: not in M profile */
  }
  /* op1 == 3 */
  if ((op2 & 0x71) == 0x00) return CM_STORE;                          /* §A5.3.10 store single */
  if ((op2 & 0x67) == 0x01) return ((hw2 >> 12) & 0xF) == 15 ? CM_ALU : CM_LOAD; /* LDRB; PLD/PLI */
  if ((op2 & 0x67) == 0x03) return CM_LOAD;                           /* load halfword */
  if ((op2 & 0x67) == 0x05) {                                         /* load word */
    if (((hw2 >> 12) & 0xF) == 15) { *regs = 1; return CM_LOAD_PC; } /* LDR pc */
    return CM_LOAD;
  }
  if ((op2 & 0x70) == 0x20) return CM_ALU;                            /* §A5.3.12 data processing, register */
  if ((op2 & 0x78) == 0x30) {                                         /* §A5.3.16 multiply, MAC */
    unsigned o = (hw1 >> 4) & 7, ra = (hw2 >> 12) & 0xF, o2 = (hw2 >> 4) & 3;
    if ((o == 0 && o2 == 1) || o == 6) return CM_MLA;                 /* MLS, SMMLS */
    return ra == 15 ? CM_MUL : CM_MLA;
  }
  if ((op2 & 0x78) == 0x38) {                                         /* §A5.3.17 long multiply, divide */
    unsigned o = (hw1 >> 4) & 7, o2 = (hw2 >> 4) & 0xF;
    if ((o == 1 || o == 3) && o2 == 0xF) return CM_DIV;               /* SDIV, UDIV */
    if (o == 0 || o == 2) return CM_MUL_LONG;                         /* SMULL, UMULL */
    return CM_MLA_LONG;                                               /* SMLAL*, UMLAL, UMAAL, SMLALD, SMLSLD */
  }
  if (op2 & 0x40) return coprocessor(hw1, hw2, regs);
  return CM_SYSTEM;                                                   /* undefined */
}

int cm_decode_thumb(const uint8_t *bytes, size_t len, struct cm_thumb_state *st, struct cm_insn *out) {
  if (len < 2) return 0;
  unsigned hw1 = bytes[0] | (unsigned)bytes[1] << 8;
  int wide = (hw1 >> 11) >= 0x1D, regs = 0, cls;
  if (wide) {
    if (len < 4) return 0;
    cls = thumb32(hw1, bytes[2] | (unsigned)bytes[3] << 8, &regs);
  } else {
    cls = thumb16(hw1, &regs);
  }
  int in_it = st->it_left > 0;
  if (in_it) st->it_left--;
  /* A PC write inside an IT block is conditional, unless the block's condition is AL. */
  if (in_it && !st->it_always && cls == CM_BRANCH) cls = CM_BRANCH_COND;
  if (cls == CM_IT) {
    unsigned mask = hw1 & 0xF, n = 4;
    while (!(mask & 1)) { mask >>= 1; n--; }                           /* block length: 4 - ctz(mask) */
    st->it_left = (uint8_t)n;
    st->it_always = ((hw1 >> 4) & 0xF) == 0xE;
  }
  set(out, cls, regs, wide ? 4 : 2);
  return wide ? 4 : 2;
}

/* RISC-V: opcode map (Unprivileged ISA ch. 24) and the compressed quadrants (ch. 16.8). */
static int rv32_32(uint32_t w) {
  switch (w & 0x7F) {
    case 0x03: case 0x07: return CM_LOAD;                             /* LOAD, LOAD-FP */
    case 0x23: case 0x27: return CM_STORE;                            /* STORE, STORE-FP */
    case 0x2F: return CM_LOAD;                                        /* AMO: a read-modify-write */
    case 0x33:
      if ((w >> 25) == 1) {                                           /* M extension */
        unsigned f3 = (w >> 12) & 7;
        return f3 == 0 ? CM_MUL : f3 < 4 ? CM_MUL_LONG : CM_DIV;
      }
      return CM_ALU;
    case 0x13: case 0x37: case 0x17: return CM_ALU;                   /* OP-IMM, LUI, AUIPC */
    case 0x6F: case 0x67: return CM_BRANCH;                           /* JAL, JALR */
    case 0x63: return CM_BRANCH_COND;                                 /* BEQ..BGEU */
    case 0x43: case 0x47: case 0x4B: case 0x4F: case 0x53: return CM_FP;
    default: return CM_SYSTEM;                                        /* FENCE, SYSTEM (CSR, ECALL) */
  }
}

static int rv32_16(unsigned h) {
  unsigned q = h & 3, f3 = h >> 13;
  if (q == 0) return f3 == 0 ? CM_ALU : f3 < 4 ? CM_LOAD : f3 == 4 ? CM_SYSTEM : CM_STORE;
  if (q == 1) {
    if (f3 == 1 || f3 == 5) return CM_BRANCH;                         /* C.JAL (RV32), C.J */
    if (f3 >= 6) return CM_BRANCH_COND;                               /* C.BEQZ, C.BNEZ */
    return CM_ALU;
  }
  if (f3 == 0) return CM_ALU;                                         /* C.SLLI */
  if (f3 < 4) return CM_LOAD;                                         /* C.LWSP, C.FLWSP, C.FLDSP */
  if (f3 > 4) return CM_STORE;                                        /* C.SWSP, C.FSWSP, C.FSDSP */
  unsigned rs1 = (h >> 7) & 0x1F, rs2 = (h >> 2) & 0x1F;
  if (rs2 != 0) return CM_ALU;                                        /* C.MV, C.ADD */
  if ((h >> 12) & 1) return rs1 == 0 ? CM_SYSTEM : CM_BRANCH;         /* C.EBREAK, C.JALR */
  return CM_BRANCH;                                                   /* C.JR */
}

int cm_decode_rv32(const uint8_t *bytes, size_t len, struct cm_insn *out) {
  if (len < 2) return 0;
  unsigned h = bytes[0] | (unsigned)bytes[1] << 8;
  if ((h & 3) != 3) { set(out, rv32_16(h), 0, 2); return 2; }
  if (len < 4) return 0;
  set(out, rv32_32(h | (uint32_t)bytes[2] << 16 | (uint32_t)bytes[3] << 24), 0, 4);
  return 4;
}

void cm_classify(const uint8_t *bytes, size_t len, int riscv, struct cm_thumb_state *st, struct cm_insn *out) {
  if (!(riscv ? cm_decode_rv32(bytes, len, out) : cm_decode_thumb(bytes, len, st, out))) out->cls = CM_SYSTEM;
}
