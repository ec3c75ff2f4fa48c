import type { ReactNode } from 'react';
import { describeError } from '../session/data';

export function Loading({ what }: { what: string }) {
  return (
    <p className="state" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function ErrorMessage({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <div className="state error" role="alert">
      <p>{describeError(error)}</p>
      {retry && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state empty">{children}</p>;
}

const STATUS_LABELS: Record<string, string> = {
  RUNNING: 'Running',
  SCHEDULED: 'Scheduled',
  ENDED: 'Ended',
  INACTIVE: 'Inactive',
  GRANTED: 'Granted',
  REJECTED: 'Rejected',
  REVOKED: 'Revoked',
  PENDING: 'Pending',
  DELIVERED: 'Delivered',
  FAILED: 'Failed',
};

export function StatusChip({ status }: { status: string | null | undefined }) {
  if (!status) return <span className="chip">—</span>;
  return <span className={`chip chip-${status.toLowerCase()}`}>{STATUS_LABELS[status] ?? status}</span>;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}
