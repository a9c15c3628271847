import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/actor";
import { isCustomerUser } from "@/lib/authz/policy";

export default async function HomePage() {
  const actor = await requireActor();
  redirect(isCustomerUser(actor) ? `/customers/${actor.customerId}` : "/portfolio");
}
