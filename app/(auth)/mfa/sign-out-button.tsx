"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";

export function SignOutButton() {
  const [signingOut, setSigningOut] = useState(false);
  return (
    <Button
      variant="secondary"
      className="w-full"
      disabled={signingOut}
      onClick={() => {
        setSigningOut(true);
        void signOut({ callbackUrl: "/signed-out" });
      }}
    >
      {signingOut ? "Signing out…" : "Sign out"}
    </Button>
  );
}
