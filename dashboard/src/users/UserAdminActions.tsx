import { BanUserDocument, RevokeSessionsDocument, SetRolesDocument, type Role, type UserSummaryFragment } from '@platform/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { dayStart } from '../claims/claim-filter';
import { ConfirmDialog } from '../components/confirm';
import { useAuth } from '../session/auth';
import { describeError } from '../session/data';
import { ROLES } from '../session/roles';

interface Pending {
  title: string;
  confirmLabel: string;
  detail: string;
  run: () => Promise<unknown>;
}

/** The admin's powers over a person: roles, ban, sessions. Each asks for confirmation first. */
export function UserAdminActions({ user }: { user: UserSummaryFragment }) {
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [banDay, setBanDay] = useState('');
  const [pending, setPending] = useState<Pending | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const action = useMutation({
    mutationFn: (work: Pending) => work.run(),
    onSuccess: (_result, work) => setDone(`${work.confirmLabel}: done.`),
    onSettled: () => queryClient.invalidateQueries(),
  });
  const ask = (work: Pending) => {
    setDone(null);
    setPending(work);
  };
  const toggleRole = (role: Role, on: boolean) => setRoles((current) => (on ? [...current, role] : current.filter((r) => r !== role)));

  return (
    <section aria-labelledby="admin-title" className="admin-actions">
      <h2 id="admin-title">Administration</h2>
      <fieldset>
        <legend>Roles</legend>
        {ROLES.map((role) => (
          <label key={role} className="check">
            <input type="checkbox" checked={roles.includes(role)} onChange={(e) => toggleRole(role, e.target.checked)} />
            {role}
          </label>
        ))}
        <button
          type="button"
          onClick={() =>
            ask({
              title: `Change ${user.username}'s roles?`,
              confirmLabel: 'Save roles',
              detail: `${user.roles.join(', ')} → ${ROLES.filter((r) => roles.includes(r)).join(', ') || 'none'}. Takes effect at their next sign-in or token refresh.`,
              run: () => client.execute(SetRolesDocument, { userId: user.id, roles: ROLES.filter((r) => roles.includes(r)) }),
            })
          }
        >
          Save roles
        </button>
      </fieldset>
      <fieldset>
        <legend>Ban</legend>
        <label>
          Banned until (UTC day)
          <input type="date" value={banDay} onChange={(e) => setBanDay(e.target.value)} />
        </label>
        <button
          type="button"
          className="danger"
          disabled={!banDay}
          onClick={() =>
            ask({
              title: `Ban ${user.username}?`,
              confirmLabel: 'Ban',
              detail: `Until ${banDay} 00:00 UTC. Their sessions end now and they cannot sign in or claim.`,
              run: () => client.execute(BanUserDocument, { userId: user.id, until: dayStart(banDay) }),
            })
          }
        >
          Ban
        </button>
        {user.bannedUntil && (
          <button
            type="button"
            onClick={() =>
              ask({
                title: `Lift ${user.username}'s ban?`,
                confirmLabel: 'Unban',
                detail: 'They can sign in and claim again.',
                run: () => client.execute(BanUserDocument, { userId: user.id, until: null }),
              })
            }
          >
            Unban
          </button>
        )}
      </fieldset>
      <fieldset>
        <legend>Sessions</legend>
        <button
          type="button"
          className="danger"
          onClick={() =>
            ask({
              title: `Sign ${user.username} out everywhere?`,
              confirmLabel: 'Revoke sessions',
              detail: 'Every device of theirs must sign in again.',
              run: () => client.execute(RevokeSessionsDocument, { userId: user.id }),
            })
          }
        >
          Revoke sessions
        </button>
      </fieldset>
      {action.isError && (
        <p role="alert" className="error">
          {describeError(action.error)}
        </p>
      )}
      {done && !action.isError && <p role="status">{done}</p>}
      <ConfirmDialog
        open={pending !== null}
        title={pending?.title ?? ''}
        confirmLabel={pending?.confirmLabel ?? 'Confirm'}
        onCancel={() => setPending(null)}
        onConfirm={() => {
          if (pending) action.mutate(pending);
          setPending(null);
        }}
      >
        <p>{pending?.detail}</p>
      </ConfirmDialog>
    </section>
  );
}
