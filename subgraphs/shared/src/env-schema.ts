import { z } from 'zod';

/**
 * zod schemas for one environment variable each. A bad value adds an issue and still yields
 * the fallback, so the whole environment is always checked and every problem is reported at
 * once, cross-variable rules included. Issue messages omit the variable's name: the issue's
 * path carries it, and `envProblems` puts it in front.
 */

/** An integer from min to max; unset or empty means the fallback. */
export const intVar = (fallback: number, min: number, max: number) =>
  z.string().optional().transform((raw, ctx) => {
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (Number.isInteger(value) && value >= min && value <= max) return value;
    ctx.addIssue({ code: 'custom', message: `must be an integer from ${min} to ${max}, got "${raw}"` });
    return fallback;
  });

/** Like intVar, but unset stays undefined (the default depends on another variable). */
export const optionalIntVar = (min: number, max: number) =>
  z.string().optional().transform((raw, ctx) => {
    if (raw === undefined || raw === '') return undefined;
    const value = Number(raw);
    if (Number.isInteger(value) && value >= min && value <= max) return value;
    ctx.addIssue({ code: 'custom', message: `must be an integer from ${min} to ${max}, got "${raw}"` });
    return undefined;
  });

/** Free text; unset means the fallback (an empty value is kept, as `??` would). */
export const textVar = (fallback: string) => z.string().optional().transform((raw) => raw ?? fallback);

/** Free text where unset or empty both mean "not given". */
export const optionalTextVar = () => z.string().optional().transform((raw) => raw || null);

/** A PEM that may come with `\n` escapes (single-line env files); unset or empty means none. */
export const pemVar = () => z.string().optional().transform((raw) => (raw ? raw.replace(/\\n/g, '\n') : null));

/** One of a few words; unset means the fallback. */
export const oneOfVar = <const T extends string>(values: readonly T[], fallback: T, message: (raw: string) => string) =>
  z.string().optional().transform((raw, ctx) => {
    const value = raw ?? fallback;
    if ((values as readonly string[]).includes(value)) return value as T;
    ctx.addIssue({ code: 'custom', message: message(value) });
    return fallback;
  });

/** Every problem, one line each, starting with the variable's name where there is one. */
export function envProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')} ${issue.message}` : issue.message));
}
