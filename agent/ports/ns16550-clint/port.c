/* Port for RISC-V machines with a 16550-compatible UART and a CLINT (QEMU `virt`; also
 * SiFive-style parts): UART0 polled through LSR, and the CLINT's 64-bit mtime (its low word)
 * as the free-running up-counter. Registers: TI PC16550D data sheet (RBR/THR 0, LSR 5; byte
 * registers, reg-shift 0 on virt); SiFive CLINT (mtime at base + 0xBFF8). */
#include <stdint.h>
#include "port.h"

#define UART_REG(off) (*(volatile uint8_t *)(CAPMARK_UART_BASE + (off)))
#define UART_RBR_THR 0
#define UART_FCR 2
#define UART_LCR 3
#define UART_LSR 5
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20
#define MTIME_LO (*(volatile uint32_t *)(CAPMARK_TIMER_BASE + 0xBFF8u))

const uint32_t port_counter_mask = 0xffffffffu;
const char port_counter_name[] = "clint-mtime";

void port_init(void) {
  UART_REG(UART_LCR) = 0x03; /* 8 data bits, no parity, 1 stop bit (the baud divisor is left as reset) */
  UART_REG(UART_FCR) = 0x07; /* FIFOs on and cleared */
}

void port_uart_putc(uint8_t byte) {
  while (!(UART_REG(UART_LSR) & LSR_THR_EMPTY)) {}
  UART_REG(UART_RBR_THR) = byte;
}

int port_uart_getc(void) {
  if (!(UART_REG(UART_LSR) & LSR_DATA_READY)) return -1;
  return UART_REG(UART_RBR_THR);
}

uint32_t port_counter(void) { return MTIME_LO; }
