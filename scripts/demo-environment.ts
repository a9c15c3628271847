// The demo that `npm start` (and the end-to-end tests) run: the AWS simulator serving the demo estates,
// the demo portfolio seeded into an empty database, and the AWS SDK pointed at the simulator through its
// standard endpoint variables. Evidence arrives only through the real sync.
import path from "node:path";
import { defaultSyncDependencies } from "../lib/collectors/default-dependencies";
import { syncAccount } from "../lib/collectors/sync-account";
import { requestSync } from "../lib/collectors/sync-run";
import { createPrismaClient } from "../lib/db/client";
import { isPortFree } from "../lib/db/embedded";
import { replayDemoChanges } from "../lib/demo/replay-changes";
import { enqueueSyncRun } from "../lib/jobs/queue";
import { type MailCatcher, startMailCatcher, storeCaughtMail } from "../lib/mail/catcher";
import { DEMO_USERS } from "../prisma/demo-users";
import { type DemoCustomerSpec, seedDemoPortfolio } from "../prisma/seed";
import { DEMO_PORTFOLIO } from "../simulator/estates/demo";
import { DEMO_UNREQUESTED_CHANGE_ACCOUNTS } from "../simulator/estates/demo/timeline";
import { simulatorAwsEnvironment } from "../simulator/sdk-environment";
import { startSimulator } from "../simulator/server";
import { writeDemoAwsEnvironment } from "./demo-aws-environment";

const DEMO_ESTATES_DIR = path.resolve("simulator", "estates", "demo");

const ENVIRONMENT_OF_ALIAS: Record<string, DemoCustomerSpec["accounts"][number]["environment"]> = {
  prod: "PRODUCTION",
  staging: "STAGING",
  dev: "DEVELOPMENT",
  "log-archive": "SHARED_SERVICES",
};

/** The simulator's demo manifest as Rampart customers and accounts (the ExternalId is per customer). */
export function demoCustomerSpecs(): DemoCustomerSpec[] {
  return DEMO_PORTFOLIO.map((customer) => ({
    name: customer.name,
    slug: customer.slug,
    externalId: customer.accounts[0]!.externalId,
    accounts: customer.accounts.map((account) => ({
      accountNumber: account.accountId,
      alias: account.alias,
      roleArn: account.roleArn,
      regions: account.regions,
      environment: ENVIRONMENT_OF_ALIAS[account.environment] ?? "PRODUCTION",
    })),
  }));
}

