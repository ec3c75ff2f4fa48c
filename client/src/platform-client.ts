import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { getOperationAST, print, type DocumentNode } from 'graphql';
import {
  LogInDocument,
  LogOutDocument,
  RefreshSessionDocument,
  SignUpDocument,
  type AuthPayloadFieldsFragment,
  type CredentialsInput,
} from './generated/graphql';
import { postGraphQL, type GraphQLEndpoint } from './graphql-transport';
import { GraphQLRequestError } from './request-error';

export * from './request-error';

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt?: string;
  refreshTokenExpiresAt?: string;
}

export interface PlatformClientOptions {
  /** The gateway's GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  url: string;
  accessToken?: string | null;
  refreshToken?: string | null;
  /** Sent with logIn / signUp / logOut; one live session per (user, device). Default "default". */
  deviceId?: string;
  /** Called whenever the held tokens change: log-in, sign-up, refresh (rotation), log-out. */
  onTokens?: (tokens: SessionTokens | null) => void | Promise<void>;
  /** Per-request timeout; default 30 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Variables are optional when the operation declares none (or only optional ones). */
export type VariablesArgs<TVariables> = Record<string, never> extends TVariables
  ? [variables?: TVariables]
  : [variables: TVariables];

/** Public operations: an UNAUTHENTICATED answer is about the credentials, not the access token. */
const NO_REFRESH_OPERATIONS = new Set(['SignUp', 'LogIn', 'RefreshSession']);

/**
 * A small typed client for the platform's gateway. `execute` takes the typed documents of
 * ./generated and returns typed data. It holds the session: an access token sent as
 * `Authorization: Bearer`, and a refresh token used once, transparently, when an operation
 * is refused as UNAUTHENTICATED (expired or revoked access token).
 */
export class PlatformClient {
  readonly url: string;
  readonly deviceId: string;
  private accessToken: string | null;
  private refreshToken: string | null;
  private accessTokenExpiresAt: string | undefined;
  private refreshTokenExpiresAt: string | undefined;
  private refreshing: Promise<void> | null = null;
  private readonly endpoint: GraphQLEndpoint;
  private readonly onTokens: PlatformClientOptions['onTokens'];
  private readonly printed = new WeakMap<DocumentNode, { query: string; operationName: string | null }>();

  constructor(options: PlatformClientOptions) {
    this.url = options.url;
    this.deviceId = options.deviceId ?? 'default';
    this.accessToken = options.accessToken ?? null;
    this.refreshToken = options.refreshToken ?? null;
    // Never store the global fetch itself: called as a method of this client, a browser's
    // fetch throws "Illegal invocation" (its `this` must be the window).
    this.endpoint = {
      url: options.url,
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      timeoutMs: options.timeoutMs ?? 30_000,
    };
    this.onTokens = options.onTokens;
  }

  /** The tokens held now, or null when signed out. */
  get tokens(): SessionTokens | null {
    if (this.accessToken === null || this.refreshToken === null) return null;
    return {
      accessToken: this.accessToken,
      refreshToken: this.refreshToken,
      ...(this.accessTokenExpiresAt ? { accessTokenExpiresAt: this.accessTokenExpiresAt } : {}),
      ...(this.refreshTokenExpiresAt ? { refreshTokenExpiresAt: this.refreshTokenExpiresAt } : {}),
    };
  }

  get isSignedIn(): boolean {
    return this.accessToken !== null;
  }

  /** Replaces the session (e.g. one restored from storage); null signs out locally. */
  setTokens(tokens: SessionTokens | null): void {
    this.accessToken = tokens?.accessToken ?? null;
    this.refreshToken = tokens?.refreshToken ?? null;
    this.accessTokenExpiresAt = tokens?.accessTokenExpiresAt;
    this.refreshTokenExpiresAt = tokens?.refreshTokenExpiresAt;
  }

  /** Replaces only the access token (a test can make it stale to exercise the refresh). */
  setAccessToken(accessToken: string | null): void {
    this.accessToken = accessToken;
    this.accessTokenExpiresAt = undefined;
  }

