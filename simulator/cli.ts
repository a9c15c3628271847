// `npm run sim`: the AWS simulator on its own, for manual use and the AWS CLI.
// (Kept apart from server.ts so that importing the simulator never runs a command line.)
import { readFileSync } from "node:fs";
import { startSimulator } from "./server";

interface CommandLine {
  estates: string[];
  port: number;
  seed: number;
  host: string;
  clock?: string;
  verbose: boolean;
  /** --deploy-template <accountId>=<template file>[?RoleName=…]: deploy a generated audit-role template. */
  deployments: { accountId: string; file: string; parameters: Record<string, string> }[];
}

function parseCommandLine(argv: string[]): CommandLine {
  const parsed: CommandLine = {
    estates: [],
    port: 4566,
    seed: 1,
    host: "127.0.0.1",
    verbose: false,
    deployments: [],
  };
  for (let position = 0; position < argv.length; position++) {
    const flag = argv[position];
    const value = () => {
      const next = argv[++position];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    if (flag === "--estates") parsed.estates.push(value());
    else if (flag === "--port") parsed.port = Number(value());
    else if (flag === "--seed") parsed.seed = Number(value());
    else if (flag === "--host") parsed.host = value();
    else if (flag === "--clock") parsed.clock = value();
    else if (flag === "--verbose") parsed.verbose = true;
    else if (flag === "--deploy-template") {
      const match = /^(\d{12})=([^?]+)(?:\?(.*))?$/.exec(value());
      if (!match) throw new Error("--deploy-template takes <12-digit account id>=<template file>[?RoleName=Name]");
      const parameters = Object.fromEntries(new URLSearchParams(match[3] ?? ""));
      parsed.deployments.push({ accountId: match[1], file: match[2], parameters });
    } else if (flag === "--help") {
      console.log(
        "Usage: npm run sim -- --estates <dir-or-file> [--estates …] [--deploy-template <account>=<template.yaml>[?RoleName=X]] [--port 4566] [--seed N] [--clock -90d] [--verbose]",
      );
      process.exit(0);
    } else throw new Error(`Unknown option ${flag}`);
  }
  if (parsed.estates.length === 0) parsed.estates.push("simulator/estates/demo");
  return parsed;
}

async function main(): Promise<void> {
  const commandLine = parseCommandLine(process.argv.slice(2));
  const simulator = await startSimulator({
    estates: commandLine.estates,
    port: commandLine.port,
    seed: commandLine.seed,
    host: commandLine.host,
    clock: commandLine.clock,
    verbose: commandLine.verbose,
  });
  for (const deployment of commandLine.deployments) {
    const record = simulator.deployTemplate(readFileSync(deployment.file, "utf8"), {
      accountId: deployment.accountId,
      parameters: deployment.parameters,
    });
    console.log(`Deployed ${deployment.file} into ${deployment.accountId}: role ${record.estate.auditRole.name}`);
  }
  const { baseIdentity } = simulator;
  console.log(`AWS simulator listening on ${simulator.url}`);
  console.log(`  export AWS_ENDPOINT_URL=${simulator.url}`);
  console.log(`  export AWS_ACCESS_KEY_ID=${baseIdentity.accessKeyId}`);
  console.log(`  export AWS_SECRET_ACCESS_KEY=${baseIdentity.secretAccessKey}`);
  console.log(`  base identity ${baseIdentity.arn}`);
  const summary = await fetch(`${simulator.url}/_sim/estates`).then(
    (response) => response.json() as Promise<{ accountId: string; alias?: string; roleArn: string }[]>,
  );
  for (const account of summary)
    console.log(`  account ${account.accountId} ${account.alias ?? ""} → ${account.roleArn}`);
  const stop = () => void simulator.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
