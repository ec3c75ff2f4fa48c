import type { IMiddlewareGenerator } from 'graphql-middleware';
import { rule, shield } from 'graphql-shield';
import type { IRule, IRules } from 'graphql-shield';
import type { AuthContext } from './auth-context';
import { forbidden, unauthenticated } from './errors';
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
    fallbackRule: rule('denyByDefault', { cache: 'no_cache' })(() => forbidden()),
    // Resolver errors keep their own code instead of becoming "Not Authorised!".
    allowExternalErrors: true,
    fallbackError: forbidden(),
  });
}
