import path from "node:path";
import { fileURLToPath } from "node:url";

export const TMP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../.tmp");
export const BASE_DB = path.join(TMP_DIR, "base.db");
