/** The inbox's first-page input, shared by the page's prefetch and the list so the cached page is reused. */
export const INBOX_PAGE_SIZE = 20;

export function inboxListInput(unreadOnly: boolean) {
  return { unreadOnly, take: INBOX_PAGE_SIZE };
}
