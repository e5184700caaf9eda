import { signOutAction } from "@/app/actions/sign-out";
import { Button } from "@/components/ui/button";

/** On a link's page, for someone signed in as another person than the link is meant for. */
export function NotYouSignOut({ linkName }: { linkName: string }) {
  return (
    <form action={signOutAction} className="text-sm text-muted-foreground">
      Not you?{" "}
      <Button type="submit" variant="link" className="h-auto p-0">
        Sign out
      </Button>
      , then open the {linkName} again.
    </form>
  );
}
