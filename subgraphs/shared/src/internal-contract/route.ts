import type { z } from 'zod';

/**
 * One service-to-service route of users, as both sides see it: users parses the request
 * with `request`, events parses the answer with `response`. Neither side writes the shape
 * by hand, so a change to it is a compile error (or a test failure) on both.
 */
export interface InternalRoute<Request extends z.ZodType = z.ZodType, Response extends z.ZodType = z.ZodType> {
  readonly path: `/internal/${string}`;
  readonly request: Request;
  /** The body of a successful (2xx) answer; error answers are `{ error: string }`. */
  readonly response: Response;
}

export const internalRoute = <Request extends z.ZodType, Response extends z.ZodType>(route: InternalRoute<Request, Response>) => route;

/** What the caller sends (before users' parsing: e.g. `at` as an ISO string). */
export type InternalRequest<R extends InternalRoute> = z.input<R['request']>;
/** What users' handler receives once the request parsed. */
export type ParsedInternalRequest<R extends InternalRoute> = z.output<R['request']>;
/** What users answers on success (wire form). */
export type InternalAnswer<R extends InternalRoute> = z.input<R['response']>;
/** What the caller reads from a successful answer once it parsed. */
export type ParsedInternalAnswer<R extends InternalRoute> = z.output<R['response']>;

const MAX_LISTED_ISSUES = 5;

/** The zod issues as one short line a log or an operator can act on: `path: message; …`. */
export function summariseIssues(error: z.ZodError): string {
  const listed = error.issues.slice(0, MAX_LISTED_ISSUES).map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(body)'}: ${issue.message}`);
  const more = error.issues.length - listed.length;
  return more > 0 ? `${listed.join('; ')}; and ${more} more` : listed.join('; ');
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

function parseWith<S extends z.ZodType>(schema: S, body: unknown, what: string): Parsed<z.output<S>> {
  const result = schema.safeParse(body);
  return result.success ? { ok: true, value: result.data } : { ok: false, problem: `${what}: ${summariseIssues(result.error)}` };
}

/** users' side: a malformed request is a 400 with this problem as its error. */
export const parseInternalRequest = <R extends InternalRoute>(route: R, body: unknown): Parsed<ParsedInternalRequest<R>> =>
  parseWith<R['request']>(route.request, body, `malformed request to ${route.path}`);

/** The caller's side: an answer that does not match means users is incompatible (never trusted, never a crash). */
export const parseInternalAnswer = <R extends InternalRoute>(route: R, body: unknown): Parsed<ParsedInternalAnswer<R>> =>
  parseWith<R['response']>(route.response, body, `incompatible answer from ${route.path}`);
