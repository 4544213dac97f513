/* Port for Arm CMSDK peripherals (MPS2 AN385/AN386/AN500, MPS2-TZ AN505): the APB UART
 * (CMSDK UART: DATA, STATE, CTRL, BAUDDIV) and APB TIMER0 as a 32-bit down-counter. */
#include <stdint.h>
#include "port.h"

#define REG(base, off) (*(volatile uint32_t *)((base) + (off)))
#define UART_DATA 0x00
#define UART_STATE 0x04 /* bit0 TX full, bit1 RX full */
#define UART_CTRL 0x08  /* bit0 TX enable, bit1 RX enable */
#define UART_BAUDDIV 0x10
#define TIMER_CTRL 0x00 /* bit0 enable */
#define TIMER_VALUE 0x04
#define TIMER_RELOAD 0x08

const uint32_t port_counter_mask = 0xffffffffu;
const char port_counter_name[] = "cmsdk-timer";

void port_init(void) {
  REG(CAPMARK_UART_BASE, UART_BAUDDIV) = 16; /* any value >= 16 works: QEMU's pty is raw */
  REG(CAPMARK_UART_BASE, UART_CTRL) = 0x3;
  REG(CAPMARK_TIMER_BASE, TIMER_RELOAD) = 0xffffffffu;
  REG(CAPMARK_TIMER_BASE, TIMER_VALUE) = 0xffffffffu;
  REG(CAPMARK_TIMER_BASE, TIMER_CTRL) = 0x1;
}

void port_uart_putc(uint8_t byte) {
  while (REG(CAPMARK_UART_BASE, UART_STATE) & 0x1) {}
  REG(CAPMARK_UART_BASE, UART_DATA) = byte;
}

int port_uart_getc(void) {
  if (!(REG(CAPMARK_UART_BASE, UART_STATE) & 0x2)) return -1;
  return (int)(REG(CAPMARK_UART_BASE, UART_DATA) & 0xff);
}

uint32_t port_counter(void) { return ~REG(CAPMARK_TIMER_BASE, TIMER_VALUE); }
