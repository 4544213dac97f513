/* The port contract: what one board family (a UART and a counter) provides to the agent
 * firmware. A port is one folder under agent/ports/<family>/ implementing these functions;
 * addresses and rates come from the board file as -D defines (CAPMARK_UART_BASE, ...). */
#ifndef CAPMARK_PORT_H
#define CAPMARK_PORT_H
#include <stdint.h>

/* Brings up the host-link UART and starts the free-running counter. */
void port_init(void);
/* Blocking write of one byte to the host link. */
void port_uart_putc(uint8_t byte);
/* Next received byte, or -1 when none is waiting (non-blocking). */
int port_uart_getc(void);
/* Free-running up-counter at CAPMARK_COUNTER_HZ; elapsed = (t1 - t0) & port_counter_mask. */
uint32_t port_counter(void);
extern const uint32_t port_counter_mask;
/* Name of the counter for the results ("cmsdk-timer", "dwt-cyccnt", ...). */
extern const char port_counter_name[];
/* Optional: fills len bytes from the board's true random number generator and returns 0, or
 * returns -1 where the board has none (the default, agent/core/board.c). A call with len 0
 * answers whether there is one (HELLO's trng=1/0). */
int port_random(uint8_t *out, uint32_t len);

#endif
