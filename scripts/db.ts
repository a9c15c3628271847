// Developer database commands. With DATABASE_URL unset they boot the embedded PostgreSQL first.
//   npm run db:migrate -- --name add_widgets   create + apply a migration (prisma migrate dev)
//   npm run db:generate                        regenerate the Prisma client
//   tsx scripts/db.ts deploy | reset | status
import { resolveDatabase } from "../lib/db/database-url";
import { GENERATE_PLACEHOLDER_URL, runPrisma } from "./prisma-cli";

async function main() {
  const [command = "status", ...rest] = process.argv.slice(2);
  if (command === "generate") {
    await runPrisma(["generate", ...rest], process.env.DATABASE_URL || GENERATE_PLACEHOLDER_URL);
    return;
  }
  const prismaArgs: Record<string, string[]> = {
    "migrate-dev": ["migrate", "dev"],
    deploy: ["migrate", "deploy"],
    reset: ["migrate", "reset", "--force"],
    status: ["migrate", "status"],
  };
  const args = prismaArgs[command];
  if (!args)
    throw new Error(`Unknown command "${command}". Use one of: generate, ${Object.keys(prismaArgs).join(", ")}`);
  const database = await resolveDatabase();
  try {
    await runPrisma([...args, ...rest], database.url);
  } finally {
    await database.embedded?.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
