import { MAX_PAGE, PROGRAM, type Command, type CommandContext } from '../command';
import { ledgerCommands } from '../ledger-commands';
import { openSession } from '../open-session';
import { loginCommand } from './login';
import { logoutCommand } from './logout';
import { whoamiCommand } from './whoami';
import { createEventCommand } from './create-event';
import { eventsCommand } from './events';
import { claimsCommand } from './claims';
import { exportClaimsCommand } from './export-claims';
import { setRolesCommand } from './set-roles';
import { advanceClockCommand } from './advance-clock';

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
  // ledger, audit-log, audit-integrity, revoke-claim
  ...ledgerCommands<CommandContext>({ program: PROGRAM, maxPage: MAX_PAGE, openSession, stdout: (context) => context.io.stdout }),
];
