import type { Command } from '../command';
import { loginCommand } from './login';
import { logoutCommand } from './logout';
import { whoamiCommand } from './whoami';
import { createEventCommand } from './create-event';
import { eventsCommand } from './events';
import { claimsCommand } from './claims';
import { exportClaimsCommand } from './export-claims';
import { setRolesCommand } from './set-roles';
import { advanceClockCommand } from './advance-clock';
import { ledgerCommand } from './ledger';
import { auditLogCommand } from './audit-log';
import { auditIntegrityCommand } from './audit-integrity';
import { revokeClaimCommand } from './revoke-claim';

/**
 * Every command of `ops`, in the order help lists them. A new command is a file in this
 * folder exporting a {@link Command}, and one line here.
 */
export const COMMANDS: readonly Command[] = [
  loginCommand,
  logoutCommand,
  whoamiCommand,
  createEventCommand,
  eventsCommand,
  claimsCommand,
  exportClaimsCommand,
  setRolesCommand,
  advanceClockCommand,
  ledgerCommand,
  auditLogCommand,
  auditIntegrityCommand,
  revokeClaimCommand,
];
