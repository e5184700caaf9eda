"use client";

import type { ComponentProps, FormEvent, ReactNode } from "react";
import { FormErrorAlert } from "@/components/ui/form-error-alert";
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
 * A dialog that asks before a change: a confirmation, or a small form whose
 * fields are its children. With a `trigger` the dialog brings its own button
 * (a DialogTrigger, so focus returns to it on close); without one the caller
 * opens it. While the change is pending it cannot be dismissed. The
 * form-level error is announced; field errors sit by their fields.
 */
export function ConfirmDialog({
  open,
  onOpenChange,
  trigger,
  title,
  description,
  confirmLabel,
  pendingLabel,
  pending,
  destructive = false,
  confirmDisabled = false,
  formError,
  onConfirm,
  onCloseAutoFocus,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The visible button that opens the dialog: its props (label, icon, aria-label, variant). */
  trigger?: ButtonProps;
  title: ReactNode;
  description?: ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  pending: boolean;
  destructive?: boolean;
  confirmDisabled?: boolean;
  formError?: string | null;
  onConfirm: () => void;
  onCloseAutoFocus?: ComponentProps<typeof DialogContent>["onCloseAutoFocus"];
  /** Form fields, between the error and the buttons. */
  children?: ReactNode;
}) {
  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!pending) onConfirm();
  }

  return (
    <Dialog open={open} onOpenChange={(next) => (pending && !next ? undefined : onOpenChange(next))}>
      {trigger ? (
        <DialogTrigger asChild>
          <Button variant="ghost" size="sm" type="button" {...trigger} />
        </DialogTrigger>
      ) : null}
      <DialogContent onCloseAutoFocus={onCloseAutoFocus} {...(description ? {} : { "aria-describedby": undefined })}>
        <form onSubmit={handleSubmit} noValidate className="grid gap-4">
          <DialogHeader>
            <DialogTitle>{title}</DialogTitle>
            {description ? <DialogDescription>{description}</DialogDescription> : null}
          </DialogHeader>
          <FormErrorAlert message={formError} />
          {children}
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline" disabled={pending}>
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" variant={destructive ? "destructive" : "default"} disabled={pending || confirmDisabled}>
              {pending ? pendingLabel : confirmLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
