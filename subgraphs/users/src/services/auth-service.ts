import { createHash, randomBytes } from 'node:crypto';
import {
  forbidden,
  newId,
  Role,
  unauthenticated,
  conflict,
  type AccessTokenSigner,
  type Clock,
} from '@platform/shared';
import { UsernameTakenError, type SessionStore, type UserStore } from '../store/ports';
import type { UserRecord } from '../store/records';
import type { LoginStatsRecorder } from './login-stats';
import type { LoginThrottle } from './login-throttle';
import type { PasswordHasher } from './password';
import { validateCredentials, validateDeviceId, type Credentials } from './validation';

export interface AuthResult {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  user: UserRecord;
}

export interface AuthServiceOptions {
  users: UserStore;
  sessions: SessionStore;
  signer: AccessTokenSigner;
  clock: Clock;
  refreshTokenTtlSeconds: number;
  throttle: LoginThrottle;
  hasher: PasswordHasher;
  /** signUp, logIn and refreshSession after a gap are play sessions. */
  loginStats: LoginStatsRecorder;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const INVALID_CREDENTIALS = 'Invalid username or password.';
const INVALID_REFRESH = 'Refresh token is invalid or its session has ended: log in again.';

export function banMessage(until: Date): string {
  return `This account is banned until ${until.toISOString()}.`;
}

/** Accounts and sessions: sign-up, log-in, refresh-token rotation with reuse detection. */
export class AuthService {
  constructor(private readonly options: AuthServiceOptions) {}

  /** `clientAddress`: the caller's IP address, for per-address limits (null in-process). */
  async signUp(credentials: Credentials, clientAddress: string | null = null): Promise<AuthResult> {
    const { username, password, deviceId } = validateCredentials(credentials);
    const { users, clock, hasher, throttle } = this.options;
    await throttle.admitSignUp(clientAddress);
    let user: UserRecord;
    try {
      user = await users.create({
        id: newId(),
        username,
        passwordHash: await hasher.hash(password),
        roles: [Role.USER],
        createdAt: clock.now(),
        bannedUntil: null,
      });
    } catch (error) {
      if (error instanceof UsernameTakenError) throw conflict(`The username "${username}" is taken.`);
      throw error;
    }
    user = (await this.options.loginStats.record(user, 'sign-in', clock.now())) ?? user;
    return this.startSession(user, deviceId);
  }

  async logIn(credentials: Credentials, clientAddress: string | null = null): Promise<AuthResult> {
    const { username, password, deviceId } = validateCredentials(credentials);
    const { users, clock, throttle, hasher, loginStats } = this.options;
    // Counted as a failure before the password is checked: parallel guesses cannot outrun it.
    await throttle.admitLogIn(username, clientAddress);
    const found = await users.findByUsername(username);
    // Unknown user and wrong password take the same time and give the same answer.
    const check = await hasher.verify(password, found?.passwordHash ?? (await hasher.dummyHash()));
    if (!found || !check.ok) throw unauthenticated(INVALID_CREDENTIALS);
    await throttle.logInSucceeded(username, clientAddress);
    const now = clock.now();
    this.refuseIfBanned(found, now);
    // An older scheme or cost is upgraded now, the only time the password is at hand.
    if (check.needsRehash) await users.replacePasswordHash(found.id, found.passwordHash, await hasher.hash(password));
    const user = await loginStats.record(found, 'sign-in', now);
    if (!user) throw unauthenticated(INVALID_CREDENTIALS);
    return this.startSession(user, deviceId);
  }

  async refresh(refreshToken: string): Promise<AuthResult> {
    const { users, sessions, clock, refreshTokenTtlSeconds } = this.options;
    const sessionId = refreshToken.split('.')[0] ?? '';
    const session = await sessions.findById(sessionId);
    if (!session) throw unauthenticated(INVALID_REFRESH);
    const presented = hashToken(refreshToken);
    if (presented !== session.tokenHash) {
      if (session.rotatedTokenHashes.includes(presented)) {
        // A token that was already exchanged is back: it leaked, so end the session family.
        await sessions.deleteById(session.id);
        throw unauthenticated('Refresh token was already used: the session has been revoked for safety. Log in again.');
      }
      throw unauthenticated(INVALID_REFRESH);
    }
    const now = clock.now();
    if (session.expiresAt <= now) {
      await sessions.deleteById(session.id);
      throw unauthenticated('Refresh token expired: log in again.');
    }
    const user = await users.findById(session.userId);
    if (!user) throw unauthenticated(INVALID_REFRESH);
    this.refuseIfBanned(user, now);
    const next = this.mintRefreshToken(session.id);
    const refreshTokenExpiresAt = new Date(now.getTime() + refreshTokenTtlSeconds * 1000);
    if (!(await sessions.rotate(session.id, presented, hashToken(next), refreshTokenExpiresAt))) {
      // Someone rotated this token a moment ago: the same token was presented twice.
      await sessions.deleteById(session.id);
      throw unauthenticated('Refresh token was already used: the session has been revoked for safety. Log in again.');
    }
    const active = (await this.options.loginStats.record(user, 'refresh', now)) ?? user;
    return { ...this.accessToken(active, session.id), refreshToken: next, refreshTokenExpiresAt, user: active };
  }

  /** The account behind an access token as it is now; null once its session has ended. */
  async currentAccount(caller: { userId: string; sessionId: string }): Promise<UserRecord | null> {
    const session = await this.options.sessions.findById(caller.sessionId);
    if (!session || session.userId !== caller.userId) return null;
    return this.options.users.findById(caller.userId);
  }

  async logOut(userId: string, deviceId: string): Promise<boolean> {
    validateDeviceId(deviceId);
    return (await this.options.sessions.deleteForDevice(userId, deviceId)) > 0;
  }

  private refuseIfBanned(user: UserRecord, now: Date): void {
    if (user.bannedUntil && user.bannedUntil > now) throw forbidden(banMessage(user.bannedUntil));
  }

  private async startSession(user: UserRecord, deviceId: string): Promise<AuthResult> {
    const { sessions, clock, refreshTokenTtlSeconds } = this.options;
    const now = clock.now();
    const sessionId = newId();
    const refreshToken = this.mintRefreshToken(sessionId);
    const refreshTokenExpiresAt = new Date(now.getTime() + refreshTokenTtlSeconds * 1000);
    await sessions.replaceForDevice({
      id: sessionId,
      userId: user.id,
      deviceId,
      tokenHash: hashToken(refreshToken),
      rotatedTokenHashes: [],
      createdAt: now,
      expiresAt: refreshTokenExpiresAt,
    });
    return { ...this.accessToken(user, sessionId), refreshToken, refreshTokenExpiresAt, user };
  }

  private mintRefreshToken(sessionId: string): string {
    return `${sessionId}.${randomBytes(32).toString('base64url')}`;
  }

  private accessToken(user: UserRecord, sessionId: string) {
    const { token, expiresAt } = this.options.signer.sign({ sub: user.id, roles: user.roles, sid: sessionId }, this.options.clock.now());
    return { accessToken: token, accessTokenExpiresAt: expiresAt };
  }
}
