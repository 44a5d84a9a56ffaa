/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload, loaded with node --require */
// Preloaded by `npm run worker`. The worker renders emails with react-dom/server, which refuses
// to load under the `react-server` condition the other CLIs use; without that condition, the
// `server-only` marker would throw. Outside Next there is no client bundle to protect, so the
// marker resolves to its empty module here, exactly as it does on the server.
const Module = require("node:module");
const path = require("node:path");
// The package exports neither its empty module nor its package.json: find it from the root.
const empty = path.join(__dirname, "..", "..", "node_modules", "server-only", "empty.js");
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === "server-only" ? empty : resolve.call(this, request, ...rest);
};
