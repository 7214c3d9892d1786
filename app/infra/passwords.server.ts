// Password hashing, apart from sessions: domain use cases (createUser) and sign-in both need it.
import { hash, verify } from "@node-rs/argon2";

// argon2id with the library's OWASP-recommended defaults (19 MiB, t=2, p=1).
export function hashPassword(password: string) {
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
