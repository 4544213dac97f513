/* Port for Nordic nRF51 parts (QEMU `microbit`, a BBC micro:bit v1): UART0, TIMER0 as a
 * 32-bit up-counter at 16 MHz (the nRF51 has no SysTick), and the RNG peripheral as the
 * board's TRNG. Registers: nRF51 Series Reference Manual v3.0 (UART ch. 29, TIMER ch. 18,
 * RNG ch. 21); the same image runs on the silicon (pins: micro:bit v1 interface chip). */
#include <stdint.h>
#include "port.h"

#define REG(base, off) (*(volatile uint32_t *)((base) + (off)))
/* UART: tasks, events, configuration. */
#define UART_STARTRX 0x000
#define UART_STARTTX 0x008
#define UART_RXDRDY 0x108
#define UART_TXDRDY 0x11C
#define UART_ENABLE 0x500      /* 4 = enabled */
#define UART_PSELTXD 0x50C
#define UART_PSELRXD 0x514
#define UART_RXD 0x518
#define UART_TXD 0x51C
#define UART_BAUDRATE 0x524
#define BAUD_115200 0x01D7E000u
#define MICROBIT_TX_PIN 24     /* micro:bit v1: P0.24 -> interface MCU (USB serial) */
#define MICROBIT_RX_PIN 25
/* TIMER0: start, capture into CC[0], 32-bit mode, prescaler 0 (16 MHz). */
#define TIMER_START 0x000
#define TIMER_CAPTURE0 0x040
#define TIMER_MODE 0x504
#define TIMER_BITMODE 0x508
#define TIMER_PRESCALER 0x510
#define TIMER_CC0 0x540
/* RNG: one byte per VALRDY event; CONFIG.DECEN = bias correction (RM 21.2). */
#define RNG_BASE 0x4000D000u
#define RNG_START 0x000
#define RNG_VALRDY 0x100
#define RNG_CONFIG 0x504
#define RNG_VALUE 0x508

const uint32_t port_counter_mask = 0xffffffffu;
const char port_counter_name[] = "nrf51-timer0";

void port_init(void) {
  REG(CAPMARK_UART_BASE, UART_PSELTXD) = MICROBIT_TX_PIN;
  REG(CAPMARK_UART_BASE, UART_PSELRXD) = MICROBIT_RX_PIN;
  REG(CAPMARK_UART_BASE, UART_BAUDRATE) = BAUD_115200;
  REG(CAPMARK_UART_BASE, UART_ENABLE) = 4;
  REG(CAPMARK_UART_BASE, UART_STARTTX) = 1;
  REG(CAPMARK_UART_BASE, UART_STARTRX) = 1;
  REG(CAPMARK_TIMER_BASE, TIMER_MODE) = 0;      /* timer, not counter */
  REG(CAPMARK_TIMER_BASE, TIMER_BITMODE) = 3;   /* 32 bit */
  REG(CAPMARK_TIMER_BASE, TIMER_PRESCALER) = 0; /* 16 MHz */
  REG(CAPMARK_TIMER_BASE, TIMER_START) = 1;
  REG(RNG_BASE, RNG_CONFIG) = 1;
  REG(RNG_BASE, RNG_START) = 1;
}

void port_uart_putc(uint8_t byte) {
  REG(CAPMARK_UART_BASE, UART_TXDRDY) = 0;
  REG(CAPMARK_UART_BASE, UART_TXD) = byte;
  while (!REG(CAPMARK_UART_BASE, UART_TXDRDY)) {}
}

/* Clear the event before reading RXD: the next byte raises it again (RM 29.5). */
int port_uart_getc(void) {
  if (!REG(CAPMARK_UART_BASE, UART_RXDRDY)) return -1;
  REG(CAPMARK_UART_BASE, UART_RXDRDY) = 0;
  return (int)(REG(CAPMARK_UART_BASE, UART_RXD) & 0xff);
}

uint32_t port_counter(void) {
  REG(CAPMARK_TIMER_BASE, TIMER_CAPTURE0) = 1;
  return REG(CAPMARK_TIMER_BASE, TIMER_CC0);
}

int port_random(uint8_t *out, uint32_t len) {
  for (uint32_t i = 0; i < len; i++) {
    while (!REG(RNG_BASE, RNG_VALRDY)) {}
    REG(RNG_BASE, RNG_VALRDY) = 0;
    out[i] = (uint8_t)REG(RNG_BASE, RNG_VALUE);
  }
  return 0;
}
