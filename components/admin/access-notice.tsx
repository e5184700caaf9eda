import { LockIcon } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";

/**
 * Shown instead of a page's tools when the viewer's roles do not cover them.
 * `headingLevel` is "h1" when it replaces the whole page. Without `orgId`
 * (instance-wide pages such as /system) it leads back to Lyceum's home.
 */
export function AccessNotice({
  title,
  children,
  orgId,
  headingLevel = "h2",
}: {
  title: string;
  children?: ReactNode;
  orgId?: string;
  headingLevel?: "h1" | "h2";
}) {
  const Heading = headingLevel;
  return (
    <Card className="mx-auto w-full max-w-xl" data-testid="access-notice">
      <CardHeader>
        <div aria-hidden="true" className="mb-2 flex size-10 items-center justify-center rounded-full bg-muted text-muted-foreground">
          <LockIcon className="size-5" />
        </div>
        <CardTitle asChild>
          <Heading className="text-lg">{title}</Heading>
        </CardTitle>
        {children ? <CardDescription className="space-y-2">{children}</CardDescription> : null}
      </CardHeader>
      <CardFooter>
        <Button asChild variant="outline">
          {orgId ? <Link href={`/orgs/${orgId}`}>Back to the organisation home</Link> : <Link href="/">Back to Lyceum</Link>}
        </Button>
      </CardFooter>
    </Card>
  );
}
