/* The instruction-counting markers (see agent_board.h). Their bodies are empty; the QEMU
 * plugin only needs their addresses. The asm keeps gcc from merging or removing them. */
#include "agent_board.h"

void capmark_mark_begin(void) { __asm__ volatile("" ::: "memory"); }
void capmark_mark_end(void) { __asm__ volatile("" ::: "memory"); }
