import { Alert, AlertDescription } from "@/components/ui/alert";

/** The form-level error above a form's fields (what no single field shows); nothing when there is none. */
export function FormErrorAlert({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <Alert variant="destructive">
      <AlertDescription>{message}</AlertDescription>
    </Alert>
  );
}
