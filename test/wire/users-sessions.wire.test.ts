import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import { DomainError, ErrorCode, ManualClock } from '@platform/shared';
import { AuthService } from '../../subgraphs/users/src/services/auth-service';
import { ROTATED_HASHES_KEPT } from '../../subgraphs/users/src/store/records';
import { cursorReply, updateReply, type Document, type RecordedCommand, type WireDatabase } from '../support/mongo-wire';
import { openUsersWire, resetUserScripts, userDocument, wireAuth } from './users-wire-fixture';

/**
 * Refresh-token rotation through the real session store and driver: the conditional update
 * that makes rotation atomic, and the revocation that reuse detection sends.
 */
const clock = new ManualClock(new Date('2030-01-01T12:00:00Z'));
const userId = new Types.ObjectId();
const sessionId = new Types.ObjectId();
const presented = `${sessionId.toHexString()}.presented-token`;
const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

function sessionDoc(fields: Partial<Document>): Document {
  return {
    _id: sessionId,
    userId,
    deviceId: 'phone',
    tokenHash: sha256(presented),
    rotatedTokenHashes: [],
    createdAt: clock.now(),
    expiresAt: new Date(clock.now().getTime() + 3_600_000),
    ...fields,
  };
}

const userDoc = userDocument(userId.toHexString(), 'player1', clock.now(), 0, { loginStats: {} });

let db: WireDatabase;
let auth: AuthService;

beforeAll(async () => {
  db = await openUsersWire();
  auth = wireAuth(db, clock);
});
afterAll(() => db.close());

// A refresh after a gap is a play session: its login stats update (conditional) matches.
beforeEach(() => resetUserScripts(db, userDoc, userDoc));

const scriptSession = (doc: Document) => db.wire.script({ command: 'find', collection: 'sessions' }, (c) => cursorReply(`${c.db}.sessions`, [doc]));
const statements = (command: RecordedCommand, field: 'updates' | 'deletes') => command.body[field] as Document[];

test('rotation is one conditional update on the presented hash, acknowledged by a majority', async () => {
  scriptSession(sessionDoc({}));

  const result = await auth.refresh(presented);

  const [rotation] = db.wire.sent('update', 'sessions');
  expect(db.wire.sent('update', 'sessions')).toHaveLength(1);
  const [statement] = statements(rotation!, 'updates');
  expect(statement!['q']).toEqual({ _id: sessionId, tokenHash: sha256(presented) });
  expect(statement!['multi']).not.toBe(true);
  expect(statement!['u']).toMatchObject({
    $set: { tokenHash: sha256(result.refreshToken) },
    $push: { rotatedTokenHashes: { $each: [sha256(presented)], $slice: -ROTATED_HASHES_KEPT } },
  });
  expect(rotation!.writeConcern).toMatchObject({ w: 'majority' });
  expect(db.wire.sent('delete', 'sessions')).toEqual([]);
});

test('a rotation that lost the race (no document matched) revokes the session', async () => {
  scriptSession(sessionDoc({}));
  db.wire.once({ command: 'update', collection: 'sessions' }, updateReply(0));

  const failure = await auth.refresh(presented).catch((error: unknown) => error);

  expect((failure as DomainError).code).toBe(ErrorCode.UNAUTHENTICATED);
  const [revocation] = db.wire.sent('delete', 'sessions');
  expect(statements(revocation!, 'deletes')[0]!['q']).toEqual({ _id: sessionId });
  expect(revocation!.writeConcern).toMatchObject({ w: 'majority' });
});

test('a token that was already exchanged revokes the session and rotates nothing', async () => {
  scriptSession(sessionDoc({ tokenHash: sha256('the-current-token'), rotatedTokenHashes: [sha256(presented)] }));

  const failure = await auth.refresh(presented).catch((error: unknown) => error);

  expect(failure).toBeInstanceOf(DomainError);
  expect((failure as DomainError).code).toBe(ErrorCode.UNAUTHENTICATED);
  expect(db.wire.sent('update', 'sessions')).toEqual([]);
  const [revocation] = db.wire.sent('delete', 'sessions');
  expect(statements(revocation!, 'deletes')[0]!['q']).toEqual({ _id: sessionId });
  expect(revocation!.writeConcern).toMatchObject({ w: 'majority' });
});
