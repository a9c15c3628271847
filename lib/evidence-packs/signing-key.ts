import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import type { PrismaClient } from "../db/client";

// The installation's Ed25519 key for evidence-pack manifests. It lives in PostgreSQL (table SigningKey),
// not in RAMPART_DATA_DIR: the web server, the worker and the CLI may run as separate processes, even on
// separate hosts sharing one DATABASE_URL, and all must sign with the same key. The first process to need
// it inserts a fresh key with ON CONFLICT DO NOTHING and everyone then reads the row that won, so two
// processes starting at once still agree. The private key is read only here and never leaves the server.
// See docs/decisions/011-evidence-packs.md.

const KEY_ID = "evidence-pack";

export interface SigningKeyPair {
  privateKey: KeyObject;
  publicKeyPem: string;
  fingerprint: string;
}

export interface PublicSigningKey {
  publicKeyPem: string;
  fingerprint: string;
  createdAt: Date;
}

/** SHA-256 of the key's DER (SubjectPublicKeyInfo), hex, in groups of four for reading aloud. */
export function fingerprintOf(publicKey: KeyObject): string {
  const hex = createHash("sha256")
    .update(publicKey.export({ type: "spki", format: "der" }))
    .digest("hex");
  return hex.match(/.{4}/g)!.join(":");
}

export async function getOrCreateSigningKey(client: PrismaClient): Promise<SigningKeyPair> {
  let row = await client.signingKey.findUnique({ where: { id: KEY_ID } });
  if (!row) {
    const { publicKey, privateKey } = generateKeyPairSync("ed25519");
    await client.signingKey.createMany({
      data: [
        {
          id: KEY_ID,
          publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
          privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
          fingerprint: fingerprintOf(publicKey),
        },
      ],
      skipDuplicates: true,
    });
    row = await client.signingKey.findUniqueOrThrow({ where: { id: KEY_ID } });
  }
  return {
    privateKey: createPrivateKey(row.privateKeyPem),
    publicKeyPem: row.publicKeyPem,
    fingerprint: fingerprintOf(createPublicKey(row.publicKeyPem)),
  };
}

/** The public half, for Settings; creates the key if this installation has none yet. */
export async function getPublicSigningKey(client: PrismaClient): Promise<PublicSigningKey> {
  await getOrCreateSigningKey(client);
  const row = await client.signingKey.findUniqueOrThrow({
    where: { id: KEY_ID },
    select: { publicKeyPem: true, fingerprint: true, createdAt: true },
  });
  return row;
}
