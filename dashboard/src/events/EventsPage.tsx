import { OperatorEventsDocument, type EventFilter, type EventStatus } from '@platform/client';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { dayStart } from '../claims/claim-filter';
import { Pager } from '../components/Pager';
import { useCursorPages } from '../components/paging';
import { Empty, ErrorMessage, formatDateTime, Loading, StatusChip } from '../components/states';
import { useAuth } from '../session/auth';
import { useGraphQL } from '../session/data';
import { ActiveSwitch } from './ActiveSwitch';

const PAGE_SIZE = 20;
const STATUSES: EventStatus[] = ['RUNNING', 'SCHEDULED', 'ENDED', 'INACTIVE'];

export function EventsPage() {
  const { screens } = useAuth();
  const [status, setStatus] = useState('');
  const [visibility, setVisibility] = useState('');
  const [startsAfter, setStartsAfter] = useState('');
  const [startsBefore, setStartsBefore] = useState('');
  const pages = useCursorPages();
  const filter: EventFilter = {
    ...(status ? { status: status as EventStatus } : {}),
    ...(visibility ? { isPublic: visibility === 'public' } : {}),
    ...(startsAfter ? { startsAfter: dayStart(startsAfter) } : {}),
    ...(startsBefore ? { startsBefore: dayStart(startsBefore) } : {}),
  };
  const query = useGraphQL(OperatorEventsDocument, { filter, first: PAGE_SIZE, after: pages.after });
  const changeFilter = (set: (value: string) => void) => (value: string) => {
    set(value);
    pages.reset();
  };

  return (
    <section aria-labelledby="events-title">
      <div className="title-row">
        <h1 id="events-title">Events</h1>
        {screens.manageEvents && (
          <Link className="button primary" to="/events/new">
            New event
          </Link>
        )}
      </div>
      <form className="filters" aria-label="Event filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Status
          <select value={status} onChange={(e) => changeFilter(setStatus)(e.target.value)}>
            <option value="">Any status</option>
            {STATUSES.map((value) => (
              <option key={value} value={value}>
                {value[0] + value.slice(1).toLowerCase()}
              </option>
            ))}
          </select>
        </label>
        <label>
          Visibility
          <select value={visibility} onChange={(e) => changeFilter(setVisibility)(e.target.value)}>
            <option value="">Public and private</option>
            <option value="public">Public</option>
            <option value="private">Private</option>
          </select>
        </label>
        <label>
          Starts on or after
          <input type="date" value={startsAfter} onChange={(e) => changeFilter(setStartsAfter)(e.target.value)} />
        </label>
        <label>
          Starts before
          <input type="date" value={startsBefore} onChange={(e) => changeFilter(setStartsBefore)(e.target.value)} />
        </label>
      </form>
      {query.isPending && <Loading what="events" />}
      {query.isError && <ErrorMessage error={query.error} retry={() => void query.refetch()} />}
      {query.data && query.data.events.edges.length === 0 && (
        <Empty>No events match these filters.{screens.manageEvents ? ' Create one with “New event”.' : ''}</Empty>
      )}
      {query.data && query.data.events.edges.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Status</th>
              <th scope="col">Visibility</th>
              <th scope="col">Starts</th>
              <th scope="col">Ends</th>
              <th scope="col">Stock left</th>
              {screens.manageEvents && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {query.data.events.edges.map(({ node }) => (
              <tr key={node.id}>
                <td>
                  <Link to={`/events/${node.id}`}>{node.title}</Link>
                </td>
                <td>
                  <StatusChip status={node.status} />
                </td>
                <td>{node.isPublic ? 'Public' : 'Private'}</td>
                <td>{formatDateTime(node.startsAt)}</td>
                <td>{formatDateTime(node.endsAt)}</td>
                <td>{node.claimsRemaining ?? 'unlimited'}</td>
                {screens.manageEvents && (
                  <td className="actions">
                    <Link to={`/events/${node.id}/edit`} aria-label={`Edit ${node.title}`}>
                      Edit
                    </Link>
                    <Link to={`/events/${node.id}/duplicate`} aria-label={`Duplicate ${node.title}`}>
                      Duplicate
                    </Link>
                    <ActiveSwitch event={node} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {query.data && (
        <Pager page={pages.page} hasNext={query.data.events.pageInfo.hasNextPage} onPrevious={pages.previous} onNext={() => pages.next(query.data.events.pageInfo.endCursor)} />
      )}
    </section>
  );
}
