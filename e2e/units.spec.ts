import { demo, expect, signIn, snap, test } from "./fixtures";

test("an org admin creates a unit and moves it under another unit", async ({ page }) => {
  const name = `Robotics Lab ${Date.now() % 100000}`;
  await signIn(page, demo.admin);
  await page.getByRole("navigation", { name: "Organisation" }).getByRole("link", { name: "Units" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  await page.getByRole("button", { name: "Add sub-unit to North Campus" }).click();
  const addDialog = page.getByRole("dialog");
  await addDialog.getByLabel("Name").fill(name);
  await addDialog.getByRole("button", { name: "Add unit" }).click();
  await expect(addDialog).toBeHidden();
  await expect(page.getByRole("treeitem", { name })).toBeVisible();
  const northCampus = page.getByRole("treeitem", { name: "North Campus", exact: true });
  await expect(northCampus.getByRole("treeitem", { name })).toHaveCount(1);
  await snap(page, "unit-created");

  await page.getByRole("button", { name: `Move ${name}` }).click();
  const moveDialog = page.getByRole("dialog");
  const target = moveDialog.getByLabel(/^New parent unit/);
  const southLabel = await target.locator("option", { hasText: /South Campus$/ }).textContent();
  await target.selectOption({ label: southLabel ?? "" });
  await snap(page, "unit-move-dialog");
  await moveDialog.getByRole("button", { name: "Move unit" }).click();
  await expect(moveDialog).toBeHidden();

  const southCampus = page.getByRole("treeitem", { name: "South Campus", exact: true });
  await expect(southCampus.getByRole("treeitem", { name })).toHaveCount(1);
  await expect(northCampus.getByRole("treeitem", { name })).toHaveCount(0);
  await snap(page, "unit-moved");

  // The audit log records both changes.
  await page.getByRole("navigation", { name: "Organisation" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("main")).toContainText(name);
  await snap(page, "audit-log");
});

test("moving a unit into its own sub-unit is not offered", async ({ page }) => {
  await signIn(page, demo.admin);
  await page.goto(page.url().replace(/\/orgs\/([^/]+).*/, "/orgs/$1/admin/units"));
  await page.getByRole("button", { name: "Move North Campus" }).click();
  const options = await page.getByRole("dialog").getByLabel(/^New parent unit/).locator("option").allTextContents();
  expect(options.some((o) => o.includes("Science Department"))).toBe(false);
  expect(options.some((o) => o.endsWith("South Campus"))).toBe(true);
});
