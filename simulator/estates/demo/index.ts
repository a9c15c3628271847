// Demo portfolio manifest (docs/simulator-estates.md, ../shared/spec/demo-portfolio.md): which
// simulator estates belong to which customer. The app's seed reads it to create customers and
// accounts; the estates themselves are the YAML files beside this one.

export interface DemoAccount {
  accountId: string;
  alias: string;
  environment: string;
  regions: string[];
  roleArn: string;
  externalId: string;
  /** Estate file in this directory. */
  estateFile: string;
}

export interface DemoCustomer {
  name: string;
  slug: string;
  accounts: DemoAccount[];
}

const ROLE_NAME = "RampartAudit";

function account(
  estateFile: string,
  accountId: string,
  alias: string,
  environment: string,
  regions: string[],
  externalId: string,
): DemoAccount {
  return {
    accountId,
    alias,
    environment,
    regions,
    roleArn: `arn:aws:iam::${accountId}:role/${ROLE_NAME}`,
    externalId,
    estateFile,
  };
}

export const DEMO_PORTFOLIO: DemoCustomer[] = [
  {
    name: "Bluefin Logistics",
    slug: "bluefin-logistics",
    accounts: [
      account(
        "bluefin-prod.yaml",
        "314159265358",
        "bluefin-prod",
        "prod",
        ["us-east-1", "eu-west-1"],
        "bluefin-7c1e2a9d4b",
      ),
      account(
        "bluefin-staging.yaml",
        "314159265359",
        "bluefin-staging",
        "staging",
        ["us-east-1", "eu-west-1"],
        "bluefin-7c1e2a9d4b",
      ),
      account(
        "bluefin-log-archive.yaml",
        "314159265360",
        "bluefin-log-archive",
        "log-archive",
        ["us-east-1", "eu-west-1"],
        "bluefin-7c1e2a9d4b",
      ),
      // The organization's management account: Rampart reads the tree and SCPs through it. Its member
      // bluefin-analytics (bluefin-analytics.yaml, 314159265361) is deliberately not connected.
      account(
        "bluefin-management.yaml",
        "314159265300",
        "bluefin-management",
        "prod",
        ["us-east-1", "eu-west-1"],
        "bluefin-7c1e2a9d4b",
      ),
    ],
  },
  {
    name: "Meridian Health Partners",
    slug: "meridian-health-partners",
    accounts: [
      account("meridian-prod.yaml", "271828182845", "meridian-prod", "prod", ["us-east-1"], "meridian-5f8a3c2e91"),
      account("meridian-dev.yaml", "271828182846", "meridian-dev", "dev", ["us-east-1"], "meridian-5f8a3c2e91"),
    ],
  },
  {
    name: "Pinecone Retail",
    slug: "pinecone-retail",
    accounts: [account("pinecone-main.yaml", "161803398874", "pinecone", "prod", ["us-east-1"], "pinecone-0d4b7e6a13")],
  },
  {
    name: "Quasar Games",
    slug: "quasar-games",
    accounts: [
      account(
        "quasar-prod.yaml",
        "141421356237",
        "quasar-prod",
        "prod",
        ["us-east-1", "ap-southeast-1"],
        "quasar-9e2f1b8c57",
      ),
    ],
  },
];

/** Directory holding the demo estate files, relative to the repository root, for startSimulator({ estates }). */
export const DEMO_ESTATES_DIRECTORY = "simulator/estates/demo";
