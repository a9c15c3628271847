import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

// The demo's AWS simulator settings, written by `npm start` so that `npm run sync` run beside it
// syncs against the same simulator. The simulator's keys are fake and local: nothing secret here.
const DEMO_AWS_FILE = "demo-aws-environment.json";

export function writeDemoAwsEnvironment(dataDir: string, environment: Record<string, string>): void {
  writeFileSync(path.join(dataDir, DEMO_AWS_FILE), JSON.stringify(environment, null, 2));
}

export function readDemoAwsEnvironment(dataDir: string): Record<string, string> | undefined {
  const file = path.join(dataDir, DEMO_AWS_FILE);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
}

/**
 * Beside a running `npm start` demo, a command-line tool talks to its AWS simulator unless AWS endpoints
 * are configured. Returns the endpoint it adopted.
 */
export async function adoptRunningDemoSimulator(dataDir: string): Promise<string | undefined> {
  if (process.env.AWS_ENDPOINT_URL) return undefined;
  const demo = readDemoAwsEnvironment(dataDir);
  if (!demo?.AWS_ENDPOINT_URL) return undefined;
  const reachable = await fetch(demo.AWS_ENDPOINT_URL, { method: "GET" }).then(
    () => true,
    () => false,
  );
  if (!reachable) return undefined;
  Object.assign(process.env, demo);
  return demo.AWS_ENDPOINT_URL;
}
