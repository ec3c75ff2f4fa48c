import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { PageInfo } from '@platform/shared';
import type { UsersContext } from '../context';
import { AuditEntry, AuditEntryConnection, AuditFilter, AuditIntegrity } from '../schema/audit';
import { User } from '../schema/user';
import type { AuditEntryRecord } from '../store/audit';

const toAuditEntry = (entry: AuditEntryRecord): AuditEntry => ({
  id: entry.id,
  at: entry.at,
  action: entry.action,
  targetType: entry.targetType,
  targetId: entry.targetId,
  summary: entry.summary,
  requestId: entry.requestId,
  hash: entry.hash,
  actorId: entry.actorId,
});

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
    const edges = page.items.map((entry) => ({ cursor: page.cursorOf(entry), node: toAuditEntry(entry) }));
    const pageInfo: PageInfo = { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null };
    return { edges, pageInfo, totalCount: page.totalCount };
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
