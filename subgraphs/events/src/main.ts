import 'reflect-metadata';
import { loadConfig, runAsProcess } from '@platform/shared';
import { startEventsService } from './server';

/** Entry point of the events subgraph as its own process (docker compose). */
runAsProcess('events', 'events subgraph', () => startEventsService(loadConfig(process.env, { storage: true })));
