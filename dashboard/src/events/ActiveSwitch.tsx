import { UpdateEventDocument } from '@platform/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog } from '../components/confirm';
import { useAuth } from '../session/auth';
import { describeError } from '../session/data';

/** The kill switch: one click, one confirmation, and the event stops (or resumes) granting. */
export function ActiveSwitch({ event }: { event: { id: string; title: string; active: boolean } }) {
  const { client } = useAuth();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const toggle = useMutation({
    mutationFn: () => client.execute(UpdateEventDocument, { id: event.id, input: { active: !event.active } }),
    onSettled: () => queryClient.invalidateQueries(),
  });
  const label = event.active ? 'Deactivate' : 'Activate';
  return (
    <>
      <button type="button" className={event.active ? 'danger' : ''} aria-label={`${label} ${event.title}`} onClick={() => setAsking(true)} disabled={toggle.isPending}>
        {label}
      </button>
      {toggle.isError && (
        <span role="alert" className="error">
          {describeError(toggle.error)}
        </span>
      )}
      <ConfirmDialog
        open={asking}
        title={`${label} “${event.title}”?`}
        confirmLabel={label}
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          toggle.mutate();
        }}
      >
        <p>{event.active ? 'Players can no longer claim its rewards until it is activated again.' : 'Players can claim its rewards again while it runs.'}</p>
      </ConfirmDialog>
    </>
  );
}
