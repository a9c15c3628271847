import { randomBytes } from "node:crypto";
import type { SimulatorClock } from "../core/clock";
import { stableIamId } from "../estate/ids";

// Who may call the simulator: one long-term base identity (the collector's own IAM user) and the
// temporary sessions STS AssumeRole hands out for estate audit roles.

export interface BaseIdentity {
  accountId: string;
  arn: string;
  userId: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface RoleSession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  accountId: string;
  roleName: string;
  roleArn: string;
  roleId: string;
  sessionName: string;
  assumedRoleArn: string;
  /** The principal that assumed the role (for role chaining and logs). */
  sourceArn: string;
  expiresAtSimulatorMs: number;
  expiresAtWallMs: number;
}

export type Caller = { kind: "base"; identity: BaseIdentity } | { kind: "session"; session: RoleSession };

export const DEFAULT_BASE_IDENTITY: BaseIdentity = {
  accountId: "999999999999",
  arn: "arn:aws:iam::999999999999:user/rampart-collector",
  userId: stableIamId("AIDA", "999999999999", "user", "rampart-collector"),
  accessKeyId: "AKIARAMPARTSIMBASE01",
  secretAccessKey: "rampart-simulator-base-secret-key-0000000",
};

const KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function randomKeyId(prefix: string): string {
  const bytes = randomBytes(16);
  let out = prefix;
  for (const byte of bytes) out += KEY_ALPHABET[byte % 32];
  return out;
}

export function callerArn(caller: Caller): string {
  return caller.kind === "base" ? caller.identity.arn : caller.session.assumedRoleArn;
}

/** The IAM principal a trust policy names for this caller: the user, or the role behind a session. */
export function callerPrincipalArn(caller: Caller): string {
  return caller.kind === "base" ? caller.identity.arn : caller.session.roleArn;
}

export function callerAccountId(caller: Caller): string {
  return caller.kind === "base" ? caller.identity.accountId : caller.session.accountId;
}

export type CredentialLookup =
  | { status: "ok"; caller: Caller; secretAccessKey: string }
  | { status: "unknown" }
  | { status: "badToken" }
  | { status: "expired" };

export class SessionStore {
  private readonly sessions = new Map<string, RoleSession>();

  constructor(
    readonly base: BaseIdentity,
    private readonly clock: SimulatorClock,
  ) {}

  create(
    fields: Omit<
      RoleSession,
      "accessKeyId" | "secretAccessKey" | "sessionToken" | "expiresAtSimulatorMs" | "expiresAtWallMs"
    >,
    durationSeconds: number,
  ): RoleSession {
    const session: RoleSession = {
      ...fields,
      accessKeyId: randomKeyId("ASIA"),
      secretAccessKey: randomBytes(30).toString("base64"),
      sessionToken: `IQoJb3JpZ2luX2VjE${randomBytes(180).toString("base64")}`,
      expiresAtSimulatorMs: this.clock.nowMs() + durationSeconds * 1000,
      expiresAtWallMs: Date.now() + durationSeconds * 1000,
    };
    this.sessions.set(session.accessKeyId, session);
    return session;
  }

  lookup(accessKeyId: string, sessionToken: string | undefined): CredentialLookup {
    if (accessKeyId === this.base.accessKeyId) {
      return {
        status: "ok",
        caller: { kind: "base", identity: this.base },
        secretAccessKey: this.base.secretAccessKey,
      };
    }
    const session = this.sessions.get(accessKeyId);
    if (!session) return { status: "unknown" };
    if (sessionToken !== session.sessionToken) return { status: "badToken" };
    // Expiry follows the simulator clock (moving it past the expiry expires the session) and the wall clock.
    if (this.clock.nowMs() >= session.expiresAtSimulatorMs || Date.now() >= session.expiresAtWallMs)
      return { status: "expired" };
    return { status: "ok", caller: { kind: "session", session }, secretAccessKey: session.secretAccessKey };
  }

  /** Expires every session at once (tests of ExpiredToken handling). */
  expireAll(): void {
    for (const session of this.sessions.values()) session.expiresAtSimulatorMs = 0;
  }
}
