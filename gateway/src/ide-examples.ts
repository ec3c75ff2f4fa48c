import { CHALLENGE_SELECTION, REWARD_SELECTION } from './union-selections.generated';

/** The operations the IDE opens with: one tab each, written against the public API (schema/api.graphql). */

export interface IdeTab {
  query: string;
  variables?: string;
  headers?: string;
}

/** What the headers editor starts with; the IDE does not send it until the token is pasted in. */
export const AUTHORIZATION_TEMPLATE = 'Bearer <paste accessToken>';
export const DEFAULT_HEADERS = JSON.stringify({ Authorization: AUTHORIZATION_TEMPLATE }, null, 2);

const json = (value: unknown) => JSON.stringify(value, null, 2);
const indent = (lines: string) => lines.replace(/^/gm, '  ');

// Every member of the unions, generated from the schema (npm run compose).
const REWARD_FIELDS = `fragment RewardFields on Reward {\n${indent(REWARD_SELECTION)}\n}`;

const CHALLENGE_FIELDS = `fragment ChallengeFields on Challenge {\n${indent(CHALLENGE_SELECTION)}\n}`;

const LOG_IN = `# Reward platform: GraphQL IDE (self-hosted GraphiQL,
# works without internet access)
#
# Signing in:
#  1. Put your username and password in the Variables
#     pane below, then run this mutation (the ▶ button,
#     or Ctrl/Cmd + Enter).
#  2. Copy "accessToken" from the result.
#  3. Open the Headers pane below and paste the token
#     over <paste accessToken>, like this:
#       {"Authorization": "Bearer eyJhbGciOi..."}
#     Headers belong to a tab: paste it into each tab
#     you use. A header still holding the placeholder
#     is not sent.
#  4. Try the other tabs: me, events, claimReward and
#     rewardClaims.
#
# New player? Rename logIn to signUp. Access tokens are
# short-lived: log in again (or run refreshSession with
# the refreshToken) when one expires.
# Ctrl + Space completes; the Docs button (top left)
# shows the whole schema.

mutation LogIn($input: CredentialsInput!) {
  logIn(input: $input) {
    accessToken
    accessTokenExpiresAt
    refreshToken
    user {
      id
      username
      roles
    }
  }
}
`;

const ME = `# Who am I? Needs the Authorization header: paste your
# accessToken into the Headers pane below.

query Me {
  me {
    id
    username
    roles
    createdAt
    bannedUntil
    profile {
      cash
      coins
      inventory { itemId quantity }
      coupons { couponId quantity }
      loginStats {
        totalLogins
        loginDays
        currentStreak
        lastLoginAt
        daysAwayBeforeLastLogin
      }
    }
  }
}
`;

const EVENTS = `# The events you can see; signed in, you also get your
# progress and claim. Challenge and Reward are unions: the
# fragments at the end select each member type's fields.

query Events($filter: EventFilter, $first: Int, $after: String) {
  events(filter: $filter, first: $first, after: $after) {
    edges {
      node {
        id
        title
        description
        status
        startsAt
        endsAt
        claimLimit
        claimsRemaining
        challenges { ...ChallengeFields }
        rewards { ...RewardFields }
        myProgress {
          challenge { ...ChallengeFields }
          current
          required
          met
        }
        myClaim { id status delivery createdAt }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}

${CHALLENGE_FIELDS}

${REWARD_FIELDS}
`;

const CLAIM_REWARD = `# Claim an event's rewards (players: the USER role).
# Put an event id from the events tab in the Variables
# pane. The result is a union: RewardClaimed, or
# ClaimRejected with the reason. Running it again with
# the same idempotencyKey returns the same outcome.

mutation ClaimReward($eventId: ID!, $idempotencyKey: String) {
  claimReward(eventId: $eventId, idempotencyKey: $idempotencyKey) {
    __typename
    ... on RewardClaimed {
      claim { id status delivery rewards { ...RewardFields } createdAt }
    }
    ... on ClaimRejected {
      reason
      message
      # the attempt, or the earlier grant if ALREADY_CLAIMED
      attempt { id status rejectionReason createdAt }
      unmet {
        challenge { __typename }
        current
        required
        met
      }
    }
  }
}

${REWARD_FIELDS}
`;

const REWARD_CLAIMS = `# Claim history, granted and rejected. Players see
# their own claims; staff see everyone's and can filter
# by userId, eventId, status or date.

query RewardClaims($filter: ClaimFilter, $first: Int, $after: String) {
  rewardClaims(filter: $filter, first: $first, after: $after) {
    totalCount
    edges {
      node {
        id
        status
        rejectionReason
        delivery
        idempotencyKey
        createdAt
        event { id title }
        user { id username }
        rewards { ...RewardFields }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}

${REWARD_FIELDS}
`;

/** The query a new tab opens with. */
export const NEW_TAB_QUERY = `# Run with ▶ or Ctrl/Cmd + Enter; Ctrl + Space completes.
# Signed-in operations need your token in the Headers
# pane below: {"Authorization": "Bearer <accessToken>"}.
# Get one with the logIn example (first tab).

query {
  me { username roles }
}
`;

export const EXAMPLE_TABS: IdeTab[] = [
  {
    query: LOG_IN,
    variables: json({ input: { username: 'your-username', password: 'your-password', deviceId: 'graphiql' } }),
    headers: DEFAULT_HEADERS,
  },
  { query: ME, headers: DEFAULT_HEADERS },
  { query: EVENTS, variables: json({ filter: { status: 'RUNNING' }, first: 10 }), headers: DEFAULT_HEADERS },
  {
    query: CLAIM_REWARD,
    variables: json({ eventId: '<event id from the events tab>', idempotencyKey: 'graphiql-1' }),
    headers: DEFAULT_HEADERS,
  },
  { query: REWARD_CLAIMS, variables: json({ filter: {}, first: 20 }), headers: DEFAULT_HEADERS },
];
