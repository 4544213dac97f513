@ ARMv8-M Mainline encodings beyond ARMv7-M (Cortex-M33): "@ <class> [words]" per instruction.
  .syntax unified
  .thumb
  lda r0, [r1]             @ load
  stl r0, [r1]             @ store
  sdiv r0, r1, r2          @ div
  umlal r0, r1, r2, r3     @ mla_long
  movt r0, #1              @ alu
  bl 1f                    @ branch
1:
  bxns lr                  @ branch
