import { hash, parseOptions, verify, type Algorithm } from "@node-rs/argon2";

/**
 * Argon2id with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane): about
 * 30 ms per hash here, slow enough for offline guessing, cheap enough for sign-in.
 */
// The package's Algorithm is an ambient const enum, which isolatedModules cannot read; 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;
export const passwordHashOptions = {
  algorithm: ARGON2ID,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, passwordHashOptions);
}

/** False (never a throw) for a wrong password or a malformed stored hash. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** A real hash with the current parameters, so verifying against it costs what a real check costs. */
function dummy(): Promise<string> {
  dummyHash ??= hashPassword("lyceum-dummy-password-for-timing");
  return dummyHash;
}
// Made at load, so even the first unknown-email sign-in costs only one verify.
void dummy().catch(() => {
  dummyHash = undefined;
});

/**
 * Checks a password against a user's stored hash, or against a dummy hash when
 * there is no user (or the user has no password), so the response time does
 * not reveal which emails have accounts.
 */
export async function verifyPasswordTimingSafe(
  storedHash: string | null | undefined,
  password: string,
): Promise<boolean> {
  if (!storedHash) {
    await verifyPassword(await dummy(), password);
    return false;
  }
  return verifyPassword(storedHash, password);
}

/** True when a stored hash was made with other parameters and should be replaced at the next sign-in. */
export function needsRehash(storedHash: string): boolean {
  try {
    const o = parseOptions(storedHash);
    return (
      o.algorithm !== passwordHashOptions.algorithm ||
      o.memoryCost !== passwordHashOptions.memoryCost ||
      o.timeCost !== passwordHashOptions.timeCost ||
      o.parallelism !== passwordHashOptions.parallelism
    );
  } catch {
    return true;
  }
}
