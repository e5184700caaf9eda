import {
  notificationCatalog,
  notificationChannels,
  notificationTypes,
  type NotificationAudience,
  type NotificationChannel,
  type NotificationType,
} from "./catalog";

/** A stored choice (a NotificationPreference row). Without one the type's default applies. */
export interface PreferenceChoice {
  type: string;
  channel: NotificationChannel;
  enabled: boolean;
}

/**
 * The channels one notification goes to. `explicit` channels (a reminder's
 * own) replace the person's preferences for the type; either way only the
 * channels the type allows are used, in catalog order.
 */
export function resolveChannels(
  type: NotificationType,
  choices: readonly PreferenceChoice[],
  explicit?: readonly NotificationChannel[],
): NotificationChannel[] {
  const definition = notificationCatalog[type];
  const allowed = definition.channels as readonly NotificationChannel[];
  const defaults = definition.defaults as readonly NotificationChannel[];
  return notificationChannels.filter((channel) => {
    if (!allowed.includes(channel)) return false;
    if (explicit) return explicit.includes(channel);
    const choice = choices.find((c) => c.type === type && c.channel === channel);
    return choice ? choice.enabled : defaults.includes(channel);
  });
}

export interface PreferenceCell {
  channel: NotificationChannel;
  /** The type may use this channel at all. */
  available: boolean;
  enabled: boolean;
  /** No stored choice: the type's default applies. */
  isDefault: boolean;
}

export interface PreferenceRow {
  type: NotificationType;
  label: string;
  description: string;
  audience: NotificationAudience;
  cells: PreferenceCell[];
}

/** The preferences table: every type the person may see, by channel. */
export function preferenceTable(choices: readonly PreferenceChoice[], options: { isOrgAdmin: boolean }): PreferenceRow[] {
  return notificationTypes
    .filter((type) => notificationCatalog[type].audience === "everyone" || options.isOrgAdmin)
    .map((type) => {
      const definition = notificationCatalog[type];
      const allowed = definition.channels as readonly NotificationChannel[];
      const defaults = definition.defaults as readonly NotificationChannel[];
      return {
        type,
        label: definition.label,
        description: definition.description,
        audience: definition.audience,
        cells: notificationChannels.map((channel) => {
          const choice = choices.find((c) => c.type === type && c.channel === channel);
          const available = allowed.includes(channel);
          return {
            channel,
            available,
            enabled: available && (choice ? choice.enabled : defaults.includes(channel)),
            isDefault: !choice,
          };
        }),
      };
    });
}
