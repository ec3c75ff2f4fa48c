import pino, { type DestinationStream, type Level as PinoLevel } from 'pino';
import { currentRequestId } from './request-scope';

/** JSON lines on stderr through pino; quiet under jest unless LOG_LEVEL asks for them. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A logger whose lines also carry `bindings`. */
  child(bindings: Record<string, unknown>): Logger;
}

export interface LoggerOptions {
  /** Default: LOG_LEVEL, else `info` (silent under jest). */
  level?: LogLevel | 'silent';
  /** Default: process.stderr. */
  destination?: DestinationStream;
}

function defaultLevel(): LogLevel | 'silent' {
  const configured = process.env['LOG_LEVEL'];
  if (configured && isLogLevel(configured)) return configured;
  return process.env['JEST_WORKER_ID'] ? 'silent' : 'info';
}

function wrap(log: pino.Logger): Logger {
  const at = (level: PinoLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (fields) log[level](fields, message);
    else log[level](message);
  };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (bindings) => wrap(log.child(bindings)),
  };
}

/**
 * One pino logger per service. Every line written while a request is served carries its
 * `requestId` (see request-scope.ts), whichever logger wrote it, so a request can be
 * followed from the gateway through the subgraphs and their internal calls.
 */
export function createLogger(service: string, options: LoggerOptions = {}): Logger {
  const log = pino(
    {
      level: options.level ?? defaultLevel(),
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Errors are passed as `{ error }` throughout the code base.
      serializers: { error: pino.stdSerializers.err },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
    },
    options.destination ?? process.stderr,
  );
  return wrap(log);
}
