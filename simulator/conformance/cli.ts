// npm run sim:conformance: every served operation under every fault kind through the AWS CLI (the full
// matrix; the integration suite runs a sample of it). Prints each mismatch and the run's timing.
//   npm run sim:conformance [-- --workers 2]
import { startSimulator } from "../server";
import { buildOperationCases, CLI_ESTATES, CliPool, isAwsCliAvailable } from "./aws-cli";
import { FAULT_VARIANTS, runFaultMatrix } from "./fault-matrix";

const workersFlag = process.argv.indexOf("--workers");
const workers = workersFlag >= 0 ? Number(process.argv[workersFlag + 1]) : 2;

async function main(): Promise<void> {
  if (!(await isAwsCliAvailable())) {
    console.error("The AWS CLI (python3 -m awscli) is not installed: the conformance matrix needs it.");
    process.exitCode = 2;
    return;
  }
  const simulator = await startSimulator({ port: 0, estates: CLI_ESTATES, seed: 1 });
  const pool = new CliPool(workers);
  try {
    const cases = await buildOperationCases(simulator);
    const report = await runFaultMatrix(simulator, cases, pool);
    for (const cell of report.mismatches) {
      console.log(`MISMATCH ${cell.variant} ${cell.service}.${cell.operation}: ${cell.expected}`);
    }
    console.log(
      `${cases.length} operations × ${FAULT_VARIANTS.length} fault variants = ${report.cells} CLI calls, ` +
        `${report.mismatches.length} mismatches, ${(report.durationMs / 1000).toFixed(1)} s with ${workers} CLI workers`,
    );
    process.exitCode = report.mismatches.length === 0 ? 0 : 1;
  } finally {
    await pool.close();
    await simulator.close();
  }
}

void main();
