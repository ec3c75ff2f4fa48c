/**
 * The contract of users' internal (service-to-service) routes, defined once: users'
 * handlers parse requests with it, events' clients parse answers with it.
 */
export * from './route';
export * from './rewards';
export * from './account-routes';
export * from './ledger-routes';
