import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { callerOf, type UsersContext } from '../context';
import { AuthPayload } from '../schema/auth-payload';
import type { AuthResult } from '../services/auth-service';
import { CredentialsInput } from '../schema/inputs';

/** The payload's user may read their own profile, though the request carried no token. */
async function proven(context: UsersContext, result: Promise<AuthResult>): Promise<AuthResult> {
  const payload = await result;
  context.provenUserIds.add(payload.user.id);
  return payload;
}

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayload, { description: 'Public. New users get [USER].' })
  signUp(@Arg('input', () => CredentialsInput) input: CredentialsInput, @Ctx() context: UsersContext) {
    return proven(context, context.services.auth.signUp(input, context.clientAddress));
  }

  @Mutation(() => AuthPayload, { description: 'Public. Replaces the session of the same device.' })
  logIn(@Arg('input', () => CredentialsInput) input: CredentialsInput, @Ctx() context: UsersContext) {
    return proven(context, context.services.auth.logIn(input, context.clientAddress));
  }

  @Mutation(() => AuthPayload, { description: 'Public. Rotates the refresh token; reusing an old one revokes the session.' })
  refreshSession(@Arg('refreshToken', () => String) refreshToken: string, @Ctx() context: UsersContext) {
    return proven(context, context.services.auth.refresh(refreshToken));
  }

  @Mutation(() => Boolean, { description: "Signed in. Ends that device's session; false when there was none." })
  logOut(@Arg('deviceId', () => String, { nullable: true, defaultValue: 'default' }) deviceId: string | null, @Ctx() context: UsersContext) {
    return context.services.auth.logOut(callerOf(context).userId, deviceId ?? 'default');
  }
}
