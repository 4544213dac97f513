// Errors a user can act on: a stable `code` for scripts and tests, a message that says what
// happened and what to do next. The CLI prints only the message for these (no stack trace).

export class CapmarkError extends Error {
  constructor(readonly code: string, message: string, readonly details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'CapmarkError';
  }
}

export const isCapmarkError = (e: unknown): e is CapmarkError => e instanceof CapmarkError;
