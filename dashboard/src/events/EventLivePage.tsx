import { EventLiveDocument, formatChallenge, formatReward, type StatsBucket } from '@platform/client';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ErrorMessage, formatDateTime, Loading, StatusChip } from '../components/states';
import { TimelineChart } from '../components/TimelineChart';
import { useAuth } from '../session/auth';
import { useGraphQL } from '../session/data';
import { ActiveSwitch } from './ActiveSwitch';

/** How often the figures refresh while the event runs. */
export const LIVE_REFRESH_MS = 3_000;

function Figure({ label, value, tone }: { label: string; value: number | string; tone?: string }) {
  return (
    <div className={`figure ${tone ?? ''}`}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

export function EventLivePage() {
  const { id = '' } = useParams();
  const { screens } = useAuth();
  const [bucket, setBucket] = useState<StatsBucket>('HOUR');
  const query = useGraphQL(
    EventLiveDocument,
    { id, bucket },
    { refetchInterval: (current) => (current.state.data?.event?.status === 'RUNNING' ? LIVE_REFRESH_MS : false), staleTime: 0 },
  );
  if (query.isPending) return <Loading what="the event" />;
  if (query.isError) return <ErrorMessage error={query.error} retry={() => void query.refetch()} />;
  const event = query.data.event;
  if (!event) return <p className="state">There is no such event (or it is not visible to you).</p>;
  const stats = event.stats;
  return (
    <section aria-labelledby="live-title">
      <div className="title-row">
        <h1 id="live-title">{event.title}</h1>
        <StatusChip status={event.status} />
        {screens.manageEvents && (
          <span className="actions">
            <Link to={`/events/${event.id}/edit`}>Edit</Link>
            <Link to={`/events/${event.id}/duplicate`}>Duplicate</Link>
            <ActiveSwitch event={event} />
          </span>
        )}
      </div>
      <p className="meta">
        {formatDateTime(event.startsAt)} → {formatDateTime(event.endsAt)} · {event.isPublic ? 'public' : 'private'} · created by{' '}
        {event.createdBy?.username ?? '—'}
        {event.status === 'RUNNING' && <span className="live"> · live, refreshing every {LIVE_REFRESH_MS / 1000} s</span>}
      </p>
      <p className="meta">
        Challenges: {event.challenges.length ? event.challenges.map(formatChallenge).join('; ') : 'none (open to all)'} · Rewards:{' '}
        {event.rewards.map(formatReward).join('; ')}
      </p>
      {!stats ? (
        <p className="state">Figures are for staff only.</p>
      ) : (
        <>
          <dl className="figures" aria-label="Live figures">
            <Figure label="Granted" value={stats.granted} tone="good" />
            <Figure label="Rejected" value={stats.rejected} tone="bad" />
            <Figure label="Remaining stock" value={event.claimsRemaining ?? 'unlimited'} />
            <Figure label="Distinct players" value={stats.distinctPlayers} />
            <Figure label="Delivered" value={stats.deliveredCount} />
            <Figure label="Deliveries pending" value={stats.pendingDeliveryCount} tone={stats.pendingDeliveryCount ? 'warn' : ''} />
            <Figure label="Deliveries failed" value={stats.failedDeliveryCount} tone={stats.failedDeliveryCount ? 'bad' : ''} />
          </dl>
          <h2>Rejected by reason</h2>
          {stats.rejectedByReason.length === 0 ? (
            <p className="state empty">No rejected claims.</p>
          ) : (
            <table aria-label="Rejected by reason">
              <thead>
                <tr>
                  <th scope="col">Reason</th>
                  <th scope="col">Claims</th>
                </tr>
              </thead>
              <tbody>
                {stats.rejectedByReason.map((row) => (
                  <tr key={row.reason}>
                    <td>{row.reason}</td>
                    <td>{row.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="title-row">
            <h2>Claims over time</h2>
            <label>
              Bucket
              <select value={bucket} onChange={(e) => setBucket(e.target.value as StatsBucket)}>
                <option value="HOUR">Hourly</option>
                <option value="DAY">Daily</option>
              </select>
            </label>
            <Link to={`/claims?event=${event.id}`}>See these claims</Link>
          </div>
          {stats.timeline.length === 0 ? (
            <p className="state empty">No claims yet.</p>
          ) : (
            <>
              <TimelineChart key={bucket} points={stats.timeline} bucketSeconds={bucket === 'HOUR' ? 3600 : 86400} label={`Claims per ${bucket === 'HOUR' ? 'hour' : 'day'}: granted and rejected`} />
              <details>
                <summary>Claims over time as a table</summary>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">From</th>
                      <th scope="col">Granted</th>
                      <th scope="col">Rejected</th>
                    </tr>
                  </thead>
                  <tbody>
                    {stats.timeline.map((point) => (
                      <tr key={point.at}>
                        <td>{formatDateTime(point.at)}</td>
                        <td>{point.granted}</td>
                        <td>{point.rejected}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            </>
          )}
        </>
      )}
    </section>
  );
}
