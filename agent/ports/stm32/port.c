/* Port for STM32 parts (QEMU `netduinoplus2` = STM32F405, `stm32vldiscovery` = STM32F100):
 * USART1 on PA9 (TX) / PA10 (RX) at 115200 baud from the reset clock (HSI), and the
 * Cortex-M DWT cycle counter. QEMU models the USART but neither RCC, GPIO nor the DWT (the
 * counter reads 0 there; exact instruction counts come from the QEMU plugin instead), so the
 * same image runs on the silicon. Registers: RM0090 (F405) / RM0041 (F100): USART SR 0x00,
 * DR 0x04, BRR 0x08, CR1 0x0C; ARMv7-M ARM C1.8 (DWT), C1.6.5 (DEMCR). */
#include <stdint.h>
#include "port.h"

#define REG(addr) (*(volatile uint32_t *)(addr))
#define USART_SR (CAPMARK_UART_BASE + 0x00)
#define USART_DR (CAPMARK_UART_BASE + 0x04)
#define USART_BRR (CAPMARK_UART_BASE + 0x08)
#define USART_CR1 (CAPMARK_UART_BASE + 0x0C)
#define SR_RXNE (1u << 5)
#define SR_TXE (1u << 7)
#define CR1_UE_TE_RE ((1u << 13) | (1u << 3) | (1u << 2))
#define DEMCR 0xE000EDFCu
#define DWT_CTRL 0xE0001000u
#define DWT_CYCCNT 0xE0001004u

const uint32_t port_counter_mask = 0xffffffffu;
const char port_counter_name[] = "dwt-cyccnt";

/* Clock and pins for USART1, per family (told apart by where the board file puts USART1). */
static void usart1_clock_and_pins(void) {
#if CAPMARK_UART_BASE == 0x40013800u
  /* STM32F1 (RM0041 7.3.7, 8.2.2): IOPA + USART1 clocks; PA9 AF push-pull, PA10 input. */
  REG(0x40021018u) |= (1u << 2) | (1u << 14);
  REG(0x40010804u) = (REG(0x40010804u) & ~0xFF0u) | 0x4B0u;
  REG(USART_BRR) = 0x45; /* 8 MHz HSI / 115200 */
#else
  /* STM32F2/F4 (RM0090 6.3.10, 6.3.14, 8.4): GPIOA + USART1 clocks; PA9/PA10 as AF7. */
  REG(0x40023830u) |= 1u << 0;
  REG(0x40023844u) |= 1u << 4;
  REG(0x40020000u) = (REG(0x40020000u) & ~(0xFu << 18)) | (0xAu << 18);
  REG(0x40020024u) = (REG(0x40020024u) & ~0xFF0u) | 0x770u;
  REG(USART_BRR) = 0x8B; /* 16 MHz HSI / 115200 */
#endif
}

void port_init(void) {
  usart1_clock_and_pins();
  REG(USART_CR1) = CR1_UE_TE_RE;
  REG(DEMCR) |= 1u << 24;   /* TRCENA: power the DWT */
  REG(DWT_CYCCNT) = 0;
  REG(DWT_CTRL) |= 1u;      /* CYCCNTENA */
}

void port_uart_putc(uint8_t byte) {
  while (!(REG(USART_SR) & SR_TXE)) {}
  REG(USART_DR) = byte;
}

int port_uart_getc(void) {
  if (!(REG(USART_SR) & SR_RXNE)) return -1;
  return (int)(REG(USART_DR) & 0xff);
}

uint32_t port_counter(void) { return REG(DWT_CYCCNT); }
