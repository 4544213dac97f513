/* Bare-metal runtime for wasm2c 1.0.32 output (replaces wasm-rt-impl.c, which needs mmap,
 * signals and malloc): one static linear memory of CAPMARK_MEM_BYTES, function types and
 * funcref tables from fixed pools, traps via longjmp to CAPMARK_TRY(). */
#include <stdarg.h>
#include <string.h>
#include "wasm-rt-baremetal.h"

#define MAX_FUNC_TYPES 64
#define MAX_TYPE_VALUES 16
#define TABLE_POOL 64

jmp_buf capmark_trap_jmp;
uint32_t wasm_rt_call_stack_depth;
static bool initialized;

/* +8: a masked address (bounds=mask) may start an 8-byte access at the last byte. */
static uint8_t linear_memory[CAPMARK_MEM_BYTES + 8] __attribute__((aligned(16)));
static bool memory_taken;

typedef struct { uint32_t params, results; uint8_t types[MAX_TYPE_VALUES]; } func_type_t;
static func_type_t func_types[MAX_FUNC_TYPES];
static uint32_t func_type_count;

static wasm_rt_funcref_t table_pool[TABLE_POOL];
static uint32_t table_used;

void wasm_rt_init(void) { initialized = true; }
bool wasm_rt_is_initialized(void) { return initialized; }
void wasm_rt_free(void) { initialized = false; }

void wasm_rt_trap(wasm_rt_trap_t code) {
  longjmp(capmark_trap_jmp, (int)code == 0 ? -1 : (int)code);
}

/* Types arrive as varargs; wasm_rt_type_t is a 1-byte enum on arm-none-eabi, so each one
 * must be read as the promoted int (reading the enum type compiles to a trap). */
uint32_t wasm_rt_register_func_type(uint32_t params, uint32_t results, ...) {
  func_type_t t = { params, results, {0} };
  if (params + results > MAX_TYPE_VALUES) wasm_rt_trap(WASM_RT_TRAP_CALL_INDIRECT);
  va_list ap;
  va_start(ap, results);
  for (uint32_t i = 0; i < params + results; i++) t.types[i] = (uint8_t)va_arg(ap, int);
  va_end(ap);
  for (uint32_t i = 0; i < func_type_count; i++)
    if (memcmp(&func_types[i], &t, sizeof t) == 0) return i;
  if (func_type_count == MAX_FUNC_TYPES) wasm_rt_trap(WASM_RT_TRAP_CALL_INDIRECT);
  func_types[func_type_count] = t;
  return func_type_count++;
}

void wasm_rt_allocate_memory(wasm_rt_memory_t *mem, uint32_t initial_pages, uint32_t max_pages) {
  uint32_t capacity = CAPMARK_MEM_BYTES / 65536u;
#if CAPMARK_MEM_BYTES < 65536
  /* A sub-page agent (docs/embedding.md): CAPMARK_MEM_BYTES back the one page the module
   * declares. Built with bounds=trap, every access is checked against this real size, so an
   * access beyond it traps; the module knows its size from the build and never grows. */
  capacity = 1;
  if (initial_pages != 1) wasm_rt_trap(WASM_RT_TRAP_OOB);
#endif
  if (memory_taken || initial_pages > capacity) wasm_rt_trap(WASM_RT_TRAP_OOB);
  memory_taken = true;
  memset(linear_memory, 0, sizeof linear_memory);
  mem->data = linear_memory;
  mem->pages = initial_pages;
  mem->max_pages = max_pages < capacity ? max_pages : capacity;
  mem->size = CAPMARK_MEM_BYTES < 65536 ? CAPMARK_MEM_BYTES : initial_pages * 65536u;
}

uint32_t wasm_rt_grow_memory(wasm_rt_memory_t *mem, uint32_t delta) {
  uint32_t old = mem->pages;
  if (delta > mem->max_pages - old) return UINT32_MAX;
  mem->pages = old + delta;
  mem->size = mem->pages * 65536u;
  return old;
}

void wasm_rt_free_memory(wasm_rt_memory_t *mem) { (void)mem; memory_taken = false; }

void wasm_rt_allocate_funcref_table(wasm_rt_funcref_table_t *table, uint32_t elements, uint32_t max) {
  (void)max;
  if (elements > TABLE_POOL - table_used) wasm_rt_trap(WASM_RT_TRAP_OOB);
  table->data = &table_pool[table_used];
  table_used += elements;
  for (uint32_t i = 0; i < elements; i++) table->data[i] = wasm_rt_funcref_null_value;
  table->size = elements;
  table->max_size = elements;
}

void wasm_rt_free_funcref_table(wasm_rt_funcref_table_t *table) { (void)table; table_used = 0; }

uint32_t wasm_rt_grow_funcref_table(wasm_rt_funcref_table_t *t, uint32_t d, wasm_rt_funcref_t init) {
  (void)t; (void)d; (void)init;
  return UINT32_MAX; /* fixed tables: the agent never grows them */
}
