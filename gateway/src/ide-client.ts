/**
 * The browser side of the IDE, served as /ide/assets/ide.js: mounts GraphiQL (the globals React,
 * ReactDOM and GraphiQL come from the UMD bundles loaded before it) with a same-origin fetcher.
 * Plain ES2017: it runs as is in the browser, no build step.
 */
export const IDE_CLIENT_SCRIPT = String.raw`(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('ide-config').textContent);
  // The page is served by the GraphQL endpoint itself (a GET that prefers text/html).
  var endpoint = window.location.pathname;
  // A value such as "Bearer <paste accessToken>" is the unfilled template: never sent.
  var PLACEHOLDER = /<[^<>]*>/;

  function requestHeaders(extra) {
    var headers = { accept: 'application/json' };
    Object.keys(extra || {}).forEach(function (name) {
      var value = extra[name];
      if (value === undefined || value === null) return;
      value = String(value);
      if (name.toLowerCase() === 'authorization' && PLACEHOLDER.test(value)) return;
      headers[name.toLowerCase()] = value;
    });
    // Always a JSON POST: what Apollo's CSRF prevention lets through from a browser.
    headers['content-type'] = 'application/json';
    return headers;
  }

  function fetcher(params, options) {
    return fetch(endpoint, {
      method: 'POST',
      headers: requestHeaders(options && options.headers),
      body: JSON.stringify(params),
      credentials: 'same-origin',
    }).then(function (response) {
      return response.text().then(function (text) {
        try {
          return JSON.parse(text);
        } catch (error) {
          return { errors: [{ message: 'HTTP ' + response.status + ': ' + text.slice(0, 500) }] };
        }
      });
    });
  }

  var h = React.createElement;
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    h(
      GraphiQL,
      {
        fetcher: fetcher,
        defaultTabs: config.tabs,
        defaultQuery: config.defaultQuery,
        defaultHeaders: config.defaultHeaders,
        defaultEditorToolsVisibility: 'variables',
        isHeadersEditorEnabled: true,
        shouldPersistHeaders: false,
      },
      h(GraphiQL.Logo, null, config.title),
    ),
  );
})();
`;
