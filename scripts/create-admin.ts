// `npm run admin:create -- --email <address> --name "<full name>"`: the first administrator of a real
// installation (RAMPART_DEMO=0 seeds nobody). The password is read from RAMPART_ADMIN_PASSWORD or typed
// at the prompt; it must pass the same rules as any other password and is never echoed or logged.
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { z } from "zod";
import { recordAudit } from "../lib/audit/record-audit";
import { hashPassword, validateNewPassword } from "../lib/auth/password";
import { normalizeEmail } from "../lib/auth/sign-in";
import { db, disconnectDb } from "../lib/db/client";
import { resolveDatabase } from "../lib/db/database-url";
import { resetEnvCache } from "../lib/env";
import { runPrisma } from "./prisma-cli";

const argsSchema = z.object({
  email: z
    .string({ message: "Give the administrator's e-mail address with --email" })
    .email("Give a valid e-mail address with --email"),
  name: z
    .string({ message: 'Give the administrator\'s name with --name "First Last"' })
    .trim()
    .min(2, 'Give the administrator\'s name with --name "First Last"'),
});

async function readPassword(): Promise<string> {
  if (process.env.RAMPART_ADMIN_PASSWORD) return process.env.RAMPART_ADMIN_PASSWORD;
  if (!process.stdin.isTTY)
    throw new Error("Set RAMPART_ADMIN_PASSWORD, or run this in a terminal to type the password.");
  const prompt = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  // Hide what is typed: readline echoes through _writeToOutput.
  (prompt as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = () => undefined;
  process.stdout.write("Password (not shown): ");
  const password = await prompt.question("");
  prompt.close();
  process.stdout.write("\n");
  return password;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } }, strict: true });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    console.error(parsed.error.issues.map((issue) => issue.message).join("\n"));
    return 2;
  }
  const email = normalizeEmail(parsed.data.email);
  const password = await readPassword();
  const problem = validateNewPassword(password, { email, name: parsed.data.name });
  if (problem) {
    console.error(problem);
    return 2;
  }
  const database = await resolveDatabase("rampart", { attachToRunning: true });
  process.env.DATABASE_URL = database.url;
  resetEnvCache();
  try {
    await runPrisma(["migrate", "deploy"], database.url, { quiet: true });
    if (await db().user.findUnique({ where: { email }, select: { id: true } })) {
      console.error(`A user with the e-mail ${email} already exists.`);
      return 1;
    }
    const user = await db().user.create({
      data: { email, name: parsed.data.name, role: "ADMIN", passwordHash: await hashPassword(password) },
      select: { id: true, email: true },
    });
    await recordAudit(db(), {
      actorEmail: "command line",
      action: "user.created_by_command_line",
      targetType: "User",
      targetId: user.id,
    });
    console.log(`Administrator ${user.email} created. Sign in at the web app.`);
    return 0;
  } finally {
    await disconnectDb();
    await database.embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
