"use client";

import { useRef, useState, useSyncExternalStore } from "react";
import { updateProfileAction } from "@/app/actions/auth";
import { FormAlert } from "@/components/auth/form-alert";
import { fieldError, useFormAction } from "@/components/auth/use-form-action";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/ui/select-native";

function subscribeNever(): () => void {
  return () => {};
}

/** The browser's time zone; null on the server. */
function useBrowserTimeZone(): string | null {
  return useSyncExternalStore(
    subscribeNever,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => null,
  );
}

export function ProfileForm({
  name,
  email,
  timeZone,
  timeZones,
}: {
  name: string;
  email: string;
  timeZone: string;
  timeZones: string[];
}) {
  const { state, pending, formProps } = useFormAction(updateProfileAction);
  const [zone, setZone] = useState(timeZone);
  const zoneSelect = useRef<HTMLSelectElement>(null);
  const browserZone = useBrowserTimeZone();
  const options = browserZone && !timeZones.includes(browserZone) ? [...timeZones, browserZone] : timeZones;

  return (
    <form {...formProps} className="space-y-4">
      <FormAlert state={state} />
      <FormField
        label="Name"
        name="name"
        autoComplete="name"
        required
        maxLength={100}
        defaultValue={name}
        error={fieldError(state, "name")}
      />
      <FormField
        label="Email"
        name="email"
        type="email"
        readOnly
        defaultValue={email}
        inputClassName="bg-muted"
        description="You sign in with this address. It cannot be changed here."
      />
      <FormField
        label="Time zone"
        name="timeZone"
        required
        description="Dates, deadlines and session times are shown in this zone."
        error={fieldError(state, "timeZone")}
      >
        <NativeSelect ref={zoneSelect} value={zone} onChange={(event) => setZone(event.target.value)}>
          {options.map((z) => (
            <option key={z} value={z}>
              {z.replaceAll("_", " ")}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      {browserZone && browserZone !== zone ? (
        <p className="text-sm text-muted-foreground" data-testid="browser-time-zone">
          Your browser is set to {browserZone.replaceAll("_", " ")}.{" "}
          <Button type="button" variant="link" className="h-auto p-0" onClick={() => {
              setZone(browserZone);
              // This button goes away once used; keep keyboard focus on the choice it made.
              zoneSelect.current?.focus();
            }}>
            Use {browserZone.replaceAll("_", " ")}
          </Button>
        </p>
      ) : null}
      <Button type="submit" disabled={pending} className="w-full sm:w-auto">
        {pending ? "Saving…" : "Save profile"}
      </Button>
    </form>
  );
}
