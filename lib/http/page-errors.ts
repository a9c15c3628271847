import { notFound } from "next/navigation";
import { AppError } from "../errors";

/** Pages: an AppError NOT_FOUND from a read model becomes Next's 404 page (never a 500). */
export async function pageNotFoundOn<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
}
