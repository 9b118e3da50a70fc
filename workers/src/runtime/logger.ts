/** The engine's log: one JSON object per line, so operators can grep and ship it. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const levels = { error: 0, warn: 1, info: 2 } as const;

export function createLogger(
  options: { level?: 'error' | 'warn' | 'info' | 'silent'; base?: Record<string, unknown> } = {},
): Logger {
  const threshold = options.level === 'silent' ? -1 : levels[options.level ?? 'info'];
  const write = (level: keyof typeof levels, message: string, fields?: Record<string, unknown>) => {
    if (levels[level] > threshold) return;
    const line = JSON.stringify({ at: new Date().toISOString(), level, message, ...options.base, ...fields });
    (level === 'info' ? process.stdout : process.stderr).write(`${line}\n`);
  };
  return {
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}
