import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';

/** Replaced by the self-hosted IDE; until then no landing page (Apollo's loads from a CDN). */
export function landingPagePlugin() {
  return ApolloServerPluginLandingPageDisabled();
}
