import 'reflect-metadata';
import { loadConfig, runAsProcess } from '@platform/shared';
import { startGateway } from './server';

/** Entry point of the gateway as its own process (docker compose). */
runAsProcess('gateway', 'gateway', () => startGateway(loadConfig(process.env)));
