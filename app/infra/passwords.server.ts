// Password hashing, apart from sessions: domain use cases (createUser) and sign-in both need it.
import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";
import { AppError } from "#app/utils/errors";
import { MIN_PASSWORD_LENGTH } from "#app/utils/validation";

// ~49,000 passwords seen most often in breaches (zxcvbn-ts's list), read once into a Set on first use (~25 ms).
let common: Set<string> | undefined;
const commonPasswords = () => (common ??= new Set(dictionary["passwords-common"]));

/**
 * Whether a password is one an attacker tries first (issue #8.13): on the common-password list (ignoring case), a
 * listed one padded with digits or symbols ("Password1234!", "!!dragon2024"), or trivially made — few distinct
 * characters ("aaaaaaaaaaaa"), a repeated chunk ("abcabcabcabc") or a run ("abcdefghijkl", "zyxwvutsrqpo").
 */
export function isGuessablePassword(password: string): boolean {
  const p = password.normalize("NFKC").toLowerCase();
  if (new Set(p).size < 4) return true;
  if (/^(.+?)\1+$/su.test(p)) return true;
  const codes = [...p].map((c) => c.codePointAt(0)!);
  const steps = new Set(codes.slice(1).map((c, i) => c - codes[i]!));
  if (steps.size === 1 && Math.abs([...steps][0]!) === 1) return true;
  const list = commonPasswords();
  if (list.has(p)) return true;
  const core = p.replace(/^[\p{N}\p{P}\p{S}\s]+|[\p{N}\p{P}\p{S}\s]+$/gu, "");
  return core.length >= 4 && core !== p && list.has(core);
}

/** Refuses a new password that is too short or guessable, as a message on the form's password field. */
export function assertAcceptablePassword(password: string) {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError(400, "weak_password", "error.tooShort", {
      password: { key: "error.tooShort", vars: { min: MIN_PASSWORD_LENGTH } },
    });
  }
  if (isGuessablePassword(password)) {
    throw new AppError(400, "weak_password", "accounts.passwordCommon", { password: "accounts.passwordCommon" });
  }
}

// argon2id with the library's OWASP-recommended defaults (19 MiB, t=2, p=1). Every new password is hashed here,
// so none is stored that the rules above refuse (sign-up, set-up, CLI, password changes alike).
export async function hashPassword(password: string) {
  assertAcceptablePassword(password);
  return hash(password);
}

// Verifying against a fixed hash when the account doesn't exist keeps the timing the same, so sign-in
// never reveals whether an email is registered.
let dummyHash: Promise<string> | undefined;
export async function verifyPassword(passwordHash: string | null, password: string) {
  if (!passwordHash) {
    dummyHash ??= hash("sori-dummy-password");
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
