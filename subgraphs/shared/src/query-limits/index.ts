export * from './cost';
export * from './limits';
export * from './operation-shape';
export * from './query-limits';
export * from './operation-selection';
