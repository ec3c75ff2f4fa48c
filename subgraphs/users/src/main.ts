import 'reflect-metadata';
import { loadConfig, runAsProcess } from '@platform/shared';
import { startUsersService } from './server';

/** Entry point of the users subgraph as its own process (docker compose). */
runAsProcess('users', 'users subgraph', () => startUsersService(loadConfig(process.env, { privateKey: true, storage: true })));
