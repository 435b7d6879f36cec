/**
 * @module A small structured logger: one JSON line per event on stderr, so operators can grep and ship
 * it. Never log tokens, tickets or session ids.
 */

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}

export function jsonLogger(level: 'info' | 'warn' | 'error' | 'silent' = 'info'): Logger {
  const order = { info: 0, warn: 1, error: 2, silent: 3 }
  const write = (at: 'info' | 'warn' | 'error') => (message: string, fields?: Record<string, unknown>) => {
    if (order[at] < order[level]) return
    process.stderr.write(
      `${JSON.stringify({ time: new Date().toISOString(), level: at, message, ...fields })}\n`,
    )
  }
  return { info: write('info'), warn: write('warn'), error: write('error') }
}
