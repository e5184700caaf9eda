"use client";

import { useMutation } from "@tanstack/react-query";
import { CheckIcon, CopyIcon, MailCheckIcon, TriangleAlertIcon } from "lucide-react";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { FormErrorAlert } from "@/components/ui/form-error-alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/select-native";
import { createInviteSchema, roleWithArticle } from "@/lib/schemas/org";
import { roleLabels, type Role } from "@/lib/schemas/roles";
import { toastError, toastSuccess } from "./mutation-feedback";
import { useFormErrors, useInvalidateInvites } from "./use-mutation-dialog";

export interface InviteUnitOption {
  id: string;
  label: string;
  /** The roles the viewer may grant in this unit (org admins: all; teachers: student). */
  roles: Role[];
}

interface Created {
  url: string;
  email: string | null;
  emailed: boolean;
  unitName: string;
  role: Role;
}

const fields = ["unitId", "role", "email", "maxUses", "expiresInDays"] as const;

function defaultRole(roles: readonly Role[]): Role | "" {
  return roles.includes("student") ? "student" : (roles[0] ?? "");
}

/** Copies with the Clipboard API, or by selecting the field where that is unavailable (plain http). */
export async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall back to selecting the text
  }
  if (!input) return false;
  input.focus();
  input.select();
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  }
}

function CreatedInvite({ created, onAnother }: { created: Created; onAnother: () => void }) {
  const linkId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  async function copy() {
    const ok = await copyText(created.url, inputRef.current);
    setCopied(ok);
    if (ok) toastSuccess("Invite link copied");
    else toastError("Could not copy the link", new Error("Select the link and copy it with your keyboard or menu."));
  }

  return (
    <div className="space-y-4" data-testid="created-invite">
      <h3 ref={headingRef} tabIndex={-1} className="text-base font-semibold outline-none">
        Invite created
      </h3>
      <p className="text-sm text-muted-foreground">
        {created.email ? `${created.email} can use this link once` : "Anyone with this link can use it"} to join {created.unitName} as{" "}
        {roleWithArticle(created.role)}.
      </p>
      <div className="grid gap-2">
        <Label htmlFor={linkId}>Invite link</Label>
        <div className="flex flex-col gap-2 sm:flex-row">
          <Input
            id={linkId}
            ref={inputRef}
            readOnly
            value={created.url}
            onFocus={(e) => e.currentTarget.select()}
            className="font-mono text-xs md:text-xs"
            aria-describedby={`${linkId}-note`}
          />
          <Button type="button" onClick={() => void copy()} className="shrink-0">
            {copied ? <CheckIcon aria-hidden="true" /> : <CopyIcon aria-hidden="true" />}
            {copied ? "Copied" : "Copy link"}
          </Button>
        </div>
        <p id={`${linkId}-note`} className="text-sm font-medium">
          Copy it now: this link will not be shown again. Lyceum keeps only a fingerprint of it; if it is lost, revoke the invite and create
          another.
        </p>
      </div>
      {created.email ? (
        created.emailed ? (
          <Alert variant="success">
            <MailCheckIcon aria-hidden="true" />
            <AlertDescription>We also emailed the link to {created.email}.</AlertDescription>
          </Alert>
        ) : (
          <Alert variant="destructive" role="status">
            <TriangleAlertIcon aria-hidden="true" />
            <AlertTitle>The email to {created.email} could not be sent</AlertTitle>
            <AlertDescription>The invite works: send them the link above yourself.</AlertDescription>
          </Alert>
        )
      ) : null}
      <Button type="button" variant="outline" onClick={onAnother}>
        Create another invite
      </Button>
    </div>
  );
}

/**
 * Creates an invite link. The link is shown once, right after it is made:
 * the server keeps only its hash.
 */
