export * from './platform-client';
export * from './unions';
export * from './claim-result';
export * from './format';
export * from './csv';
export * from './generated/graphql';
