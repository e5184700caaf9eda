import type { Page } from "@playwright/test";
import { demo, expect, sidewaysOverflow, signIn, snapPage, test } from "./fixtures";

/**
 * The enrolment wizard on a phone (375 px, touch): the demo student, who the
 * seed leaves without availability, opens it from the course home, keeps
 * their role and detected zone, paints times with a finger drag and with the
 * keyboard, saves, and finds the same week after a reload.
 */

const courseTitle = "Motion and Forces";
const cohortName = "Physics · Autumn 2026";

test.use({ timezoneId: "America/New_York" });

/** A finger dragged from the middle of one element to the middle of another, as touch events (Chromium turns them into pointer events). */
async function touchDrag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }, steps = 8): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const point = (x: number, y: number) => [{ x, y, id: 1, radiusX: 4, radiusY: 4, force: 1 }];
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: point(from.x, from.y) });
  for (let i = 1; i <= steps; i++) {
    const x = from.x + ((to.x - from.x) * i) / steps;
    const y = from.y + ((to.y - from.y) * i) / steps;
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: point(x, y) });
  }
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await cdp.detach();
}

async function centre(page: Page, name: string): Promise<{ x: number; y: number }> {
  const box = await page.getByRole("gridcell", { name, exact: true }).boundingBox();
  if (!box) throw new Error(`No grid cell named ${name}`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

test("a learner paints their weekly availability by touch and keyboard on a phone, saves it, and finds it after a reload", async ({ page }) => {
  await signIn(page, demo.student);
  await page.getByRole("navigation", { name: "Organisation" }).getByRole("link", { name: "Learning" }).click();
  await page.getByTestId("my-cohort").filter({ hasText: cohortName }).getByRole("link", { name: courseTitle }).click();
  await expect(page.getByRole("heading", { name: courseTitle, level: 1 })).toBeVisible();

  const card = page.getByTestId("meeting-times-card");
  await expect(card.getByRole("heading", { name: "Pick your meeting times" })).toBeVisible();
  await card.getByRole("link", { name: "Pick your meeting times" }).click();
  await expect(page.getByRole("heading", { name: "Pick your meeting times", level: 1 })).toBeVisible();

  // Step 1: a learner joins as a participant; facilitating is for the cohort's facilitators.
  await expect(page.getByRole("radio", { name: "Participant" })).toBeChecked();
  await expect(page.getByRole("radio", { name: "Facilitator" })).toBeDisabled();
  await expectFits(page, "the role step");
  await snapPage(page, "phone-availability-role");
  await page.getByRole("button", { name: "Next", exact: true }).click();

  // Step 2: the zone detected from the device is kept.
  await expect(page.getByRole("heading", { name: "Which time zone are you in?" })).toBeVisible();
  await expect(page.getByTestId("chosen-zone")).toHaveText("America/New York");
  await expect(page.getByText("Detected from this device.")).toBeVisible();
  await expectFits(page, "the time zone step");
  await snapPage(page, "phone-availability-zone");
  await page.getByRole("button", { name: "Next", exact: true }).click();

  // Step 3: a finger drag from Tuesday 18:00 to Wednesday 19:30 marks 2 x 2 hours.
  await expect(page.getByRole("heading", { name: "When could you meet each week?" })).toBeVisible();
  const grid = page.getByRole("grid", { name: /Your week/ });
  await expect(grid).toBeVisible();
  await page.getByRole("gridcell", { name: "Tue 18:00–18:30, not available" }).scrollIntoViewIfNeeded();
  await touchDrag(page, await centre(page, "Tue 18:00–18:30, not available"), await centre(page, "Wed 19:30–20:00, not available"));
  await expect(page.getByRole("gridcell", { name: "Tue 18:00–18:30, available" })).toBeVisible();
  await expect(page.getByRole("gridcell", { name: "Wed 19:30–20:00, available" })).toBeVisible();
  await expect(page.getByRole("gridcell", { name: "Wed 20:00–20:30, not available" })).toBeVisible();
  await expect(page.getByTestId("availability-summary")).toHaveText("4 h available");

  // Keyboard: "If needed", then Space on Thursday 09:00 and Shift + arrows down to 11:00.
  await page.getByRole("radio", { name: "If needed" }).click();
  await expect(page.getByRole("radio", { name: "If needed" })).toHaveAttribute("aria-checked", "true");
  await page.getByRole("gridcell", { name: "Thu 09:00–09:30, not available" }).focus();
  await page.keyboard.press("Space");
  await expect(page.getByRole("gridcell", { name: "Thu 09:00–09:30, if needed" })).toBeFocused();
  for (let i = 0; i < 3; i++) await page.keyboard.press("Shift+ArrowDown");
  await expect(page.getByRole("gridcell", { name: "Thu 10:30–11:00, if needed" })).toBeFocused();
  // A plain arrow moves without painting.
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("gridcell", { name: "Fri 10:30–11:00, not available" })).toBeFocused();
  await expect(page.getByTestId("availability-summary")).toHaveText("4 h available, 2 h if needed");
  await expectFits(page, "the grid");
  await snapPage(page, "phone-availability-grid");

  // Step 4: review and save.
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Check and save" })).toBeVisible();
  await expect(page.getByTestId("review-summary")).toHaveText("4 h available, 2 h if needed");
  await page.getByRole("button", { name: "Save availability" }).click();
  await expect(page.getByTestId("availability-saved")).toContainText("Your availability is saved");
  await expectFits(page, "the review step");
  await snapPage(page, "phone-availability-saved");

  // After a reload the week is as painted, on the grid step, under its new title.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Your meeting times", level: 1 })).toBeVisible();
  await expect(page.getByRole("gridcell", { name: "Tue 18:00–18:30, available" })).toBeVisible();
  await expect(page.getByRole("gridcell", { name: "Wed 19:30–20:00, available" })).toBeVisible();
  await expect(page.getByRole("gridcell", { name: "Thu 09:00–09:30, if needed" })).toBeVisible();
  await expect(page.getByRole("gridcell", { name: "Thu 10:30–11:00, if needed" })).toBeVisible();
  await expect(page.getByTestId("availability-summary")).toHaveText("4 h available, 2 h if needed");

  // The course home now says what was given.
  await page.getByRole("link", { name: courseTitle }).click();
  await expect(page.getByTestId("meeting-times-card").getByRole("heading", { name: "Your meeting times" })).toBeVisible();
  await expect(page.getByTestId("meeting-times-card")).toContainText("4 h available, 2 h if needed");
});

async function expectFits(page: Page, what: string) {
  expect(await sidewaysOverflow(page), `sideways scrolling on ${what}`).toBeLessThanOrEqual(0);
}
