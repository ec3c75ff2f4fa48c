import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { toConnection } from '@platform/shared';
import type { UsersContext } from '../context';
import { AuditEntry, AuditEntryConnection, AuditFilter, AuditIntegrity } from '../schema/audit';
import { User } from '../schema/user';

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Query(() => AuditEntryConnection, { description: 'AUDITOR, ADMIN. Staff actions of both subgraphs, newest first.' })
  async auditLog(
    @Arg('filter', () => AuditFilter, { nullable: true }) filter: AuditFilter | null | undefined,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number | null | undefined,
    @Arg('after', () => String, { nullable: true }) after: string | null | undefined,
    @Ctx() context: UsersContext,
  ): Promise<AuditEntryConnection> {
    const page = await context.services.audit.list(filter, first, after);
    return { ...toConnection(page), totalCount: page.totalCount };
  }

  @Query(() => AuditIntegrity, { description: 'AUDITOR, ADMIN. Recomputes the whole hash chain.' })
  auditLogIntegrity(@Ctx() context: UsersContext): Promise<AuditIntegrity> {
    return context.services.audit.integrity();
  }

  @FieldResolver(() => User, { description: 'The staff member who acted.' })
  async actor(@Root() entry: AuditEntry, @Ctx() context: UsersContext) {
    return context.userById.load(entry.actorId);
  }
}