  /**
   * Runs an operation and returns its data. Any GraphQL error (even with partial data) or
   * transport failure throws a {@link GraphQLRequestError}. An UNAUTHENTICATED refusal with a
   * refresh token at hand rotates the session once and retries the operation once.
   */
  async execute<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    ...[variables]: VariablesArgs<TVariables>
  ): Promise<TData> {
    const { query, operationName } = this.printDocument(document);
    const sentToken = this.accessToken;
    try {
      return await this.send<TData>(query, operationName, variables ?? {}, sentToken);
    } catch (error) {
      const retriable =
        error instanceof GraphQLRequestError &&
        error.hasCode('UNAUTHENTICATED') &&
        !NO_REFRESH_OPERATIONS.has(operationName ?? '') &&
        (this.refreshToken !== null || this.accessToken !== sentToken);
      if (!retriable) throw error;
      // A concurrent call may have refreshed already: then just retry with the new token.
      if (this.accessToken === sentToken) {
        // A refused refresh says more ("Refresh token expired: log in again.") than the original error.
        await this.refreshSession();
      }
      return this.send<TData>(query, operationName, variables ?? {}, this.accessToken);
    }
  }

  /**
   * Rotates the session with the refresh token (single use). Concurrent callers share one
   * rotation: presenting a used refresh token twice would revoke the session. A refused
   * refresh (expired, revoked, reused) clears the tokens.
   */
  refreshSession(): Promise<void> {
    if (this.refreshing) return this.refreshing;
    const refreshToken = this.refreshToken;
    if (refreshToken === null) {
      return Promise.reject(new GraphQLRequestError({ message: 'No refresh token: log in first.', code: 'UNAUTHENTICATED' }));
    }
    const { query, operationName } = this.printDocument(RefreshSessionDocument);
    this.refreshing = (async () => {
      try {
        const data = await this.send<{ refreshSession: AuthPayloadFieldsFragment }>(query, operationName, { refreshToken }, null);
        await this.storeSession(data.refreshSession);
      } catch (error) {
        if (error instanceof GraphQLRequestError && error.hasCode('UNAUTHENTICATED') && this.refreshToken === refreshToken) {
          this.setTokens(null);
          await this.onTokens?.(null);
        }
        throw error;
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  /** Logs in (on this client's device unless `credentials.deviceId` says otherwise) and keeps the tokens. */
  async logIn(credentials: CredentialsInput): Promise<AuthPayloadFieldsFragment> {
    const { logIn } = await this.execute(LogInDocument, { input: { deviceId: this.deviceId, ...credentials } });
    await this.storeSession(logIn);
    return logIn;
  }

  /** Creates an account ([USER]) and keeps its tokens. */
  async signUp(credentials: CredentialsInput): Promise<AuthPayloadFieldsFragment> {
    const { signUp } = await this.execute(SignUpDocument, { input: { deviceId: this.deviceId, ...credentials } });
    await this.storeSession(signUp);
    return signUp;
  }

  /** Ends this device's session on the server and forgets the tokens (also when the server call fails). */
  async logOut(deviceId: string = this.deviceId): Promise<boolean> {
    try {
      return (await this.execute(LogOutDocument, { deviceId })).logOut;
    } finally {
      this.setTokens(null);
      await this.onTokens?.(null);
    }
  }

  private async storeSession(payload: AuthPayloadFieldsFragment): Promise<void> {
    this.setTokens({
      accessToken: payload.accessToken,
      refreshToken: payload.refreshToken,
      accessTokenExpiresAt: payload.accessTokenExpiresAt,
      refreshTokenExpiresAt: payload.refreshTokenExpiresAt,
    });
    const tokens = this.tokens;
    await this.onTokens?.(tokens);
  }

  private printDocument(document: DocumentNode): { query: string; operationName: string | null } {
    let printed = this.printed.get(document);
    if (!printed) {
      printed = { query: print(document), operationName: getOperationAST(document)?.name?.value ?? null };
      this.printed.set(document, printed);
    }
    return printed;
  }

  private send<TData>(query: string, operationName: string | null, variables: unknown, accessToken: string | null): Promise<TData> {
    return postGraphQL<TData>(this.endpoint, query, operationName, variables, accessToken);
  }
}
