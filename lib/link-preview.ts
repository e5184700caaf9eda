import { isAppError } from "./errors";

/**
 * What an invite or join link is for, for the page that opens it: the
 * preview, and, when the link cannot be used, why. A link the service
 * refuses outright (unknown, malformed) has no preview, only its message.
 */
export async function previewLink<T extends { valid: boolean; reason?: string }>(
  load: () => Promise<T>,
): Promise<{ preview: T | null; problem: string | undefined }> {
  try {
    const preview = await load();
    return { preview, problem: preview.valid ? undefined : preview.reason };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { preview: null, problem: error.message };
  }
}
