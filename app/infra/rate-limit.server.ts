import { RateLimiterMemory } from "rate-limiter-flexible";
import { getEnv } from "#app/infra/env.server";

// Failed sign-ins only: 5 per account and 30 per IP address in 15 minutes.
const WINDOW_SECONDS = 15 * 60;
const byAccount = new RateLimiterMemory({ keyPrefix: "signin-account", points: 5, duration: WINDOW_SECONDS });
const byIp = new RateLimiterMemory({ keyPrefix: "signin-ip", points: 30, duration: WINDOW_SECONDS });

/** Milliseconds until this account/IP may try again, or 0 when it may try now. */
export async function signInBlockedFor(email: string, ip: string): Promise<number> {
  if (getEnv().SORI_DISABLE_RATE_LIMIT === "1") return 0;
  const [a, i] = await Promise.all([byAccount.get(email), byIp.get(ip)]);
  const blocked = [a && a.consumedPoints >= 5 ? a.msBeforeNext : 0, i && i.consumedPoints >= 30 ? i.msBeforeNext : 0];
  return Math.max(...blocked);
}

export async function recordFailedSignIn(email: string, ip: string) {
  await Promise.all([byAccount.penalty(email, 1), byIp.penalty(ip, 1)]);
}

export async function clearFailedSignIns(email: string) {
  await byAccount.delete(email);
}

// Web-form posting (issue #8.13): 30 posts a minute per person is more than anyone types, and stops a script
// driving the forms from flooding every feed. (The API has its own per-token limit.)
const POSTS_PER_MINUTE = 30;
const postingLimiter = new RateLimiterMemory({ keyPrefix: "web-posts", points: POSTS_PER_MINUTE, duration: 60 });

/** Takes one post from the person's allowance: 0 when they may post now, else the milliseconds to wait. */
export async function takePostingAllowance(userId: number): Promise<number> {
  if (getEnv().SORI_DISABLE_RATE_LIMIT === "1") return 0;
  try {
    await postingLimiter.consume(String(userId));
    return 0;
  } catch (rejection) {
    if (rejection instanceof Error) throw rejection;
    return Math.max(1, (rejection as { msBeforeNext: number }).msBeforeNext);
  }
}
