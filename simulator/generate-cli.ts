// `tsx simulator/generate-cli.ts --out /tmp/large.json [--users 1000] [--findings 20000] [--evaluations 5000] [--seed 7]`
import { writeFileSync } from "node:fs";
import { type GenerateOptions, generateEstate } from "./generate";

function parseArguments(argv: string[]): GenerateOptions & { out?: string } {
  const options: GenerateOptions & { out?: string } = {};
  for (let position = 0; position < argv.length; position += 2) {
    const [flag, value] = [argv[position], argv[position + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === "--out") options.out = value;
    else if (flag === "--users") options.users = Number(value);
    else if (flag === "--findings") options.findings = Number(value);
    else if (flag === "--evaluations") options.configEvaluations = Number(value);
    else if (flag === "--seed") options.seed = Number(value);
    else if (flag === "--account-id") options.accountId = value;
    else if (flag === "--regions") options.regions = value.split(",");
    else throw new Error(`Unknown option ${flag}`);
  }
  return options;
}

{
  const { out, ...options } = parseArguments(process.argv.slice(2));
  const document = JSON.stringify(generateEstate(options));
  if (out) {
    writeFileSync(out, document);
    console.log(`Wrote ${out} (${Math.round(document.length / 1024)} KiB)`);
  } else {
    process.stdout.write(document);
  }
}
