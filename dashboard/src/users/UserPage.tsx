import { formatReward, OperatorUserDocument } from '@platform/client';
import { Link, useParams } from 'react-router-dom';
import { Empty, ErrorMessage, formatDateTime, Loading, StatusChip } from '../components/states';
import { useAuth } from '../session/auth';
import { useGraphQL } from '../session/data';
import { AdjustHoldingsForm } from './AdjustHoldingsForm';
import { UserAdminActions } from './UserAdminActions';

export function UserPage() {
  const { id = '' } = useParams();
  const { screens } = useAuth();
  const query = useGraphQL(OperatorUserDocument, { id, claimsFirst: 20 });
  if (query.isPending) return <Loading what="the user" />;
  if (query.isError) return <ErrorMessage error={query.error} retry={() => void query.refetch()} />;
  const user = query.data.user;
  if (!user) return <p className="state">There is no such user.</p>;
  const { profile } = user;
  const stats = profile.loginStats;
  return (
    <section aria-labelledby="user-title">
      <h1 id="user-title">{user.username}</h1>
      <p className="meta">
        Roles: {user.roles.join(', ')} · joined {formatDateTime(user.createdAt)} ·{' '}
        {user.bannedUntil ? <strong>banned until {formatDateTime(user.bannedUntil)}</strong> : 'not banned'}
      </p>
      <div className="columns">
        <section aria-labelledby="holdings-title">
          <h2 id="holdings-title">Holdings</h2>
          <dl className="figures">
            <div className="figure">
              <dt>Cash</dt>
              <dd>{profile.cash}</dd>
            </div>
            <div className="figure">
              <dt>Coins</dt>
              <dd>{profile.coins}</dd>
            </div>
          </dl>
          <p>Items: {profile.inventory.length ? profile.inventory.map((item) => `${item.itemId} × ${item.quantity}`).join(', ') : 'none'}</p>
          <p>Coupons: {profile.coupons.length ? profile.coupons.map((coupon) => `${coupon.couponId} × ${coupon.quantity}`).join(', ') : 'none'}</p>
          {screens.adjustHoldings && <AdjustHoldingsForm userId={user.id} />}
        </section>
        <section aria-labelledby="logins-title">
          <h2 id="logins-title">Logins</h2>
          <dl className="facts">
            <dt>Total logins</dt>
            <dd>{stats.totalLogins}</dd>
            <dt>Login days</dt>
            <dd>{stats.loginDays}</dd>
            <dt>Current streak</dt>
            <dd>{stats.currentStreak}</dd>
            <dt>Last login</dt>
            <dd>{formatDateTime(stats.lastLoginAt)}</dd>
            <dt>Days away before it</dt>
            <dd>{stats.daysAwayBeforeLastLogin}</dd>
          </dl>
        </section>
      </div>
      {screens.administerUsers && <UserAdminActions user={user} />}
      <section aria-labelledby="user-claims-title">
        <h2 id="user-claims-title">Claims ({user.rewardClaims.totalCount})</h2>
        {user.rewardClaims.edges.length === 0 ? (
          <Empty>No claims yet.</Empty>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Rewards</th>
                <th scope="col">Delivery</th>
              </tr>
            </thead>
            <tbody>
              {user.rewardClaims.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>{formatDateTime(node.createdAt)}</td>
                  <td>
                    <Link to={`/events/${node.event.id}`}>{node.event.title}</Link>
                  </td>
                  <td>
                    <StatusChip status={node.status} /> {node.rejectionReason ?? ''}
                  </td>
                  <td>{node.rewards.map(formatReward).join('; ')}</td>
                  <td>
                    <StatusChip status={node.delivery} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {screens.auditClaims && user.rewardClaims.totalCount > user.rewardClaims.edges.length && <Link to={`/claims?user=${user.id}`}>All of their claims</Link>}
      </section>
    </section>
  );
}
