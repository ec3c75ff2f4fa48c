import { AccessTokenSigner, newId, Role, type Clock } from '@platform/shared';
import { testKeys } from './keys';

const signer = () =>
  new AccessTokenSigner(testKeys().privateKey, { issuer: 'reward-platform/users', audience: 'reward-platform', algorithm: 'ES256' }, 15 * 60);

export interface TestCaller {
  id: string;
  roles: Role[];
  token: string;
}

/** An access token as the users subgraph would sign it, for subgraph-level tests. */
export function callerWith(roles: Role[], id = newId(), clock?: Clock): TestCaller {
  const { token } = signer().sign({ sub: id, roles, sid: newId() }, clock?.now() ?? new Date());
  return { id, roles, token };
}

export const player = (id?: string) => callerWith([Role.USER], id);
export const operator = () => callerWith([Role.OPERATOR]);
export const auditor = () => callerWith([Role.AUDITOR]);
export const admin = () => callerWith([Role.ADMIN]);
