// Sign-in throttling (issue #8.5), after OWASP's authentication cheat sheet and its "device cookie" lockout
// scheme: slow password guessing down without handing anyone a way to lock a colleague out.
//
//   attempt ─┬─ from a browser this account signed in on before (valid device cookie, app/web/auth.server.ts)
//            │     └─ that device's own limit only: 10 failures / 15 min. No account or network limit applies,
//            │        so an attack on the account from elsewhere never locks its owner out of their own browser.
//            └─ from an unknown browser
//                  ├─ network (client IP): 100 failures / 15 min, so an office behind one NAT address survives
//                  │  many people mistyping; the IP is Express's req.ip, which honours TRUST_PROXY only
//                  └─ account (the email as typed, registered or not, so the limit is no existence oracle):
//                     5 failures / 15 min, then 20 / 24 h: a patient attacker gets ~20 guesses a day
//
// Every attempt takes its points BEFORE the password is verified (argon2 is slow and async), and every point is
// taken in one store that answers one request at a time — this process's memory, or with several workers the
// primary's (sharedLimiter below) — so 30 parallel attempts, on any workers, can never get past a limit of 5. A
// successful sign-in gives its points back (only failures count).
import cluster from "node:cluster";
import { RateLimiterCluster, RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { getEnv } from "#app/infra/env.server";
import { singleton } from "#app/infra/registry.server";

export type SharedLimiterOptions = {
  /** Names the limit; unique per limit (one limiter per prefix per process). */
  keyPrefix: string;
  /** What may be consumed per key within `duration` seconds. */
  points: number;
  duration: number;
};

/**
 * A rate limiter whose counts hold across all the workers of `npm start` (issue #7, docs/decisions/0003): in a
 * cluster worker its counts live in the primary's memory, asked over the cluster's IPC channel
 * (RateLimiterCluster; the primary runs RateLimiterClusterMaster, app/infra/cluster.server.ts); in a single
 * process (SORI_WORKERS=1, development, tests, the CLI) in this process's memory. A round trip to the primary costs
 * ~0.1 ms and writes nothing to SQLite, so it suits a limit checked on every API request. Counts start afresh
 * when the server restarts. Kept in the registry, one per keyPrefix: each test database starts with fresh counts.
 *
 * Throws a RateLimiterRes (msBeforeNext) from consume() when the key is over its limit; any other rejection is a
 * failure of the limiter itself (the primary did not answer).
 */
export function sharedLimiter(options: SharedLimiterOptions): RateLimiterAbstract {
  const { keyPrefix, points, duration } = options;
  const entry = singleton(`rate-limit:${keyPrefix}`, () => ({
    points,
    duration,
    limiter: cluster.isWorker
      ? new RateLimiterCluster({ keyPrefix, points, duration, timeoutMs: 3_000 })
      : new RateLimiterMemory({ keyPrefix, points, duration }),
  }));
  if (entry.points !== points || entry.duration !== duration) {
    throw new Error(`rate limit "${keyPrefix}" is defined twice with different limits`);
  }
  return entry.limiter;
}

const MINUTE = 60;
export const SIGN_IN_LIMITS = {
  device: { points: 10, duration: 15 * MINUTE },
  network: { points: 100, duration: 15 * MINUTE },
  account: { points: 5, duration: 15 * MINUTE },
  accountDaily: { points: 20, duration: 24 * 60 * MINUTE },
} as const;

type LimitName = keyof typeof SIGN_IN_LIMITS;

function limiters(): Record<LimitName, RateLimiterAbstract> {
  const make = (name: LimitName) => sharedLimiter({ keyPrefix: `signin-${name}`, ...SIGN_IN_LIMITS[name] });
  return {
    device: make("device"),
    network: make("network"),
    account: make("account"),
    accountDaily: make("accountDaily"),
  };
}

/** Why an attempt was refused, for the message: this browser, the network, or the account from new browsers. */
export type SignInLimit = "device" | "network" | "account";

export type SignInAttempt =
  | {
      allowed: true;
      /** Call once the password is checked: success gives the points back. */ finish: (
        succeeded: boolean,
      ) => Promise<void>;
    }
  | { allowed: false; limit: SignInLimit; retryAfterMs: number };

/**
 * Takes this attempt's points, before any password is verified. `deviceKey` identifies a browser this account
 * signed in on before (from a valid device cookie); null for an unknown browser.
 */
export async function startSignInAttempt({
  email,
  ip,
  deviceKey,
}: {
  email: string;
  ip: string;
  deviceKey: string | null;
}): Promise<SignInAttempt> {
  if (getEnv().SORI_DISABLE_RATE_LIMIT === "1") return { allowed: true, finish: async () => {} };
  const all = limiters();
  const steps: { name: LimitName; limit: SignInLimit; key: string }[] = deviceKey
    ? [{ name: "device", limit: "device", key: deviceKey }]
    : [
        { name: "network", limit: "network", key: ip },
        { name: "account", limit: "account", key: email },
        { name: "accountDaily", limit: "account", key: email },
      ];
  const taken: typeof steps = [];
  for (const step of steps) {
    try {
      await all[step.name].consume(step.key);
      taken.push(step);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      // A refused attempt costs nothing elsewhere: give back what the earlier limits took.
      await giveBack(taken);
      return { allowed: false, limit: step.limit, retryAfterMs: rejection.msBeforeNext };
    }
  }
  return { allowed: true, finish: (succeeded) => (succeeded ? giveBack(taken) : Promise.resolve()) };

  async function giveBack(steps: { name: LimitName; key: string }[]) {
    await Promise.all(steps.map((s) => all[s.name].reward(s.key, 1)));
  }
}

// Web-form posting (issue #8.13): 30 posts a minute per person is more than anyone types, and stops a script
// driving the forms from flooding every feed. (The API has its own per-token limit.)
const POSTS_PER_MINUTE = 30;
const postingLimiter = () => sharedLimiter({ keyPrefix: "web-posts", points: POSTS_PER_MINUTE, duration: 60 });

/** Takes one post from the person's allowance: 0 when they may post now, else the milliseconds to wait. */
export async function takePostingAllowance(userId: number): Promise<number> {
  if (getEnv().SORI_DISABLE_RATE_LIMIT === "1") return 0;
  try {
    await postingLimiter().consume(String(userId));
    return 0;
  } catch (rejection) {
    if (rejection instanceof Error) throw rejection;
    return Math.max(1, (rejection as { msBeforeNext: number }).msBeforeNext);
  }
}
