@ Thumb-2 encodings (ARMv7E-M + FPv4) with the class classify.c must give each: "@ <class> [words]".
@ Assembled by the decoder test with arm-none-eabi-as; one line = one instruction.
  .syntax unified
  .thumb
  adds r0, r1, #1          @ alu
  movs r2, #200            @ alu
  add r0, r1, r2, lsl #3   @ alu
  eor.w r3, r4, #0xff      @ alu
  movw r5, #0x1234         @ alu
  lsls r0, r1              @ alu
  uxtb r0, r1              @ alu
  rev r0, r1               @ alu
  clz r0, r1               @ alu
  uadd8 r0, r1, r2         @ alu
  sel r0, r1, r2           @ alu
  bfi r0, r1, #3, #4       @ alu
  nop                      @ alu
  add sp, #16              @ alu
  cmp r8, r9               @ alu
  mov r8, r1               @ alu
  adr r0, 1f               @ alu
1:
  ldr r0, [r1]             @ load
  ldr r0, [r1, r2]         @ load
  ldrb r0, [r1, #3]        @ load
  ldrsh r0, [r1, r2]       @ load
  ldr r0, [sp, #8]         @ load
  ldr r0, =0x12345678      @ load
  ldr.w r0, [r1, #4095]    @ load
  ldr r0, [r1, #-4]        @ load
  ldr r0, [r1], #4         @ load
  ldrh.w r0, [r1, r2, lsl #1] @ load
  ldrsb.w r0, [r1, #1]     @ load
  ldrex r0, [r1]           @ load
  ldrexb r0, [r1]          @ load
  vldr s0, [r1, #4]        @ load
  str r0, [r1]             @ store
  strb r0, [r1, r2]        @ store
  strh r0, [r1, #2]        @ store
  str r0, [sp, #4]         @ store
  str.w r0, [r1, #-8]!     @ store
  strex r0, r1, [r2]       @ store
  vstr s1, [r2]            @ store
  ldm r0!, {r1, r2, r3}    @ load_multi 3
  ldmia.w r0, {r1-r7, r9}  @ load_multi 8
  ldmdb r0!, {r1, r2}      @ load_multi 2
  pop {r4, r5, r6}         @ load_multi 3
  pop.w {r4-r11}           @ load_multi 8
  ldrd r0, r1, [r2, #8]    @ load_multi 2
  vldmia r0!, {s0-s7}      @ load_multi 8
  vpop {d8-d9}             @ load_multi 4
  stmia r0!, {r1, r2}      @ store_multi 2
  push {r4-r7, lr}         @ store_multi 5
  push.w {r4-r11, lr}      @ store_multi 9
  stmdb r0!, {r1-r4}       @ store_multi 4
  strd r0, r1, [r2], #8    @ store_multi 2
  vstmia r0, {s0-s15}      @ store_multi 16
  vpush {s16-s31}          @ store_multi 16
  muls r0, r1, r0          @ mul
  mul r0, r1, r2           @ mul
  smulbb r0, r1, r2        @ mul
  smuad r0, r1, r2         @ mul
  smmul r0, r1, r2         @ mul
  mla r0, r1, r2, r3       @ mla
  mls r0, r1, r2, r3       @ mla
  smlabb r0, r1, r2, r3    @ mla
  smlad r0, r1, r2, r3     @ mla
  smmls r0, r1, r2, r3     @ mla
  umull r0, r1, r2, r3     @ mul_long
  smull r0, r1, r2, r3     @ mul_long
  umlal r0, r1, r2, r3     @ mla_long
  smlal r0, r1, r2, r3     @ mla_long
  umaal r0, r1, r2, r3     @ mla_long
  smlalbb r0, r1, r2, r3   @ mla_long
  smlald r0, r1, r2, r3    @ mla_long
  sdiv r0, r1, r2          @ div
  udiv r0, r1, r2          @ div
  vmov s0, r1              @ fp
  vmov r1, s3              @ fp
  vmov r0, r1, d0          @ fp
  vadd.f32 s0, s1, s2      @ fp
  vmrs r0, fpscr           @ fp
  dmb                      @ system
  msr primask, r0          @ system
  mrs r0, control          @ system
  cpsid i                  @ system
  svc #0                   @ system
  bkpt #1                  @ system
  wfi                      @ system
  b 2f                     @ branch
2:
  b.w 3f                   @ branch
3:
  bl 4f                    @ branch
4:
  bx lr                    @ branch
  blx r3                   @ branch
  mov pc, r1               @ branch
  beq 5f                   @ branch_cond
5:
  bne.w 6f                 @ branch_cond
6:
  cbz r0, 7f               @ branch_cond
  nop                      @ alu
7:
  cbnz r1, 8f              @ branch_cond
  nop                      @ alu
8:
  pop {r4, pc}             @ load_pc 2
  ldr pc, [sp], #4         @ load_pc 1
  ldmia.w sp!, {r4-r7, pc} @ load_pc 5
  tbb [r0, r1]             @ load_pc 1
  tbh [r0, r1, lsl #1]     @ load_pc 1
  it eq                    @ it
  bxeq lr                  @ branch_cond
  ite ne                   @ it
  addne r0, r1             @ alu
  moveq r0, #1             @ alu
  ittt lt                  @ it
  ldrlt r0, [r1]           @ load
  strlt r0, [r2]           @ store
  poplt {r4, pc}           @ load_pc 2