export interface DemoEnvironment {
  simulatorUrl: string;
  /** Variables that point the AWS SDK (and the AWS CLI) at the simulator with its base identity. */
  awsEnvironment: Record<string, string>;
  signIns: string[];
  /** SMTP_URL and RAMPART_MAIL_CATCHER for the app and worker when the mail catcher runs, else empty. */
  mailEnvironment: Record<string, string>;
  /** Queues a sync of every account that has never been synced (`inline` runs them here instead). */
  syncAllOnce(mode?: "queue" | "inline"): Promise<void>;
  /**
   * The demo's changes nobody requested (Meridian's dev drift), replayed on this simulator at past clocks
   * (lib/demo/replay-changes.ts). Only while nothing else syncs against it: `npm start` replays them in the
   * history process instead, on a simulator of its own.
   */
  replayDetectedChanges(days?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startDemoEnvironment(options: {
  databaseUrl: string;
  port: number;
  say?: (line: string) => void;
  dataDir?: string;
  /** Runs the demo's mail catcher (lib/mail/catcher.ts) on this loopback port; undefined = none. */
  mailCatcherPort?: number;
}): Promise<DemoEnvironment> {
  const say = options.say ?? (() => undefined);
  if (options.port !== 0 && !(await isPortFree(options.port))) {
    throw new Error(
      `Port ${options.port} for the demo AWS simulator is already in use. Set SIMULATOR_PORT to a free port.`,
    );
  }
  const simulator = await startSimulator({ estates: DEMO_ESTATES_DIR, port: options.port });
  // The demo's relative dates ("120 days ago") are anchored at start, so re-syncing an unchanged
  // estate yields unchanged evidence, as a real account would.
  simulator.setClock(new Date(), { frozen: true });
  const awsEnvironment = {
    ...simulatorAwsEnvironment(simulator),
    // Quasar's ap-southeast-1 throttles every EC2 call, always: each retry only waits (four attempts of each
    // EC2 read took ~50 s of a ~55 s first sync of the whole demo). Two attempts still show a retried call.
    AWS_MAX_ATTEMPTS: "2",
    // The trust policy Settings shows then names the principal the simulator's estates trust.
    RAMPART_PRINCIPAL_ARN: simulator.baseIdentity.arn,
  };
  // This process syncs too (inline mode, the sync CLI), so it gets the same variables as its children.
  Object.assign(process.env, awsEnvironment);
  if (options.dataDir) writeDemoAwsEnvironment(options.dataDir, awsEnvironment);
  say(`AWS simulator with the demo estates on ${simulator.url}`);

  const client = createPrismaClient(options.databaseUrl);
  try {
    if (await seedDemoPortfolio(client, demoCustomerSpecs()))
      say("Seeded the demo portfolio (4 customers, 7 AWS accounts, one user per role).");
  } finally {
    await client.$disconnect();
  }

  let catcher: { server: MailCatcher; client: ReturnType<typeof createPrismaClient> } | undefined;
  if (options.mailCatcherPort !== undefined) {
    if (options.mailCatcherPort !== 0 && !(await isPortFree(options.mailCatcherPort, "127.0.0.1"))) {
      await simulator.close();
      throw new Error(
        `Port ${options.mailCatcherPort} for the demo's mail catcher is already in use. Set MAIL_CATCHER_PORT to a free port, or SMTP_URL to a real mail server.`,
      );
    }
    const mailClient = createPrismaClient(options.databaseUrl);
    const server = await startMailCatcher({
      port: options.mailCatcherPort,
      store: (mail) => storeCaughtMail(mailClient, mail),
    });
    catcher = { server, client: mailClient };
    say(`Mail catcher on ${server.url}: administrators read what Rampart sends at /admin/outbox`);
  }

  return {
    simulatorUrl: simulator.url,
    awsEnvironment,
    mailEnvironment: catcher ? { SMTP_URL: catcher.server.url, RAMPART_MAIL_CATCHER: "1" } : {},
    signIns: [
      ...DEMO_USERS.map((user) => `${user.role.padEnd(18)} ${user.email.padEnd(38)} ${user.password}`),
      "Staff sign-ins ask for a code (two-step sign-in, ADR 015): `npm run demo:code -- admin` (or consultant,",
      "manager) prints the current one, or add the key to an authenticator app:",
      ...DEMO_USERS.filter((user) => user.mfaSecret).map((user) => `${user.key.padEnd(18)} key ${user.mfaSecret}`),
    ],
    async syncAllOnce(mode = "queue") {
      const db = createPrismaClient(options.databaseUrl);
      try {
        const neverSynced = await db.awsAccount.findMany({ where: { syncRuns: { none: {} } }, select: { id: true } });
        const inline: string[] = [];
        for (const account of neverSynced) {
          const { runId, created } = await requestSync(db, { awsAccountId: account.id, trigger: "DEMO" });
          if (!created) continue;
          if (mode === "inline") inline.push(runId);
          else await enqueueSyncRun(runId);
        }
        // All at once, as a worker with that many slots would: Quasar's throttled region spends most of its
        // sync waiting on retries, and the other accounts use that time.
        // Settled, not raced: the client is disconnected below only once every sync has finished.
        const settled = await Promise.allSettled(
          inline.map((runId) => syncAccount(db, runId, defaultSyncDependencies())),
        );
        const failure = settled.find((result) => result.status === "rejected");
        if (failure) throw failure.reason;
        if (neverSynced.length > 0)
          say(`First sync of ${neverSynced.length} demo accounts ${mode === "inline" ? "done" : "queued"}.`);
      } finally {
        await db.$disconnect();
      }
    },
    async replayDetectedChanges(days = 90) {
      const db = createPrismaClient(options.databaseUrl);
      try {
        const { detected } = await replayDemoChanges({
          client: db,
          simulator,
          accountNumbers: DEMO_UNREQUESTED_CHANGE_ACCOUNTS,
          days,
        });
        if (detected > 0) say(`Replayed ${detected} configuration changes nobody requested.`);
      } finally {
        await db.$disconnect();
      }
    },
    async close() {
      if (catcher) {
        await catcher.server.close();
        await catcher.client.$disconnect();
      }
      await simulator.close();
    },
  };
}
