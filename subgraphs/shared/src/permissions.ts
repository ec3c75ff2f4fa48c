import type { IMiddlewareGenerator } from 'graphql-middleware';
import { rule, shield } from 'graphql-shield';
import type { IRule, IRules } from 'graphql-shield';
import type { AuthContext, Caller } from './auth-context';
import { DomainError, forbidden, unauthenticated } from './errors';
import type { Role } from './roles';

export interface AuthenticatedContext {
  auth: AuthContext;
}

/**
 * Role checks depend only on the caller, so their result may be cached for the request
 * ('contextual'). Ownership checks must not use that cache (graphql-shield #349).
 */
export const isSignedIn: IRule = rule('isSignedIn', { cache: 'contextual' })(
  (_parent, _args, context: AuthenticatedContext) =>
    context.auth.caller ? true : (context.auth.tokenError ?? unauthenticated()),
);

const roleRules = new Map<string, IRule>();

/** One rule per role set, built once: shield refuses two rules with the same name. */
export function anyRole(...roles: Role[]): IRule {
  const name = `anyRole:${[...roles].sort().join(',')}`;
  let built = roleRules.get(name);
  if (!built) {
    built = rule(name, { cache: 'contextual' })((_parent, _args, context: AuthenticatedContext) => {
      const caller = context.auth.caller;
      if (!caller) return context.auth.tokenError ?? unauthenticated();
      return caller.roles.some((role) => roles.includes(role))
        ? true
        : forbidden(`This needs one of the roles ${roles.join(', ')}.`);
    });
    roleRules.set(name, built);
  }
  return built;
}

/**
 * Deny by default: every field not named in the rule tree is refused, so a new field is
 * closed until somebody decides who may see it.
 */
export function buildPermissions(rules: IRules): IMiddlewareGenerator<unknown, unknown, unknown> {
  return shield(rules, {
    fallbackRule: rule('denyByDefault', { cache: 'contextual' })((_parent, _args, context: AuthenticatedContext) =>
      context.auth.caller ? forbidden() : (context.auth.tokenError ?? unauthenticated()),
    ),
    // Resolver errors keep their own code instead of becoming "Not Authorised!".
    allowExternalErrors: true,
    fallbackError: forbidden(),
  });
}

/** The caller's account as it is now, not as their access token remembers it. */
export interface CurrentAccount {
  roles: readonly Role[];
  bannedUntil: Date | null;
}

/**
 * Rules for operations that must not outlive a demotion, ban or revoked session: the
 * token's roles are checked first (cheap), then `lookup` reads the account as it is now.
 * `lookup` returns null when the account or session no longer exists. One factory per
 * subgraph (its own lookup), each rule built once per role set.
 */
export function currentRoleRules<TContext extends AuthenticatedContext>(
  subgraph: string,
  lookup: (caller: Caller, context: TContext) => Promise<CurrentAccount | null>,
  now: (context: TContext) => Date,
): (...roles: Role[]) => IRule {
  const built = new Map<string, IRule>();
  return (...roles) => {
    const name = `${subgraph}:currentRole:${[...roles].sort().join(',')}`;
    let existing = built.get(name);
    if (!existing) {
      existing = rule(name, { cache: 'contextual' })(async (_parent, _args, context: TContext): Promise<true | DomainError> => {
        const caller = context.auth.caller;
        if (!caller) return context.auth.tokenError ?? unauthenticated();
        if (!caller.roles.some((role) => roles.includes(role))) return forbidden(`This needs one of the roles ${roles.join(', ')}.`);
        let account: CurrentAccount | null;
        try {
          account = await lookup(caller, context);
        } catch (error) {
          // shield turns a thrown error into its fallback (FORBIDDEN); keep a coded one as it is.
          if (error instanceof DomainError) return error;
          throw error;
        }
        if (!account) return unauthenticated('Your session has ended: log in again.');
        if (account.bannedUntil && account.bannedUntil > now(context)) return forbidden(`This account is banned until ${account.bannedUntil.toISOString()}.`);
        if (!account.roles.some((role) => roles.includes(role))) {
          return forbidden(`Your roles have changed: this needs one of ${roles.join(', ')}.`);
        }
        return true;
      });
      built.set(name, existing);
    }
    return existing;
  };
}
