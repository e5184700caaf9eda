import { LockIcon } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";

/** Shown instead of an instance-wide page (/system/...) to someone who is not a system admin. */
export function SystemAccessNotice({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Card className="mx-auto w-full max-w-xl" data-testid="access-notice">
      <CardHeader>
        <div aria-hidden="true" className="mb-2 flex size-10 items-center justify-center rounded-full bg-muted text-muted-foreground">
          <LockIcon className="size-5" />
        </div>
        <CardTitle asChild>
          <h1 className="text-lg">{title}</h1>
        </CardTitle>
        {children ? <CardDescription className="space-y-2">{children}</CardDescription> : null}
      </CardHeader>
      <CardFooter>
        <Button asChild variant="outline">
          <Link href="/">Back to Lyceum</Link>
        </Button>
      </CardFooter>
    </Card>
  );
}
