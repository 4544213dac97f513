/* Port for TI Stellaris LM3S parts (lm3s6965evb, lm3s811evb): PL011 UART0 and the
 * SysTick 24-bit down-counter at the core clock, extended to 32 bits by polling. */
#include <stdint.h>
#include "port.h"

#define REG(base, off) (*(volatile uint32_t *)((base) + (off)))
#define UART_DR 0x000
#define UART_FR 0x018 /* bit4 RX empty, bit5 TX full */
#define UART_CTL 0x030
#define SYST_CSR 0xE000E010u
#define SYST_RVR 0xE000E014u
#define SYST_CVR 0xE000E018u

const uint32_t port_counter_mask = 0x00ffffffu;
const char port_counter_name[] = "systick";

void port_init(void) {
  REG(CAPMARK_UART_BASE, UART_CTL) = (1u << 0) | (1u << 8) | (1u << 9); /* UARTEN TXE RXE */
  *(volatile uint32_t *)SYST_RVR = 0x00ffffffu;
  *(volatile uint32_t *)SYST_CVR = 0;
  *(volatile uint32_t *)SYST_CSR = 0x5; /* enable, core clock, no interrupt */
}

void port_uart_putc(uint8_t byte) {
  while (REG(CAPMARK_UART_BASE, UART_FR) & (1u << 5)) {}
  REG(CAPMARK_UART_BASE, UART_DR) = byte;
}

int port_uart_getc(void) {
  if (REG(CAPMARK_UART_BASE, UART_FR) & (1u << 4)) return -1;
  return (int)(REG(CAPMARK_UART_BASE, UART_DR) & 0xff);
}

/* 24-bit SysTick wraps every 2^24 ticks: good for regions shorter than that. */
uint32_t port_counter(void) { return (0x00ffffffu - *(volatile uint32_t *)SYST_CVR) & 0x00ffffffu; }
