"use client";

import type { FormEvent, ReactNode } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button, type ButtonProps } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";

/**
 * A button that opens a dialog holding one small form (or a confirmation).
 * The trigger is a DialogTrigger, so focus returns to it when the dialog
 * closes. The form-level error is announced; field errors sit by their fields.
 */
export function FormDialog({
  open,
  onOpenChange,
  trigger,
  title,
  description,
  submitLabel,
  pendingLabel,
  pending,
  destructive = false,
  formError,
  onSubmit,
  children,
  submitDisabled = false,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The visible button: its props (label, icon, aria-label, variant). */
  trigger: ButtonProps;
  title: ReactNode;
  description?: ReactNode;
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  destructive?: boolean;
  formError?: string | null;
  onSubmit: () => void;
  children?: ReactNode;
  submitDisabled?: boolean;
}) {
  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!pending) onSubmit();
  }

  return (
    <Dialog open={open} onOpenChange={(next) => (pending && !next ? undefined : onOpenChange(next))}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" type="button" {...trigger} />
      </DialogTrigger>
      <DialogContent {...(description ? {} : { "aria-describedby": undefined })}>
        <form onSubmit={handleSubmit} noValidate className="grid gap-4">
          <DialogHeader>
            <DialogTitle>{title}</DialogTitle>
            {description ? <DialogDescription>{description}</DialogDescription> : null}
          </DialogHeader>
          {formError ? (
            <Alert variant="destructive">
              <AlertDescription>{formError}</AlertDescription>
            </Alert>
          ) : null}
          {children}
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline" disabled={pending}>
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" variant={destructive ? "destructive" : "default"} disabled={pending || submitDisabled}>
              {pending ? pendingLabel : submitLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
