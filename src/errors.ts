/**
 * A mistake the user can fix (bad flag, missing .edgerc, unreachable API...). The CLI prints its
 * one-line message and exits 2, never a stack trace; anything else is a bug and keeps its stack.
 */
export class UserError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
    this.name = 'UserError';
  }
}
