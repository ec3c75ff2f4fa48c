import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { PageRoute } from '@platform/shared';
import { ideAssetPages, ideAssets } from './ide-assets';
import { DEFAULT_HEADERS, EXAMPLE_TABS, NEW_TAB_QUERY } from './ide-examples';

export const IDE_TITLE = 'Reward platform';

/**
 * What the page may load: its own origin only, so nothing reaches for a CDN (the IDE works
 * offline). Styles may be inline (GraphiQL and CodeMirror set them); fonts and icons are data: URLs.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** JSON safe inside a <script> element: no `</script>`, no HTML parsing surprises. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/** The IDE page: GraphiQL from the gateway's own /ide/assets, the example tabs preloaded. */
export function ideHtml(): string {
  const assets = ideAssets();
  const url = (name: string) => {
    const asset = assets.get(name);
    if (!asset) throw new Error(`IDE asset ${name} is not in the allow-list`);
    return asset.url;
  };
  const config = { title: IDE_TITLE, tabs: EXAMPLE_TABS, defaultQuery: NEW_TAB_QUERY, defaultHeaders: DEFAULT_HEADERS };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="referrer" content="no-referrer">
<title>${IDE_TITLE} · GraphiQL</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${url('graphiql.min.css')}">
<style>html, body, #graphiql { height: 100%; margin: 0; } #graphiql { overflow: hidden; }</style>
</head>
<body>
<div id="graphiql">Loading the GraphQL IDE…</div>
<noscript>The GraphQL IDE needs JavaScript. The API itself answers POST requests at this URL.</noscript>
<script type="application/json" id="ide-config">${scriptJson(config)}</script>
<script src="${url('react.production.min.js')}"></script>
<script src="${url('react-dom.production.min.js')}"></script>
<script src="${url('graphiql.min.js')}"></script>
<script src="${url('ide.js')}"></script>
</body>
</html>
`;
}

/**
 * The gateway's landing page: Apollo answers a GET to /graphql that prefers text/html with it;
 * every other request (GraphQL over GET or POST, CSRF prevention included) is untouched.
 */
export function landingPagePlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return { html: async () => ideHtml() };
        },
      };
    },
  };
}

/** The GET routes the IDE page loads its files from, for the HTTP host. */
export function landingPageRoutes(): Record<string, PageRoute> {
  return ideAssetPages();
}
