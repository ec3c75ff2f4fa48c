'use strict';
// Container health probe: `node docker/healthcheck.js <url>` exits 0 when GET <url>
// answers 2xx within 3 s, 1 otherwise. Used by docker-compose.yml; needs only node.
const url = process.argv[2] || `http://127.0.0.1:${process.env.PORT || 4000}/health`;
fetch(url, { signal: AbortSignal.timeout(3000) })
  .then((response) => process.exit(response.ok ? 0 : 1))
  .catch(() => process.exit(1));
