/** One-line JSON logs on stderr; quiet under jest unless LOG_LEVEL asks for them. */
type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function threshold(): number {
  const configured = process.env['LOG_LEVEL'] as Level | undefined;
  if (configured && configured in ORDER) return ORDER[configured];
  return process.env['JEST_WORKER_ID'] ? ORDER.error + 1 : ORDER.info;
}

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

function describe(value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;
}

export function createLogger(service: string): Logger {
  const write = (level: Level, message: string, fields: Record<string, unknown> = {}) => {
    if (ORDER[level] < threshold()) return;
    const entries = Object.entries(fields).map(([key, value]) => [key, describe(value)]);
    process.stderr.write(
      JSON.stringify({ time: new Date().toISOString(), level, service, message, ...Object.fromEntries(entries) }) + '\n',
    );
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}
