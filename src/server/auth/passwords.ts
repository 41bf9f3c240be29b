/** Passwords are hashed with argon2id (@node-rs/argon2, its default parameters). */
import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

export const hacher = (motDePasse: string): Promise<string> => hash(motDePasse);

export async function verifier(hache: string, motDePasse: string): Promise<boolean> {
  try {
    return await verify(hache, motDePasse);
  } catch {
    return false;
  }
}

/** A random password or token, URL-safe. */
export const aleatoire = (octets = 18): string => randomBytes(octets).toString('base64url');
