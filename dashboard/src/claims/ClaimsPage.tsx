import { AuditRewardClaimsDocument, formatReward, type ClaimRejectionReason } from '@platform/client';
import { Fragment, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Pager } from '../components/Pager';
import { useCursorPages } from '../components/paging';
import { Empty, ErrorMessage, formatDateTime, Loading, StatusChip } from '../components/states';
import { useAuth } from '../session/auth';
import { describeError, useGraphQL } from '../session/data';
import { claimFilterOf } from './claim-filter';
import { downloadText, exportClaimsCsv } from './export';

const PAGE_SIZE = 25;
const REASONS: ClaimRejectionReason[] = [
  'ALREADY_CLAIMED',
  'CHALLENGE_NOT_MET',
  'SOLD_OUT',
  'USER_BANNED',
  'EVENT_INACTIVE',
  'EVENT_NOT_STARTED',
  'EVENT_ENDED',
  'EVENT_NOT_FOUND',
];

const FIELDS = ['event', 'user', 'status', 'reason', 'from', 'to'] as const;

export function ClaimsPage() {
  const { client } = useAuth();
  const [params, setParams] = useSearchParams();
  const fields = Object.fromEntries(FIELDS.map((name) => [name, params.get(name) ?? '']));
  const filter = claimFilterOf(fields);
  const pages = useCursorPages();
  const [open, setOpen] = useState<string | null>(null);
  const [exporting, setExporting] = useState<string | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const query = useGraphQL(AuditRewardClaimsDocument, { filter, first: PAGE_SIZE, after: pages.after });

  const setField = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
    pages.reset();
  };

  const exportCsv = async () => {
    setExportError(null);
    setExporting('Exporting…');
    try {
      const csv = await exportClaimsCsv(client, filter, (rows) => setExporting(`Exporting… ${rows} claims`));
      downloadText(csv, 'claims.csv');
    } catch (error) {
      setExportError(describeError(error));
    } finally {
      setExporting(null);
    }
  };

  return (
    <section aria-labelledby="claims-title">
      <div className="title-row">
        <h1 id="claims-title">Claims</h1>
        <button type="button" onClick={() => void exportCsv()} disabled={exporting !== null}>
          Export CSV
        </button>
        {exporting && <span role="status">{exporting}</span>}
        {exportError && (
          <span role="alert" className="error">
            {exportError}
          </span>
        )}
      </div>
      <form className="filters" aria-label="Claim filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Event id
          <input value={fields['event']} onChange={(e) => setField('event', e.target.value)} />
        </label>
        <label>
          User id
          <input value={fields['user']} onChange={(e) => setField('user', e.target.value)} />
        </label>
        <label>
          Status
          <select value={fields['status']} onChange={(e) => setField('status', e.target.value)}>
            <option value="">Any status</option>
            <option value="GRANTED">Granted</option>
            <option value="REJECTED">Rejected</option>
            <option value="REVOKED">Revoked</option>
          </select>
        </label>
        <label>
          Reason
          <select value={fields['reason']} onChange={(e) => setField('reason', e.target.value)}>
            <option value="">Any reason</option>
            {REASONS.map((reason) => (
              <option key={reason} value={reason}>
                {reason}
              </option>
            ))}
          </select>
        </label>
        <label>
          From (UTC day)
          <input type="date" value={fields['from']} onChange={(e) => setField('from', e.target.value)} />
        </label>
        <label>
          To (UTC day)
          <input type="date" value={fields['to']} onChange={(e) => setField('to', e.target.value)} />
        </label>
      </form>
      {query.isPending && <Loading what="claims" />}
      {query.isError && <ErrorMessage error={query.error} retry={() => void query.refetch()} />}
      {query.data && (
        <p className="meta" role="status">
          {query.data.rewardClaims.totalCount === 1 ? '1 claim matches.' : `${query.data.rewardClaims.totalCount} claims match.`}
        </p>
      )}
      {query.data && query.data.rewardClaims.edges.length === 0 && <Empty>No claims match these filters.</Empty>}
      {query.data && query.data.rewardClaims.edges.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Event</th>
              <th scope="col">Player</th>
              <th scope="col">Status</th>
              <th scope="col">Reason</th>
              <th scope="col">Delivery</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {query.data.rewardClaims.edges.map(({ node }) => (
              <Fragment key={node.id}>
                <tr>
                  <td>{formatDateTime(node.createdAt)}</td>
                  <td>
                    <Link to={`/events/${node.event.id}`}>{node.event.title}</Link>
                  </td>
                  <td>
                    <Link to={`/users/${node.user.id}`}>{node.user.username}</Link>
                  </td>
                  <td>
                    <StatusChip status={node.status} />
                  </td>
                  <td>{node.rejectionReason ?? ''}</td>
                  <td>
                    <StatusChip status={node.delivery} />
                  </td>
                  <td>
                    <button type="button" aria-expanded={open === node.id} aria-label={`Details of claim ${node.id}`} onClick={() => setOpen(open === node.id ? null : node.id)}>
                      {open === node.id ? 'Hide' : 'Details'}
                    </button>
                  </td>
                </tr>
                {open === node.id && (
                  <tr className="details">
                    <td colSpan={7}>
                      <dl>
                        <dt>Claim id</dt>
                        <dd>{node.id}</dd>
                        <dt>Rewards</dt>
                        <dd>{node.rewards.length ? node.rewards.map(formatReward).join('; ') : 'none (rejected)'}</dd>
                        <dt>Delivery</dt>
                        <dd>{node.delivery ?? '—'}</dd>
                        <dt>Idempotency key</dt>
                        <dd>{node.idempotencyKey ?? '—'}</dd>
                        <dt>User id</dt>
                        <dd>{node.user.id}</dd>
                        <dt>Event id</dt>
                        <dd>{node.event.id}</dd>
                      </dl>
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
      {query.data && (
        <Pager
          page={pages.page}
          hasNext={query.data.rewardClaims.pageInfo.hasNextPage}
          onPrevious={pages.previous}
          onNext={() => pages.next(query.data.rewardClaims.pageInfo.endCursor)}
        />
      )}
    </section>
  );
}
