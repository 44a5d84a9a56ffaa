/**
 * The better-auth endpoints served over HTTP. better-auth mounts dozens (sign-up, password
 * reset, account linking, user deletion…); Latchkey needs three, and every other one is a 404 so
 * a feature enabled by a library upgrade never becomes reachable by accident.
 */
const EXPOSED = new Set([
  "POST /api/auth/sign-in/email",
  "POST /api/auth/sign-out",
  "GET /api/auth/get-session",
]);

export function isExposedAuthPath(method: string, pathname: string): boolean {
  return EXPOSED.has(`${method} ${pathname.replace(/\/+$/, "")}`);
}
