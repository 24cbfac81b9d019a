import { Injectable } from '@nestjs/common';
import { effectiveGrants, userDecider, UserState, userStream, usernameClaimDecider, usernameClaimStream } from '@app/domain';
import { Actor } from './actor';
import { ClaimKeys } from './claim-keys';
import { StreamReader } from '../streams/stream-reader';

export type KnownUser = Extract<UserState, { status: 'enabled' | 'disabled' }>;

/**
 * Finds users for login and administration straight from their streams (the command side): the
 * username claim names the user id, the user stream holds the hash and the grants. No read model is
 * involved, so a user created a moment ago can log in at once.
 */
@Injectable()
export class UserDirectory {
  constructor(
    private readonly streams: StreamReader,
    private readonly claimKeys: ClaimKeys,
  ) {}

  async userIdFor(username: string): Promise<string | undefined> {
    const claim = await this.streams.load(usernameClaimDecider, usernameClaimStream(this.claimKeys.username(username)));
    return claim.state.status === 'claimed' ? claim.state.userId : undefined;
  }

  async byId(userId: string): Promise<KnownUser | undefined> {
    const { state } = await this.streams.load(userDecider, userStream(userId));
    return state.status === 'none' ? undefined : state;
  }

  async byUsername(username: string): Promise<KnownUser | undefined> {
    const userId = await this.userIdFor(username);
    return userId ? this.byId(userId) : undefined;
  }

  static actorOf(user: KnownUser): Actor {
    return { userId: user.userId, username: user.username, grants: effectiveGrants(user) };
  }
}
