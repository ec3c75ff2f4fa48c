import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '@platform/shared';
import { usersPermissions } from './permissions';
import { AdminResolver } from './resolvers/admin.resolver';
import { AuditResolver } from './resolvers/audit.resolver';
import { AuthResolver } from './resolvers/auth.resolver';
import { HoldingsLedgerEntryResolver, UserLedgerResolver } from './resolvers/holdings-ledger.resolver';
import { TimeResolver } from './resolvers/time.resolver';
import { userReference } from './resolvers/user.reference';
import { UserResolver } from './resolvers/user.resolver';

let built: Promise<GraphQLSchema> | undefined;

/** The users subgraph schema; built once per process (type-graphql metadata is global). */
export function buildUsersSchema(): Promise<GraphQLSchema> {
  built ??= buildFederatedSchema({
    resolvers: [UserResolver, AuthResolver, AdminResolver, TimeResolver, UserLedgerResolver, HoldingsLedgerEntryResolver, AuditResolver],
    referenceResolvers: userReference,
    permissions: usersPermissions,
  });
  return built;
}
