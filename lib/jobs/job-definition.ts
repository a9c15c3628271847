import type { z } from "zod";

// A job: a name, a zod payload schema (a job with a bad payload fails loudly instead of doing something
// half-right), and a handler. Kept apart from the job modules so that any of them (and lib/access-reviews'
// reminder job) can use the shape without loading the others.

export interface JobDefinition<TSchema extends z.ZodType> {
  name: string;
  schema: TSchema;
  handler(payload: z.infer<TSchema>): Promise<void>;
}

export function parseJobPayload<TSchema extends z.ZodType>(
  job: JobDefinition<TSchema>,
  data: unknown,
): z.infer<TSchema> {
  const parsed = job.schema.safeParse(data);
  if (!parsed.success) {
    throw new Error(
      `Job ${job.name} received a bad payload: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`,
    );
  }
  return parsed.data;
}
