// What a personal access token may be used for (issue #7). Pure: the model, the settings page, the CLI and the
// API layer share it. A token's scopes narrow its owner's permissions, never widen them: the API checks the scope
// first (403 insufficient_scope) and then the owner's rights (rules.ts) as for any request.
//
//   read ..... GET requests
//   write .... creating and changing content
//   admin .... admin-only operations; only a site admin's token may hold it
//
// No scope implies another: a write-only token cannot read. The settings page and the CLI default to read+write.

import { TOKEN_SCOPES, type Role, type TokenScope } from "#db/enums";
import { AppError } from "#app/utils/errors";

export function isTokenScope(value: unknown): value is TokenScope {
  return (TOKEN_SCOPES as readonly unknown[]).includes(value);
}

/** Whether a token holding `scopes` may do something that needs `needed`. */
export function hasScope(scopes: readonly TokenScope[], needed: TokenScope): boolean {
  return scopes.includes(needed);
}

/** The scopes a person with this role may put on their tokens. */
export function grantableTokenScopes(role: Role): TokenScope[] {
  return TOKEN_SCOPES.filter((s) => s !== "admin" || role === "admin");
}

/**
 * The scopes someone asked for, checked against their role: at least one, only known values, admin only for a
 * site admin. Returns them deduplicated in TOKEN_SCOPES order; throws an AppError (field `scopes`) otherwise.
 */
export function requireGrantableTokenScopes(requested: readonly string[], role: Role): TokenScope[] {
  const wanted = requested.map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (wanted.length === 0) {
    throw new AppError(400, "invalid_scope", "tokens.scopesRequired", { scopes: "tokens.scopesRequired" });
  }
  const unknown = wanted.find((s) => !isTokenScope(s));
  if (unknown !== undefined) {
    const error = { key: "tokens.scopeUnknown", vars: { scope: unknown, allowed: TOKEN_SCOPES.join(", ") } } as const;
    throw new AppError(400, "invalid_scope", error.key, { scopes: error }, error.vars);
  }
  const grantable = grantableTokenScopes(role);
  if (wanted.some((s) => !grantable.includes(s as TokenScope))) {
    throw new AppError(403, "scope_not_allowed", "tokens.adminScopeForbidden", {
      scopes: "tokens.adminScopeForbidden",
    });
  }
  return TOKEN_SCOPES.filter((s) => wanted.includes(s));
}

/** A stored scopes column, as the database holds it (space-separated). */
export function formatTokenScopes(scopes: readonly TokenScope[]): string {
  return TOKEN_SCOPES.filter((s) => scopes.includes(s)).join(" ");
}

/**
 * Reads a stored scopes column. An unknown word grants nothing, and admin counts only while the owner is still a
 * site admin: demoting someone takes the scope from the tokens they already hold, from the next request on.
 */
export function parseTokenScopes(stored: string, ownerRole: Role): TokenScope[] {
  const words = stored.split(/[\s,]+/);
  const grantable = grantableTokenScopes(ownerRole);
  return TOKEN_SCOPES.filter((s) => words.includes(s) && grantable.includes(s));
}
