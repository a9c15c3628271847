/** AWS account environments as Rampart labels them (Prisma enum Environment). */
export const ENVIRONMENTS = ["PRODUCTION", "STAGING", "DEVELOPMENT", "SHARED_SERVICES", "SANDBOX"] as const;
export type EnvironmentName = (typeof ENVIRONMENTS)[number];

export function environmentLabel(environment: string): string {
  return environment.replaceAll("_", " ").toLowerCase();
}
