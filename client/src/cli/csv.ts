/** The claims export lives with the client, so the dashboard shares it; the CLI re-exports it. */
export * from '../csv';
