import type { Viewer } from "#app/access/rules";
import { getViewerById } from "#app/access/viewer.server";
import crypto from "node:crypto";
import { createUser, type NewUser } from "#app/models/people/user.server";
import { rawStatement } from "#app/infra/db.server";
import { startSession } from "#app/web/auth.server";

export const TEST_PASSWORD = "correct horse battery";

/**
 * A person, reachable around the clock (every day 00:00–00:00): what a test sees must not depend on the hour it
 * runs at, so quiet delivery (issue #11 §2) holds nothing unless a test gives someone working hours of their own.
 */
export async function createTestUser(overrides: Partial<NewUser> = {}) {
  const n = crypto.randomBytes(3).toString("hex");
  const user = await createUser({
    email: `user-${n}@sori.test`,
    handle: `user.${n}`,
    name: `Test User ${n}`,
    department: "Engineering",
    title: "Engineer",
    password: TEST_PASSWORD,
    ...overrides,
  });
  rawStatement(
    `update users set work_days = 'mon,tue,wed,thu,fri,sat,sun', work_start = '00:00', work_end = '00:00' where id = @id`,
  ).run({ id: user.id });
  return user;
}

/** A Cookie header for a signed-in session of this user. */
export async function sessionCookie(userId: number) {
  const setCookie = await startSession(userId);
  return setCookie.split(";")[0];
}

const ORIGIN = "http://localhost:3000";

/** A request as a browser on Sori's own origin would send it. */
export function makeRequest(
  path: string,
  {
    method = "GET",
    form,
    cookie,
    headers,
  }: { method?: string; form?: Record<string, string>; cookie?: string; headers?: Record<string, string> } = {},
) {
  const h = new Headers(headers);
  if (cookie) h.set("Cookie", cookie);
  if (form) h.set("Content-Type", "application/x-www-form-urlencoded");
  return new Request(ORIGIN + path, {
    method,
    headers: h,
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
}

/** The Viewer of an account as it is now (memberships read fresh), as a request would build it. */
export function viewerOf(user: { id: number }): Viewer {
  const viewer = getViewerById(user.id);
  if (!viewer) throw new Error(`no active user ${user.id}`);
  return viewer;
}
