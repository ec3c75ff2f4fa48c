import { FindUsersDocument, type Role, type UserFilter } from '@platform/client';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Pager } from '../components/Pager';
import { useCursorPages } from '../components/paging';
import { Empty, ErrorMessage, formatDateTime, Loading } from '../components/states';
import { useGraphQL } from '../session/data';
import { ROLES } from '../session/roles';

export function UsersPage() {
  const [prefix, setPrefix] = useState('');
  const [role, setRole] = useState('');
  const pages = useCursorPages();
  const trimmed = prefix.trim().slice(0, 32);
  const filter: UserFilter = { ...(trimmed ? { usernamePrefix: trimmed } : {}), ...(role ? { role: role as Role } : {}) };
  const query = useGraphQL(FindUsersDocument, { filter, first: 25, after: pages.after });
  return (
    <section aria-labelledby="users-title">
      <h1 id="users-title">Users</h1>
      <form className="filters" role="search" aria-label="Find users" onSubmit={(e) => e.preventDefault()}>
        <label>
          Username starts with
          <input
            type="search"
            value={prefix}
            maxLength={32}
            onChange={(e) => {
              setPrefix(e.target.value);
              pages.reset();
            }}
          />
        </label>
        <label>
          Role
          <select
            value={role}
            onChange={(e) => {
              setRole(e.target.value);
              pages.reset();
            }}
          >
            <option value="">Any role</option>
            {ROLES.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </label>
      </form>
      {query.isPending && <Loading what="users" />}
      {query.isError && <ErrorMessage error={query.error} retry={() => void query.refetch()} />}
      {query.data && query.data.users.edges.length === 0 && <Empty>No users match.</Empty>}
      {query.data && query.data.users.edges.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Roles</th>
              <th scope="col">Joined</th>
              <th scope="col">Banned until</th>
            </tr>
          </thead>
          <tbody>
            {query.data.users.edges.map(({ node }) => (
              <tr key={node.id}>
                <td>
                  <Link to={`/users/${node.id}`}>{node.username}</Link>
                </td>
                <td>{node.roles.join(', ')}</td>
                <td>{formatDateTime(node.createdAt)}</td>
                <td>{node.bannedUntil ? formatDateTime(node.bannedUntil) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {query.data && (
        <Pager page={pages.page} hasNext={query.data.users.pageInfo.hasNextPage} onPrevious={pages.previous} onNext={() => pages.next(query.data.users.pageInfo.endCursor)} />
      )}
    </section>
  );
}
