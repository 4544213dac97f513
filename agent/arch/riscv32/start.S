/* RISC-V (RV32, machine mode) entry: the first instruction of the image (QEMU's reset code
 * jumps to the start of the image). Sets the stack and global pointers and the trap vector,
 * then runs the shared start-up (agent/core/startup.c). */
  .option arch, +zicsr      /* csrr/csrw: a separate extension since the 2019 ISA manual */
  .section .vectors, "ax"
  .globl _start
_start:
  .option push
  .option norelax           /* gp itself must not be addressed relative to gp */
  la gp, __global_pointer$
  .option pop
  la sp, __stack_top
  la t0, trap_entry
  csrw mtvec, t0            /* direct mode: every trap lands on trap_entry */
  call reset_handler
1: j 1b

/* Any exception (illegal instruction, misaligned or faulting access, ecall): report its cause
 * and address, then halt. Interrupts stay disabled (mstatus.MIE = 0 from reset). */
  .balign 4
trap_entry:
  csrr a0, mcause
  csrr a1, mepc
  csrr a2, mtval
  la sp, __stack_top        /* the faulting context's stack may be the cause */
  call capmark_trap
2: j 2b