export function InviteForm({ orgId, units }: { orgId: string; units: InviteUnitOption[] }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateInvites();
  const [unitId, setUnitId] = useState(units[0]?.id ?? "");
  const unit = units.find((u) => u.id === unitId);
  const allowedRoles = unit?.roles ?? [];
  const [role, setRole] = useState<Role | "">(defaultRole(units[0]?.roles ?? []));
  const [email, setEmail] = useState("");
  const [maxUses, setMaxUses] = useState("1");
  const [expiresInDays, setExpiresInDays] = useState("7");
  const errors = useFormErrors();
  const { fieldErrors, formError } = errors;
  const [created, setCreated] = useState<Created | null>(null);
  const forOnePerson = email.trim() !== "";

  const mutation = useMutation(
    trpc.invites.create.mutationOptions({
      onSuccess: async (result) => {
        setCreated({
          url: result.url,
          email: result.invite.email,
          emailed: result.emailed,
          unitName: result.invite.unitName,
          role: result.invite.role,
        });
        toastSuccess("Invite created", result.emailed ? `Emailed to ${result.invite.email ?? ""}. Copy the link if you need it.` : "Copy the link now: it is shown only once.");
        await invalidate();
      },
      onError: (error) => {
        errors.show(error, fields);
        toastError("The invite was not created", error);
      },
    }),
  );

  if (units.length === 0) {
    return (
      <EmptyState
        titleAs="h3"
        title="No unit to invite people to"
        description="You can invite people only to active units where you are an org admin or a teacher. Ask an org admin to restore the unit or give you a role."
      />
    );
  }

  if (created) {
    return (
      <CreatedInvite
        created={created}
        onAnother={() => {
          setCreated(null);
          setEmail("");
          errors.reset();
        }}
      />
    );
  }

  function changeUnit(next: string) {
    setUnitId(next);
    const roles = units.find((u) => u.id === next)?.roles ?? [];
    if (!roles.some((r) => r === role)) setRole(defaultRole(roles));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const input = {
      orgId,
      unitId,
      role,
      email: email.trim() || undefined,
      maxUses: forOnePerson ? 1 : maxUses.trim() === "" ? Number.NaN : Number(maxUses),
      expiresInDays: expiresInDays.trim() === "" ? Number.NaN : Number(expiresInDays),
    };
    const parsed = errors.check(createInviteSchema, input, "Check the highlighted fields.");
    if (parsed) mutation.mutate(parsed);
  }

  return (
    <form onSubmit={submit} noValidate className="grid gap-4" aria-label="Create an invite">
      <FormErrorAlert message={formError} />
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Unit" name="unitId" required error={fieldErrors.unitId}>
          <NativeSelect value={unitId} onChange={(e) => changeUnit(e.target.value)}>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.label}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField
          label="Role"
          name="role"
          required
          error={fieldErrors.role}
          description={allowedRoles.length === 1 && allowedRoles[0] === "student" ? "Teachers can invite students only." : undefined}
        >
          <NativeSelect value={role} onChange={(e) => setRole(allowedRoles.find((r) => r === e.target.value) ?? "")}>
            {allowedRoles.map((r) => (
              <option key={r} value={r}>
                {roleLabels[r]}
              </option>
            ))}
          </NativeSelect>
        </FormField>
      </div>
      <FormField
        label="Email (optional)"
        name="email"
        type="email"
        autoComplete="off"
        inputMode="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={fieldErrors.email}
        description="Only this person will be able to use the invite, and we email them the link. Leave it empty for a link you share yourself."
        placeholder="name@example.com"
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField
          label="Maximum uses"
          name="maxUses"
          type="number"
          inputMode="numeric"
          min={1}
          max={1000}
          step={1}
          required
          disabled={forOnePerson}
          value={forOnePerson ? "1" : maxUses}
          onChange={(e) => setMaxUses(e.target.value)}
          error={fieldErrors.maxUses}
          description={forOnePerson ? "An invite for one email address can be used once." : "How many people can join with this link (1 to 1000)."}
        />
        <FormField
          label="Expires in (days)"
          name="expiresInDays"
          type="number"
          inputMode="numeric"
          min={1}
          max={90}
          step={1}
          required
          value={expiresInDays}
          onChange={(e) => setExpiresInDays(e.target.value)}
          error={fieldErrors.expiresInDays}
          description="1 to 90 days. You can revoke it sooner."
        />
      </div>
      <div>
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? "Creating…" : "Create invite"}
        </Button>
      </div>
    </form>
  );
}
