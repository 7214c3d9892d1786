// A dataset ready for the HTTP benchmarks: the generated database (cached) plus credentials made by the app.
import type { BenchAuth } from "./setup-auth";
import { ensureDataset } from "./generate";
import { runHelper, type DatasetMeta } from "./lib";

export type Prepared = { db: string; meta: DatasetMeta; auth: BenchAuth };

export async function prepareDataset(posts: number): Promise<Prepared> {
  const { db, meta } = await ensureDataset(posts);
  return { db, meta, auth: prepareAuth(db, meta) };
}

/** The credentials of a dataset's file (or of a copy of it), made once and kept in a sidecar next to it. */
export function prepareAuth(db: string, meta: DatasetMeta): BenchAuth {
  return runHelper<BenchAuth>(
    "setup-auth.ts",
    [
      "--viewers",
      `${meta.homeUserId},${meta.quietHomeUserId}`,
      "--readers",
      "600",
      "--writers",
      "200",
      "--writer-users",
      meta.writerUserIds.join(","),
    ],
    { DATABASE_PATH: db },
  );
}

/** Round-robin over a pool of tokens: each token stays far below the API's 300 requests/minute. */
export function tokenPool(tokens: string[]) {
  let i = 0;
  return () => tokens[i++ % tokens.length];
}
