import 'reflect-metadata';
import { startGateway } from '../gateway/src/server';
import { startEventsService, type RunningEventsService } from '../subgraphs/events/src/server';
import { startUsersService, type RunningUsersService } from '../subgraphs/users/src/server';
import type { PlatformConfig, RunningHttpService } from '@platform/shared';

export interface RunningPlatform {
  url: string;
  users: RunningUsersService;
  events: RunningEventsService;
  gateway: RunningHttpService;
  stop(): Promise<void>;
}

/**
 * users, then events, then the gateway, in one process. If one fails to start, the ones
 * already running are stopped before the error is passed on.
 */
export async function startPlatform(config: PlatformConfig): Promise<RunningPlatform> {
  const started: RunningHttpService[] = [];
  const stopAll = async () => {
    for (const service of started.reverse()) await service.stop().catch(() => undefined);
  };
  try {
    const users = await startUsersService(config);
    started.push(users);
    const withUsers = { ...config, urls: { ...config.urls, users: users.url } };
    const events = await startEventsService(withUsers);
    started.push(events);
    const gateway = await startGateway({ ...withUsers, urls: { users: users.url, events: events.url } });
    started.push(gateway);
    return { url: gateway.url, users, events, gateway, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
