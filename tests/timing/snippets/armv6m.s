@ Thumb-1 encodings (ARMv6-M, Cortex-M0/M0+): "@ <class> [words]" per instruction.
  .syntax unified
  .thumb
  .cpu cortex-m0
  adds r0, r1, r2          @ alu
  subs r0, #1              @ alu
  ands r0, r1              @ alu
  muls r0, r1, r0          @ mul
  ldr r0, [r1, #4]         @ load
  ldrb r0, [r1, r2]        @ load
  ldrh r0, [r1, #2]        @ load
  ldr r0, [sp, #4]         @ load
  str r0, [r1, r2]         @ store
  strb r0, [r1, #1]        @ store
  ldm r0!, {r1, r2, r3}    @ load_multi 3
  stm r0!, {r1, r2}        @ store_multi 2
  push {r4, r5, lr}        @ store_multi 3
  pop {r4, r5}             @ load_multi 2
  pop {r4, r5, r6, pc}     @ load_pc 4
  bcc 1f                   @ branch_cond
1:
  b 2f                     @ branch
2:
  bl 3f                    @ branch
3:
  bx lr                    @ branch
  blx r2                   @ branch
  dsb                      @ system
  cpsie i                  @ system
